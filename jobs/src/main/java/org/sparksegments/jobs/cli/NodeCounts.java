package org.sparksegments.jobs.cli;

import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.jobs.eval.ConditionNodes;
import org.sparksegments.jobs.eval.ConditionNodes.Node;
import org.sparksegments.jobs.eval.Evaluation;
import org.sparksegments.jobs.eval.SegmentSet;

/** explain --counts: the profiles of the range that pass each node of the condition tree. */
final class NodeCounts {
  private NodeCounts() {}

  /** The report's lines: the range, one line per node indented as the tree, the limit. */
  static List<String> lines(BoundSegment s, Evaluation e, SegmentSet set) {
    List<Node> nodes = s.condition().map(c -> ConditionNodes.of(s.segment(), c,
        id -> set.find(id).map(Parsed::segment))).orElse(List.of());
    List<Column> predicates = new ArrayList<>();
    predicates.add(lit(true));
    nodes.forEach(n -> predicates.add(e.translate(n.bound())));
    long[] counts = e.countWhere(e.inRange(s.id()), predicates);
    int width = Long.toString(counts[0]).length();
    String format = "%" + width + "d  %s";
    List<String> out = new ArrayList<>();
    out.add(String.format(format, counts[0], "range " + range(s.segment())));
    if (nodes.isEmpty()) {
      out.add(" ".repeat(width) + "  (no conditions: every profile of the range matches)");
    }
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      out.add(String.format(format, counts[i + 1],
          "  ".repeat(n.depth()) + n.pointer() + "  " + n.description()));
    }
    long max = s.segment().limit().max();
    if (max > 0) {
      long matched = nodes.isEmpty() ? counts[0] : counts[1];
      out.add(String.format(format, Math.min(matched, max), "selected (limit " + max + ")"));
    }
    return out;
  }

  private static String range(Segment s) {
    return Optional.ofNullable(s.document().get("range")).map(JsonNode::toString)
        .orElse("(all: none given)");
  }
}
