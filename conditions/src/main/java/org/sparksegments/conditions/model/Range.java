package org.sparksegments.conditions.model;

import java.util.Optional;

/**
 * A deterministic share of the base by hash bucket: keeps profiles with
 * {@code fromBucket <= bucket < toBucket}, buckets 0 to 9999 (a percent times 100).
 */
public record Range(int fromBucket, int toBucket, Optional<String> salt) {
  public static final int BUCKETS = 10_000;
  public static final Range ALL = new Range(0, BUCKETS, Optional.empty());

  public Range {
    if (fromBucket < 0 || toBucket > BUCKETS || fromBucket >= toBucket) {
      throw new IllegalArgumentException("bad range " + fromBucket + ".." + toBucket);
    }
  }

  public boolean isAll() {
    return fromBucket == 0 && toBucket == BUCKETS && salt.isEmpty();
  }
}
