package org.sparksegments.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundConditions;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.Conditions;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.Segment;

/**
 * The nodes of a segment's condition tree as written, in document order, each with its bound
 * form so that the profiles passing it can be counted. The bound tree has the shape of the
 * written one, except that {@code conditions_of} is replaced by the other segment's tree: its
 * nodes are listed under the import, with pointers into the other segment. Nodes of
 * {@code where} trees filter events or external rows, not profiles, and are not listed.
 */
public final class ConditionNodes {
  /** Longest description of a leaf; the rest is cut with an ellipsis. */
  static final int MAX_DESCRIPTION = 90;

  /**
   * One node.
   *
   * @param depth 0 for the top condition
   * @param pointer its JSON pointer from the root of its file; for a node imported with
   *     {@code conditions_of}, prefixed by the other segment's id and a colon
   * @param description "all of 3", or the node's own JSON for a test
   */
  public record Node(int depth, String pointer, String description, BoundCondition bound) {}

  private final Function<String, Optional<Segment>> segments;
  private final List<Node> out = new ArrayList<>();

  private ConditionNodes(Function<String, Optional<Segment>> segments) {
    this.segments = segments;
  }

  /**
   * The nodes of {@code segment}'s conditions, bound as {@code bound}.
   *
   * @param segments the written segments of the set, by id, to list imported trees
   */
  public static List<Node> of(Segment segment, BoundCondition bound,
      Function<String, Optional<Segment>> segments) {
    ConditionNodes n = new ConditionNodes(segments);
    segment.conditions().ifPresent(c -> n.visit(c, bound, 0, segment, ""));
    return n.out;
  }

  /** Lists {@code c} and, below it, the nodes under it, paired with its bound form {@code b}. */
  private void visit(Condition c, BoundCondition b, int depth, Segment in, String prefix) {
    String pointer = prefix + c.pointer();
    if (c instanceof ConditionsOf node) {
      Optional<Segment> other = segments.apply(node.segment());
      Optional<Condition> imported = other.flatMap(Segment::conditions);
      out.add(new Node(depth, pointer, "conditions_of " + node.segment()
          + (imported.isEmpty() ? " (it has no conditions: true)" : ""), b));
      imported.ifPresent(o -> visit(o, b, depth + 1, other.get(), node.segment() + ":"));
      return;
    }
    Optional<Conditions.Group> group = Conditions.group(c);
    if (group.isEmpty()) {
      out.add(new Node(depth, pointer, describe(in, c.pointer()), b));
      return;
    }
    Conditions.Group written = group.get();
    List<BoundCondition> bound = BoundConditions.group(b)
        .filter(g -> g.junction() == written.junction()
            && g.operands().size() == written.operands().size())
        .orElseThrow(() -> new IllegalStateException(
            "the bound tree differs from the written one at " + pointer))
        .operands();
    out.add(new Node(depth, pointer, switch (written.junction()) {
      case ALL -> "all of " + written.operands().size();
      case ANY -> "any of " + written.operands().size();
      case NOT -> "not";
    }, b));
    for (int i = 0; i < bound.size(); i++) {
      visit(written.operands().get(i), bound.get(i), depth + 1, in, prefix);
    }
  }

  /** The node's JSON as written, on one line, cut to a readable length. */
  static String describe(Segment in, String pointer) {
    JsonNode node = in.document().at(pointer.substring(in.pointerPrefix().length()));
    String s = node.toString();
    return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION - 1) + "…";
  }
}
