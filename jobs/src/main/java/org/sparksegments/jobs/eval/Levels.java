package org.sparksegments.jobs.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.plan.Requirements;

/** Segments by level: a segment's level is one more than the highest level it refers to. */
final class Levels {
  private Levels() {}

  /**
   * {@code ordered} (dependencies first) grouped by level, level 0 first, each level in the
   * given order.
   */
  static List<List<BoundSegment>> of(List<BoundSegment> ordered) {
    Map<String, Integer> level = new HashMap<>();
    List<List<BoundSegment>> out = new ArrayList<>();
    for (BoundSegment s : ordered) {
      int l = 0;
      for (String ref : refs(s)) {
        l = Math.max(l, level.get(ref) + 1);
      }
      level.put(s.id(), l);
      while (out.size() <= l) {
        out.add(new ArrayList<>());
      }
      out.get(l).add(s);
    }
    return out;
  }

  /** The ids some segment of {@code ordered} refers to. */
  static Set<String> referred(List<BoundSegment> ordered) {
    Set<String> out = new HashSet<>();
    ordered.forEach(s -> out.addAll(refs(s)));
    return out;
  }

  private static Set<String> refs(BoundSegment s) {
    return Requirements.of(s.condition().stream().toList()).segments();
  }
}
