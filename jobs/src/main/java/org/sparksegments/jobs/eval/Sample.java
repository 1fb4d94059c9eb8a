package org.sparksegments.jobs.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.sparksegments.conditions.model.Range;

/**
 * The buckets a sampled count evaluates: the lowest P % of the range's buckets, by the range's
 * own bucket function (salted when the range is). With {@code N = to − from} buckets in the
 * range, the sample is {@code [from, from + k)} where {@code k = N × P / 100} rounded half up,
 * at least one bucket.
 *
 * @param range the segment's range
 * @param sampled the sampled part of it, same salt
 */
public record Sample(Range range, Range sampled) {

  /** The sample of {@code percent} (0 &lt; P &le; 100) of {@code range}. */
  public static Sample of(Range range, BigDecimal percent) {
    if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("sample percent out of (0, 100]: " + percent);
    }
    int n = range.toBucket() - range.fromBucket();
    int k = BigDecimal.valueOf(n).multiply(percent).divide(BigDecimal.valueOf(100), 0,
        RoundingMode.HALF_UP).intValueExact();
    k = Math.max(1, Math.min(n, k));
    return new Sample(range, new Range(range.fromBucket(), range.fromBucket() + k,
        range.salt()));
  }

  /** The range's buckets, N. */
  public int rangeBuckets() {
    return range.toBucket() - range.fromBucket();
  }

  /** The sampled buckets, k. */
  public int sampledBuckets() {
    return sampled.toBucket() - sampled.fromBucket();
  }
}
