package org.sparksegments.conditions.spark;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;
import org.sparksegments.conditions.model.Range;

/**
 * The range bucket of a profile: {@code pmod(xxhash64(cast(id as string)), 10000)}, or with a
 * salt {@code pmod(xxhash64(concat(salt, ':', cast(id as string))), 10000)}; xxhash64 with
 * Spark's default seed 42. It depends on the id alone, so anyone can recompute it.
 */
public final class Buckets {
  private Buckets() {}

  public static Column bucket(Column id, java.util.Optional<String> salt) {
    Column s = id.cast("string");
    if (salt.isPresent()) {
      s = concat(lit(salt.get()), lit(":"), s);
    }
    return pmod(xxhash64(s), lit((long) Range.BUCKETS));
  }

  /** True for the profiles whose bucket is in {@code [from, to)}; never null for a non-null id. */
  public static Column inRange(Column id, Range range) {
    if (range.isAll()) {
      return lit(true);
    }
    Column b = bucket(id, range.salt());
    return b.geq(lit((long) range.fromBucket())).and(b.lt(lit((long) range.toBucket())));
  }
}
