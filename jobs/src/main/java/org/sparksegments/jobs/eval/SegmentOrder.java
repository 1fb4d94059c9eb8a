package org.sparksegments.jobs.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.plan.Requirements;

/** Segments with the segments they refer to, dependencies before dependents. */
final class SegmentOrder {
  private SegmentOrder() {}

  /**
   * The targets and, transitively, every segment they refer to, each once, in an order where a
   * segment comes after everything it refers to. Binding has ruled out cycles.
   */
  static List<BoundSegment> withDependencies(List<BoundSegment> targets,
      Function<String, Optional<BoundSegment>> resolver) {
    Map<String, BoundSegment> done = new LinkedHashMap<>();
    for (BoundSegment t : targets) {
      visit(t, resolver, done, new ArrayList<>());
    }
    return new ArrayList<>(done.values());
  }

  private static void visit(BoundSegment s, Function<String, Optional<BoundSegment>> resolver,
      Map<String, BoundSegment> done, List<String> path) {
    if (done.containsKey(s.id())) {
      return;
    }
    if (path.contains(s.id())) {
      throw new IllegalStateException("segment cycle " + path + " -> " + s.id());
    }
    path.add(s.id());
    for (String dep : Requirements.of(s.condition().stream().toList()).segments()) {
      BoundSegment d = resolver.apply(dep).orElseThrow(() -> new IllegalStateException(
          "segment " + s.id() + " refers to " + dep + ", which is not bound"));
      visit(d, resolver, done, path);
    }
    path.remove(path.size() - 1);
    done.put(s.id(), s);
  }
}
