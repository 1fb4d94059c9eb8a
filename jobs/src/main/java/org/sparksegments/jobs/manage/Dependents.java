package org.sparksegments.jobs.manage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparksegments.conditions.bind.References;
import org.sparksegments.conditions.bind.References.Ref;
import org.sparksegments.jobs.manage.SegmentFolder.Entry;

/**
 * The segments of a folder that depend on one segment: directly, by a {@code segment} or
 * {@code conditions_of} reference anywhere in their condition tree, or indirectly, by referring
 * to a segment that depends on it.
 */
public final class Dependents {
  private Dependents() {}

  /**
   * One reference that makes a segment depend on the target.
   *
   * @param pointer the JSON pointer of the reference from the root of its file
   *     ({@code /conditions/all/1/segment})
   * @param refersTo the segment named there: the target itself for a direct dependent, another
   *     dependent for an indirect one
   */
  public record Dependent(String id, String file, boolean direct, String pointer,
      String refersTo) {

    /** The line of the dependents command: id, file, direct|indirect, pointer, refers-to. */
    public String line() {
      return String.join("\t", id, file, direct ? "direct" : "indirect", pointer, refersTo);
    }
  }

  /**
   * Every dependent of {@code target} in the folder: direct ones first, then indirect ones, each
   * group in file order and, within a segment, in document order. The target itself is never
   * its own dependent, even in a cycle.
   */
  public static List<Dependent> of(SegmentFolder folder, String target) {
    Map<Entry, List<Ref>> refs = new LinkedHashMap<>();
    for (Entry e : folder.entries()) {
      refs.put(e, e.parsed().segment().conditions().map(References::of).orElse(List.of()));
    }
    // The closure: every segment that refers to the target or to a segment already in it.
    Set<String> closure = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<Entry, List<Ref>> r : refs.entrySet()) {
        String id = r.getKey().id();
        if (!id.equals(target) && !closure.contains(id) && r.getValue().stream()
            .anyMatch(x -> x.segment().equals(target) || closure.contains(x.segment()))) {
          closure.add(id);
          grew = true;
        }
      }
    }
    List<Dependent> direct = new ArrayList<>();
    List<Dependent> indirect = new ArrayList<>();
    for (Map.Entry<Entry, List<Ref>> r : refs.entrySet()) {
      Entry e = r.getKey();
      if (!closure.contains(e.id())) {
        continue;
      }
      boolean isDirect = r.getValue().stream().anyMatch(x -> x.segment().equals(target));
      for (Ref x : r.getValue()) {
        boolean shown = isDirect ? x.segment().equals(target)
            : closure.contains(x.segment()) && !x.segment().equals(e.id());
        if (shown) {
          (isDirect ? direct : indirect).add(
              new Dependent(e.id(), e.fileName(), isDirect, x.pointer(), x.segment()));
        }
      }
    }
    direct.addAll(indirect);
    return direct;
  }
}
