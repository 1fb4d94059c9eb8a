package org.sparksegments.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import org.apache.spark.sql.Column;

/**
 * Deterministic "random" numbers as Spark Column expressions.
 *
 * <p>Every number is a hash of (seed, row key columns, a per-use constant), never {@code rand()}:
 * the value of a cell depends only on the seed and the row's keys, not on partitioning, task order
 * or the session time zone. Callers give each use its own constant {@code k}, so two columns of
 * the same row are independent.
 */
final class Rand {

  private static final long RES = 1L << 30;

  private final long seed;

  Rand(long seed) {
    this.seed = seed;
  }

  /** Uniform double in [0, 1) from (seed, keys..., k). */
  Column u(int k, Column... keys) {
    Column[] parts = new Column[keys.length + 2];
    parts[0] = lit(seed);
    System.arraycopy(keys, 0, parts, 1, keys.length);
    parts[parts.length - 1] = lit(k);
    return pmod(xxhash64(parts), lit(RES)).cast("double").divide(lit((double) RES));
  }

  /** Uniform double in [0, 1) keyed by the row number column {@code i}. */
  Column u(int k) {
    return u(k, col("i"));
  }

  /** Uniform long in [lo, hi] (both included) from a uniform u. */
  static Column between(Column u, long lo, long hi) {
    return floor(u.multiply(lit((double) (hi - lo + 1)))).plus(lit(lo));
  }

  /** Value i of {@code values} chosen with the given relative weights (a null value is allowed). */
  static Column pick(Column u, String[] values, double[] weights) {
    Column[] lits = new Column[values.length];
    for (int i = 0; i < values.length; i++) {
      lits[i] = values[i] == null ? lit(null).cast("string") : lit(values[i]);
    }
    return pickCol(u, lits, weights);
  }

  /** One of {@code values}, uniformly. */
  static Column pickUniform(Column u, String... values) {
    Column[] lits = new Column[values.length];
    for (int i = 0; i < values.length; i++) {
      lits[i] = lit(values[i]);
    }
    return element_at(array(lits), between(u, 1, values.length).cast("int"));
  }

  /** Column value i of {@code values} chosen with the given relative weights. */
  static Column pickCol(Column u, Column[] values, double[] weights) {
    if (values.length != weights.length || values.length == 0) {
      throw new IllegalArgumentException("values and weights differ in length");
    }
    double total = Arrays.stream(weights).sum();
    double acc = 0;
    Column result = null;
    for (int i = 0; i < values.length - 1; i++) {
      acc += weights[i];
      Column cond = u.lt(lit(acc / total));
      result = result == null ? when(cond, values[i]) : result.when(cond, values[i]);
    }
    Column last = values[values.length - 1];
    return result == null ? last : result.otherwise(last);
  }

  /** An instant from epoch seconds (absolute, independent of the session time zone). */
  static Column instant(Column epochSeconds) {
    return timestamp_seconds(epochSeconds);
  }

  /** A date from days since 1970-01-01 (independent of the session time zone). */
  static Column date(Column epochDays) {
    return date_from_unix_date(epochDays.cast("int"));
  }
}
