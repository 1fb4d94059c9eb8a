package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.model.Limit;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.jobs.eval.ConditionNodes.Node;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.query.TreeCounts;

/** explain --counts: the profiles of the range that pass each node of the condition tree. */
final class NodeCounts {
  private NodeCounts() {}

  /** The report's lines for {@code s}, one of the segments of {@code e}, counted now. */
  static List<String> lines(BoundSegment s, Flags e, SegmentSet set) {
    return lines(s, TreeCounts.of(e, s, set));
  }

  /** The report's lines: the range, one line per node indented as the tree, the limit. */
  static List<String> lines(BoundSegment s, TreeCounts counts) {
    int width = Long.toString(counts.inRange()).length();
    String format = "%" + width + "d  %s";
    List<String> out = new ArrayList<>();
    out.add(String.format(format, counts.inRange(), "range " + range(s.segment())));
    if (counts.nodes().isEmpty()) {
      out.add(" ".repeat(width) + "  (no conditions: every profile of the range matches)");
    }
    for (TreeCounts.NodeCount c : counts.nodes()) {
      Node n = c.node();
      out.add(String.format(format, c.profiles(),
          "  ".repeat(n.depth()) + n.pointer() + "  " + n.description()));
    }
    Limit limit = s.segment().limit();
    if (limit.hasMax()) {
      out.add(String.format(format, limit.selected(counts.matched()),
          "selected (limit " + limit.max() + ")"));
    }
    return out;
  }

  private static String range(Segment s) {
    return Optional.ofNullable(s.document().get("range")).map(JsonNode::toString)
        .orElse("(all: none given)");
  }
}
