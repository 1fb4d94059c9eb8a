package org.sparksegments.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.model.AllOf;
import org.sparksegments.conditions.model.AnyOf;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Not;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.conditions.model.SegmentRef;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;

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

  private void visit(Condition c, BoundCondition b, int depth, Segment in, String prefix) {
    String pointer = prefix + c.pointer();
    c.accept(new Condition.Visitor<Void>() {
      @Override
      public Void visitAll(AllOf node) {
        out.add(new Node(depth, pointer, "all of " + node.children().size(), b));
        children(node.children(), ((BoundCondition.All) b).children());
        return null;
      }

      @Override
      public Void visitAny(AnyOf node) {
        out.add(new Node(depth, pointer, "any of " + node.children().size(), b));
        children(node.children(), ((BoundCondition.Any) b).children());
        return null;
      }

      private void children(List<Condition> written, List<BoundCondition> bound) {
        if (written.size() != bound.size()) {
          throw new IllegalStateException("the bound tree differs from the written one at "
              + pointer);
        }
        for (int i = 0; i < written.size(); i++) {
          visit(written.get(i), bound.get(i), depth + 1, in, prefix);
        }
      }

      @Override
      public Void visitNot(Not node) {
        out.add(new Node(depth, pointer, "not", b));
        visit(node.child(), ((BoundCondition.Not) b).child(), depth + 1, in, prefix);
        return null;
      }

      @Override
      public Void visitConditionsOf(ConditionsOf node) {
        Optional<Condition> other = segments.apply(node.segment())
            .flatMap(Segment::conditions);
        out.add(new Node(depth, pointer, "conditions_of " + node.segment()
            + (other.isEmpty() ? " (it has no conditions: true)" : ""), b));
        other.ifPresent(o -> visit(o, b, depth + 1, segments.apply(node.segment()).get(),
            node.segment() + ":"));
        return null;
      }

      @Override
      public Void visitField(FieldTest node) {
        return leaf();
      }

      @Override
      public Void visitEvent(EventTest node) {
        return leaf();
      }

      @Override
      public Void visitSubscription(SubscriptionTest node) {
        return leaf();
      }

      @Override
      public Void visitSegment(SegmentRef node) {
        return leaf();
      }

      @Override
      public Void visitStaticSegment(StaticSegmentTest node) {
        return leaf();
      }

      @Override
      public Void visitExternal(ExternalTest node) {
        return leaf();
      }

      @Override
      public Void visitSequence(Sequence node) {
        return leaf();
      }

      private Void leaf() {
        out.add(new Node(depth, pointer, describe(in, c.pointer()), b));
        return null;
      }
    });
  }

  /** The node's JSON as written, on one line, cut to a readable length. */
  static String describe(Segment in, String pointer) {
    JsonNode node = in.document().at(pointer.substring(in.pointerPrefix().length()));
    String s = node.toString();
    return s.length() <= MAX_DESCRIPTION ? s : s.substring(0, MAX_DESCRIPTION - 1) + "…";
  }
}
