package org.sparksegments.conditions.bind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.Conditions;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.SegmentRef;

/** The references of a condition tree to other segments, and cycles among them. */
public final class References {
  private References() {}

  /** A {@code segment} or {@code conditions_of} reference and where it is written. */
  public record Ref(String segment, String pointer, boolean imported) {}

  /** A cycle through the root: the ids in order (root first and last) and the root's reference. */
  public record Cycle(List<String> path, Ref start) {}

  /**
   * Every reference of the tree, in document order: its {@code segment} and
   * {@code conditions_of} tests ({@code where} trees read other tables and hold none).
   */
  public static List<Ref> of(Condition c) {
    List<Ref> out = new ArrayList<>();
    for (Condition leaf : Conditions.leaves(c)) {
      if (leaf instanceof SegmentRef n) {
        out.add(new Ref(n.segment(), n.pointer() + "/segment", false));
      } else if (leaf instanceof ConditionsOf n) {
        out.add(new Ref(n.segment(), n.pointer() + "/conditions_of", true));
      }
    }
    return out;
  }

  /** The first cycle that leads from {@code root} back to it, if any. */
  public static Optional<Cycle> cycleThrough(String root, SegmentResolver resolver) {
    Optional<SegmentResolver.Found> r = resolver.find(root);
    if (r.isEmpty() || r.get().segment().conditions().isEmpty()) {
      return Optional.empty();
    }
    Set<String> dead = new HashSet<>();
    for (Ref ref : of(r.get().segment().conditions().get())) {
      List<String> path = new ArrayList<>(List.of(root));
      if (reaches(ref.segment(), root, resolver, path, dead)) {
        return Optional.of(new Cycle(path, ref));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code start} leads to {@code root}; {@code path} (the root) gets the ids on the way
   * when it does. Depth first with an explicit stack and a set of the ids on the path, so that
   * a chain of thousands of references costs neither the thread's stack nor a scan per step.
   */
  private static boolean reaches(String start, String root, SegmentResolver resolver,
      List<String> path, Set<String> dead) {
    Set<String> onPath = new HashSet<>(path);
    Deque<Iterator<Ref>> frames = new ArrayDeque<>();
    String next = start;
    while (true) {
      if (next != null) {
        if (next.equals(root)) {
          path.add(next);
          return true;
        }
        if (!dead.contains(next) && onPath.add(next)) {
          path.add(next);
          Optional<SegmentResolver.Found> f = resolver.find(next);
          frames.push(f.isPresent() && f.get().segment().conditions().isPresent()
              ? of(f.get().segment().conditions().get()).iterator()
              : java.util.Collections.emptyIterator());
        }
        next = null;
      }
      if (frames.isEmpty()) {
        return false;
      }
      Iterator<Ref> top = frames.peek();
      if (top.hasNext()) {
        next = top.next().segment();
      } else {
        frames.pop();
        String done = path.remove(path.size() - 1);
        onPath.remove(done);
        dead.add(done);
      }
    }
  }
}
