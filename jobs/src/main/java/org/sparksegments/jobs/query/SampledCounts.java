package org.sparksegments.jobs.query;

import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.spark.Buckets;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.eval.Estimate;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Sample;

/**
 * A segment's in_range and matched counted over a sample of its range's buckets and scaled up
 * to the whole range. Segments referred to are still evaluated whole: membership of another
 * segment means its full result.
 *
 * @param inRange the estimate of in_range; its {@code sample()} is the count in the sample
 * @param matched the estimate of matched; its {@code sample()} is the count in the sample
 * @param selected what the segment's limit keeps of the estimated matched
 */
public record SampledCounts(Sample sample, Estimate inRange, Estimate matched, long selected) {

  /** Counts {@code s} as of {@code asOf} over the buckets of {@code sample}, in one Spark job. */
  public static SampledCounts of(Evaluator evaluator, BoundSegment s, Instant asOf,
      Sample sample) {
    Flags e = evaluator.evaluate(List.of(s), asOf);
    Column sampled = Buckets.inRange(Columns.column(s.database().idColumn()), sample.sampled());
    long[] c = e.countWhere(sampled, List.of(lit(true), e.matched(s.id())));
    int k = sample.sampledBuckets();
    int n = sample.rangeBuckets();
    Estimate inRange = Estimate.of(c[0], k, n);
    Estimate matched = Estimate.of(c[1], k, n);
    return new SampledCounts(sample, inRange, matched,
        s.segment().limit().selected(matched.value()));
  }
}
