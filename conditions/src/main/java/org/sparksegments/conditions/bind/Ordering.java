package org.sparksegments.conditions.bind;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;

/** Compares two bound literals of one field where the order is known without an as-of. */
final class Ordering {
  private Ordering() {}

  /** True when {@code a} is certainly greater than {@code b}; false when unknown or not. */
  static boolean greater(BoundValue a, BoundValue b) {
    if (a instanceof BoundValue.Relative ra && b instanceof BoundValue.Relative rb) {
      return ra.dayOffset() > rb.dayOffset();
    }
    Object x = start(a);
    Object y = start(b);
    if (x == null || y == null) {
      return false;
    }
    if (x instanceof String s && y instanceof String t) {
      return Arrays.compareUnsigned(s.getBytes(StandardCharsets.UTF_8),
          t.getBytes(StandardCharsets.UTF_8)) > 0;
    }
    if (x instanceof BigDecimal s && y instanceof BigDecimal t) {
      return s.compareTo(t) > 0;
    }
    if (x instanceof Long s && y instanceof Long t) {
      return s > t;
    }
    if (x instanceof Double s && y instanceof Double t) {
      return s > t;
    }
    if (x instanceof LocalDate s && y instanceof LocalDate t) {
      return s.isAfter(t);
    }
    if (x instanceof Instant s && y instanceof Instant t) {
      return s.isAfter(t);
    }
    if (x instanceof LocalDateTime s && y instanceof LocalDateTime t) {
      return s.isAfter(t);
    }
    return false;
  }

  private static Object start(BoundValue v) {
    if (v instanceof BoundValue.Exact e) {
      return e.value();
    }
    return v instanceof BoundValue.Day d ? d.day() : null;
  }
}
