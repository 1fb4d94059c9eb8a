package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.eval.Estimate;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Sample;
import org.sparksegments.jobs.query.SampledCounts;

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
    SampledCounts c = SampledCounts.of(evaluator, s, asOf, sample);
    Estimate inRange = c.inRange();
    Estimate matched = c.matched();
    ObjectNode o = CountCommand.counts(s.id(), asOf,
        new Evaluator.Counts(inRange.value(), matched.value(), c.selected()));
    o.put("estimate", true);
    BigDecimal p = percent.stripTrailingZeros();
    o.put("sample_percent", p.scale() < 0 ? p.setScale(0) : p);
    o.put("range_buckets", n);
    o.put("sampled_buckets", k);
    o.put("sample_in_range", inRange.sample());
    o.put("sample_matched", matched.sample());
    o.put("in_range_low", inRange.low());
    o.put("in_range_high", inRange.high());
    o.put("matched_low", matched.low());
    o.put("matched_high", matched.high());
    return o.toString();
  }
}
