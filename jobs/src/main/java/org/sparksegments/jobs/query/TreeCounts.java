package org.sparksegments.jobs.query;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.eval.ConditionNodes;
import org.sparksegments.jobs.eval.ConditionNodes.Node;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.SegmentSet;

/**
 * How many profiles of a segment's range pass each node of its condition tree.
 *
 * @param inRange the profiles of the range
 * @param nodes the nodes in document order (see {@link ConditionNodes}), each with its count;
 *     empty when the segment has no conditions
 */
public record TreeCounts(long inRange, List<NodeCount> nodes) {
  public TreeCounts {
    nodes = List.copyOf(nodes);
  }

  /** One node of the tree and the profiles of the range that pass it. */
  public record NodeCount(Node node, long profiles) {}

  /** The profiles that pass the whole tree: the top node's count, or the range without one. */
  public long matched() {
    return nodes.isEmpty() ? inRange : nodes.get(0).profiles();
  }

  /**
   * Counts the nodes of {@code s}, one of the segments of {@code e}, in one Spark job.
   *
   * @param set the segments as written, to list the nodes of trees imported with
   *     {@code conditions_of}
   */
  public static TreeCounts of(Flags e, BoundSegment s, SegmentSet set) {
    List<Node> nodes = s.condition().map(c -> ConditionNodes.of(s.segment(), c,
        id -> set.find(id).map(Parsed::segment))).orElse(List.of());
    List<Column> predicates = new ArrayList<>();
    predicates.add(lit(true));
    nodes.forEach(n -> predicates.add(e.translate(n.bound())));
    long[] counts = e.countWhere(e.inRange(s.id()), predicates);
    List<NodeCount> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      out.add(new NodeCount(nodes.get(i), counts[i + 1]));
    }
    return new TreeCounts(counts[0], out);
  }
}
