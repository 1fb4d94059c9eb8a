package org.sparksegments.jobs.actions;

import java.math.BigDecimal;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Whether a converted value fits a column's exact Spark type (narrow integers, decimal precision
 * and scale, the float range), so that a write never fails on a cast (Spark's ANSI mode) nor
 * rounds a value silently.
 */
final class SparkRanges {
  private SparkRanges() {}

  /** The value to write (a decimal at the column's scale), or null when it does not fit. */
  static Object check(Object v, DataType t) {
    if (v instanceof Long l) {
      long max = maxIntegral(t);
      return l >= -max - 1 && l <= max ? l : null;
    }
    if (v instanceof Double d) {
      boolean fits = Double.isFinite(d)
          && (!t.equals(DataTypes.FloatType) || Math.abs(d) <= Float.MAX_VALUE);
      return fits ? d : null;
    }
    if (v instanceof BigDecimal b && t instanceof DecimalType dt) {
      try {
        BigDecimal scaled = b.setScale(dt.scale());
        return scaled.precision() - scaled.scale() <= dt.precision() - dt.scale() ? scaled : null;
      } catch (ArithmeticException e) {
        return null; // more decimals than the column keeps: refused rather than rounded
      }
    }
    return v;
  }

  private static long maxIntegral(DataType t) {
    return t.equals(DataTypes.ByteType) ? Byte.MAX_VALUE
        : t.equals(DataTypes.ShortType) ? Short.MAX_VALUE
        : t.equals(DataTypes.IntegerType) ? Integer.MAX_VALUE : Long.MAX_VALUE;
  }

  /** What {@link #check} accepts for a numeric type, for messages; null for other types. */
  static String expected(DataType t) {
    if (t.equals(DataTypes.ByteType) || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)) {
      long max = maxIntegral(t);
      return "a whole JSON number from " + (-max - 1) + " to " + max;
    }
    if (t instanceof DecimalType dt) {
      return "a JSON number with at most " + dt.scale() + " decimals and "
          + (dt.precision() - dt.scale()) + " digits before the point";
    }
    if (t.equals(DataTypes.FloatType) || t.equals(DataTypes.DoubleType)) {
      return "a finite JSON number within the range of " + t.simpleString();
    }
    return null;
  }
}
