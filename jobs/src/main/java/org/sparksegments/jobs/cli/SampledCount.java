package org.sparksegments.jobs.cli;

import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.spark.Buckets;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.eval.Estimate;
import org.sparksegments.jobs.eval.Evaluation;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Sample;

/**
 * count --sample: in_range and matched over the lowest P % of the range's buckets, scaled up
 * to the whole range, with 95 % intervals. Segments referred to are still evaluated whole:
 * membership of another segment means its full result.
 */
final class SampledCount {
  private SampledCount() {}

  /** The count line with the estimate's keys after the spec's ones. */
  static String line(BoundSegment s, Instant asOf, BigDecimal percent, Evaluator evaluator,
      Progress progress) {
    Sample sample = Sample.of(s.segment().range(), percent);
    int k = sample.sampledBuckets();
    int n = sample.rangeBuckets();
    progress.say("sampling " + k + " of the range's " + n + " buckets");
    Evaluation e = evaluator.evaluate(List.of(s), asOf);
    Column sampled = Buckets.inRange(Columns.column(s.database().idColumn()), sample.sampled());
    long[] c = e.countWhere(sampled, List.of(lit(true), e.matched(s.id())));
    Estimate inRange = Estimate.of(c[0], k, n);
    Estimate matched = Estimate.of(c[1], k, n);
    long max = s.segment().limit().max();
    long selected = max > 0 ? Math.min(matched.value(), max) : matched.value();
    ObjectNode o = CountCommand.counts(s.id(), asOf,
        new Evaluator.Counts(inRange.value(), matched.value(), selected));
    o.put("estimate", true);
    BigDecimal p = percent.stripTrailingZeros();
    o.put("sample_percent", p.scale() < 0 ? p.setScale(0) : p);
    o.put("range_buckets", n);
    o.put("sampled_buckets", k);
    o.put("sample_in_range", c[0]);
    o.put("sample_matched", c[1]);
    o.put("in_range_low", inRange.low());
    o.put("in_range_high", inRange.high());
    o.put("matched_low", matched.low());
    o.put("matched_high", matched.high());
    return o.toString();
  }
}
