package org.sparksegments.conditions.bind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.Conditions;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.EventFilter;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.TreeLimits;

/**
 * The node and depth limits applied to a segment's tree after its {@code conditions_of} imports
 * are expanded (spec 3.7). Each imported segment's expanded size is computed once and
 * remembered, so checking a whole set costs time linear in its documents even where imports
 * double at every level and the expanded trees would be exponentially large.
 *
 * <p>An import is replaced by the other segment's tree (a segment without conditions gives one
 * node, true); imports that the binder will refuse (unknown segment, another database, an
 * invalid document, a cycle) count as one node, the binder reports them.
 */
public final class ExpandedLimits {

  /**
   * The size of an expanded tree: its nodes and its depth (the top at 1), each capped just past
   * its limit so that sums cannot overflow.
   */
  record Size(int nodes, int depth) {
    static final Size ONE = new Size(1, 1);
  }

  private final Map<String, Size> sizes = new HashMap<>();
  /** Segments whose size is being computed, to stop at cycles. */
  private final Set<String> computing = new HashSet<>();

  /**
   * Adds a TOO_MANY_NODES problem at the import where the running count of the expanded tree
   * (in document order) first passes the limit, and a TOO_DEEP problem at the first import whose
   * expansion reaches past the depth limit; at most one of each.
   *
   * @param resolver the segments of the set, by id; remembered sizes assume the same set
   * @return whether the segment is within both limits
   */
  public boolean check(Segment segment, SegmentResolver resolver, Problems problems) {
    if (segment.conditions().isEmpty()) {
      return true;
    }
    Walk w = new Walk(segment, resolver, problems);
    w.visit(segment.conditions().get(), 1);
    return !w.tooMany && !w.tooDeep;
  }

  /** The expanded size of segment {@code id} as imported into a segment of {@code database}. */
  Size importSize(String id, String database, SegmentResolver resolver) {
    Optional<SegmentResolver.Found> f = resolver.find(id);
    if (f.isEmpty() || !f.get().parsedOk() || !f.get().segment().database().equals(database)
        || f.get().segment().conditions().isEmpty() || computing.contains(id)) {
      return Size.ONE;
    }
    Size known = sizes.get(id);
    if (known != null) {
      return known;
    }
    computing.add(id);
    Size s = size(f.get().segment().conditions().get(), database, resolver);
    computing.remove(id);
    sizes.put(id, s);
    return s;
  }

  private Size size(Condition c, String database, SegmentResolver resolver) {
    if (c instanceof ConditionsOf imp) {
      return importSize(imp.segment(), database, resolver);
    }
    int nodes = 1;
    int depth = 0;
    for (Condition child : children(c)) {
      Size s = size(child, database, resolver);
      nodes = capNodes(nodes + s.nodes());
      depth = Math.max(depth, s.depth());
    }
    return new Size(nodes, Math.min(depth + 1, TreeLimits.MAX_DEPTH + 1));
  }

  /**
   * The condition objects directly under a node, as the parser counts them: the operands of a
   * group and the {@code where} trees of events, external rows and sequence steps.
   */
  static List<Condition> children(Condition c) {
    Optional<Conditions.Group> g = Conditions.group(c);
    if (g.isPresent()) {
      return g.get().operands();
    }
    if (c instanceof EventTest e) {
      return e.filter().where().stream().toList();
    }
    if (c instanceof ExternalTest e) {
      return e.where().stream().toList();
    }
    if (c instanceof Sequence s) {
      return s.steps().stream().map(EventFilter::where).flatMap(Optional::stream).toList();
    }
    return List.of();
  }

  private static int capNodes(int n) {
    return Math.min(n, TreeLimits.MAX_NODES + 1);
  }

  /** One walk of a segment's own tree, counting the expanded nodes met so far. */
  private final class Walk {
    final Segment segment;
    final SegmentResolver resolver;
    final Problems problems;
    int nodes;
    boolean tooMany;
    boolean tooDeep;

    Walk(Segment segment, SegmentResolver resolver, Problems problems) {
      this.segment = segment;
      this.resolver = resolver;
      this.problems = problems;
    }

    /** Counts {@code c}, written at {@code depth}, and what is under it, in document order. */
    void visit(Condition c, int depth) {
      if (c instanceof ConditionsOf imp) {
        Size s = importSize(imp.segment(), segment.database(), resolver);
        String p = Pointers.key(imp.pointer(), "conditions_of");
        count(s.nodes(), p, imp.segment());
        if (!tooDeep && depth + s.depth() - 1 > TreeLimits.MAX_DEPTH) {
          tooDeep = true;
          problems.add(ErrorCode.TOO_DEEP, p, "Cannot import the conditions of '"
              + imp.segment() + "' here: with them this tree nests deeper than "
              + TreeLimits.MAX_DEPTH + " levels once imports are expanded (expected at most "
              + TreeLimits.MAX_DEPTH + ")");
        }
        return;
      }
      count(1, null, null);
      for (Condition child : children(c)) {
        visit(child, depth + 1);
      }
    }

    /** Adds {@code n} nodes; the first time the total passes the limit, reports where. */
    private void count(int n, String importPointer, String imported) {
      nodes = capNodes(nodes + n);
      if (tooMany || nodes <= TreeLimits.MAX_NODES) {
        return;
      }
      tooMany = true;
      if (importPointer == null) {
        problems.add(ErrorCode.TOO_MANY_NODES, segment.pointerPrefix() + "/conditions",
            "Cannot evaluate this tree: with its imports expanded it has more than "
                + TreeLimits.MAX_NODES + " condition nodes (expected at most "
                + TreeLimits.MAX_NODES + ")");
      } else {
        problems.add(ErrorCode.TOO_MANY_NODES, importPointer, "Cannot import the conditions of '"
            + imported + "' here: with them this tree has more than " + TreeLimits.MAX_NODES
            + " condition nodes once imports are expanded (expected at most "
            + TreeLimits.MAX_NODES + ")");
      }
    }
  }
}
