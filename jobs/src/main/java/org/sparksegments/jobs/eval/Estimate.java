package org.sparksegments.jobs.eval;

/**
 * A count of the whole range estimated from a sample of its buckets, with a 95 % interval.
 *
 * <p>Each profile of the range lies in the sampled buckets with probability {@code f = k / N}
 * (the bucket is a hash of its id), so the sample's count {@code x} of a total {@code X} is
 * binomial and {@code X ≈ x / f}, with variance {@code X (1 − f) / f ≈ x (1 − f) / f²}. The
 * interval is the normal one, {@code x / f ± 1.96 · sqrt(x (1 − f)) / f}, never below {@code x}
 * (those profiles were seen). With {@code x = 0} the normal interval would be the single point
 * 0: the upper end is then the total beyond which seeing none in the sample had a chance under
 * 2.5 %, {@code ln 0.025 / ln(1 − f)}. With {@code f = 1} the estimate is exact.
 *
 * @param sample the count in the sample
 * @param value the estimate {@code x · N / k}, rounded half up
 */
public record Estimate(long sample, long value, long low, long high) {
  static final double Z = 1.96;

  /** The estimate of a total whose count over {@code k} of {@code n} buckets is {@code x}. */
  public static Estimate of(long x, int k, int n) {
    long value = (2 * x * n + k) / (2L * k);
    if (k == n) {
      return new Estimate(x, x, x, x);
    }
    double f = (double) k / n;
    if (x == 0) {
      return new Estimate(0, 0, 0, (long) Math.ceil(Math.log(0.025) / Math.log(1 - f)));
    }
    double mean = x / f;
    double half = Z * Math.sqrt(x * (1 - f)) / f;
    return new Estimate(x, value, Math.max(x, (long) Math.floor(mean - half)),
        (long) Math.ceil(mean + half));
  }

  /** True when {@code total} lies in the interval. */
  public boolean covers(long total) {
    return low <= total && total <= high;
  }
}
