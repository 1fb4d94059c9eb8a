package org.sparksegments.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.model.Range;

/** The sample's buckets and the estimate's arithmetic, without Spark. */
class EstimateTest {

  @Test
  void theSampleIsTheLowestBucketsOfTheRangeAtLeastOne() {
    Range r = new Range(1250, 4730, Optional.of("s"));
    assertEquals(new Range(1250, 1337, Optional.of("s")),
        Sample.of(r, new BigDecimal("2.5")).sampled()); // 3480 × 2.5 % = 87
    assertEquals(new Range(1250, 1598, Optional.of("s")),
        Sample.of(r, new BigDecimal("10")).sampled()); // 348
    assertEquals(r, Sample.of(r, new BigDecimal("100")).sampled());
    assertEquals(new Range(0, 1, Optional.empty()),
        Sample.of(Range.ALL, new BigDecimal("0.01")).sampled());
    // 15 × 0.1 % = 0.015 buckets: at least one. 15 × 10 % = 1.5: rounded half up to 2.
    Range small = new Range(100, 115, Optional.empty());
    assertEquals(1, Sample.of(small, new BigDecimal("0.1")).sampledBuckets());
    assertEquals(2, Sample.of(small, new BigDecimal("10")).sampledBuckets());
    assertEquals(15, Sample.of(small, new BigDecimal("10")).rangeBuckets());
    assertThrows(IllegalArgumentException.class, () -> Sample.of(r, BigDecimal.ZERO));
    assertThrows(IllegalArgumentException.class, () -> Sample.of(r, new BigDecimal("100.01")));
  }

  @Test
  void theEstimateScalesUpWithANormalInterval() {
    // x = 6 of 200 / 2000 buckets: 60 ± 1.96 · sqrt(6 · 0.9) / 0.1 = 60 ± 45.55.
    assertEquals(new Estimate(6, 60, 14, 106), Estimate.of(6, 200, 2000));
    // The low end is never below what the sample saw.
    assertEquals(new Estimate(2, 20, 2, 47), Estimate.of(2, 200, 2000));
    // Half up: 1 × 5 / 2 = 2.5 → 3; 1 × 10 / 3 = 3.33 → 3.
    assertEquals(3, Estimate.of(1, 2, 5).value());
    assertEquals(3, Estimate.of(1, 3, 10).value());
    // Every bucket sampled: exact.
    assertEquals(new Estimate(45, 45, 45, 45), Estimate.of(45, 2000, 2000));
    assertEquals(new Estimate(0, 0, 0, 0), Estimate.of(0, 2000, 2000));
    // None seen in 1 % of the buckets: up to ln 0.025 / ln 0.99 = 367.03.
    assertEquals(new Estimate(0, 0, 0, 368), Estimate.of(0, 20, 2000));
  }
}
