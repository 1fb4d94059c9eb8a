package org.sparksegments.jobs.query;

import java.time.Instant;
import java.util.List;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SegmentSet;

/** What explain shows of one segment's evaluation: its predicate, its plan, its node counts. */
public final class Explanation {
  private final BoundSegment segment;
  private final Flags evaluation;

  private Explanation(BoundSegment segment, Flags evaluation) {
    this.segment = segment;
    this.evaluation = evaluation;
  }

  /** The evaluation of {@code s} as of {@code asOf}, planned but not run. */
  public static Explanation of(Evaluator evaluator, BoundSegment s, Instant asOf) {
    return new Explanation(s, evaluator.evaluate(List.of(s), asOf));
  }

  /** The predicate (range and conditions) as Spark SQL text, for reading only. */
  public String predicate() {
    return evaluation.matched(segment.id()).toString();
  }

  /** Spark's physical plan of the selection, as a tree of text lines. */
  public String physicalPlan() {
    return evaluation.selected(segment.id()).queryExecution().executedPlan().treeString();
  }

  /** The profiles of the range passing each node of the condition tree, in one Spark job. */
  public TreeCounts nodeCounts(SegmentSet set) {
    return TreeCounts.of(evaluation, segment, set);
  }
}
