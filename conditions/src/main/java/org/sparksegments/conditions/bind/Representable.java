package org.sparksegments.conditions.bind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which literals Spark can hold for a field type: a literal that cannot be represented is an
 * error of the document (BAD_LITERAL), never a failure of the Spark job that would compare it.
 */
public final class Representable {
  /**
   * Beyond this decimal exponent no field type holds a number (a double ends near 1e308, a
   * decimal at 38 digits); checked before any arithmetic whose cost grows with the exponent.
   */
  public static final int MAX_EXPONENT = 400;
  /** Spark's largest decimal precision. */
  static final int MAX_PRECISION = 38;
  /** The first instant Spark's dates and timestamps are defined for: 0001-01-01T00:00:00Z. */
  static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  /** The first instant past their range: 10000-01-01T00:00:00Z. */
  static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");
  private static final Pattern DECIMAL_TYPE = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

  private Representable() {}

  /** True when the number is 0 or its decimal exponent is within ±{@link #MAX_EXPONENT}. */
  public static boolean exponentInRange(BigDecimal d) {
    if (d.signum() == 0) {
      return true;
    }
    long exponent = (long) d.precision() - d.scale() - 1;
    return Math.abs(exponent) <= MAX_EXPONENT;
  }

  /** The double the number denotes, or null when it overflows or underflows to zero. */
  static Double asDouble(BigDecimal d) {
    if (!exponentInRange(d)) {
      return null;
    }
    double v = d.doubleValue();
    return Double.isInfinite(v) || (v == 0 && d.signum() != 0) ? null : v;
  }

  /**
   * The number as a decimal that Spark can compare exactly with a column of {@code typeName}
   * (such as {@code decimal(12,2)}): both must fit one decimal type of at most 38 digits, as
   * Spark widens them to it. Trailing zeros are dropped when that makes it fit; null when not.
   */
  static BigDecimal asDecimal(BigDecimal d, String typeName) {
    if (!exponentInRange(d)) {
      return null;
    }
    int columnIntegers = 0;
    int columnScale = 0;
    Matcher m = typeName == null ? null : DECIMAL_TYPE.matcher(typeName);
    if (m != null && m.matches()) {
      columnScale = Integer.parseInt(m.group(2));
      columnIntegers = Integer.parseInt(m.group(1)) - columnScale;
    }
    BigDecimal v = d.signum() == 0 ? BigDecimal.ZERO : d;
    for (BigDecimal candidate : new BigDecimal[] {v, v.stripTrailingZeros()}) {
      // Spark gives a literal of negative scale scale 0 (its integer digits count).
      BigDecimal c = candidate.scale() < 0 ? candidate.setScale(0) : candidate;
      int integers = Math.max(c.precision() - c.scale(), 0);
      if (Math.max(integers, columnIntegers) + Math.max(c.scale(), columnScale)
          <= MAX_PRECISION) {
        return c;
      }
    }
    return null;
  }

  /** True for instants in the years 0001 to 9999 (UTC), the range of Spark's timestamps. */
  static boolean instant(Instant i) {
    return !i.isBefore(FIRST) && i.isBefore(END);
  }

  /** True for dates in the years 0001 to 9999, the range of Spark's dates. */
  static boolean date(LocalDate d) {
    return d.getYear() >= 1 && d.getYear() <= 9999;
  }
}
