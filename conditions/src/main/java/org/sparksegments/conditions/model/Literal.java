package org.sparksegments.conditions.model;

import java.math.BigDecimal;

/**
 * A literal as written in JSON, before it meets a field's type. Literals keep their JSON type:
 * the binder converts them and rejects those that do not fit.
 */
public sealed interface Literal {

  /** JSON pointer of the literal. */
  String pointer();

  /** A JSON string (also used for dates, timestamps and decimals written as text). */
  record Text(String pointer, String value) implements Literal {}

  /** A JSON number, exactly as written. */
  record Number(String pointer, BigDecimal value) implements Literal {}

  /** A JSON boolean. */
  record Bool(String pointer, boolean value) implements Literal {}

  /**
   * {@code {"days_ago": N}} (offset −N) or {@code {"days_ahead": N}} (offset +N): the as-of moved
   * by N times 24 hours.
   */
  record Relative(String pointer, long dayOffset) implements Literal {}
}
