package org.sparksegments.conditions.model;

import java.time.LocalDate;

/** A time window on event timestamps (or on added_at for static segments). */
public sealed interface Window {

  /** JSON pointer of the window object. */
  String pointer();

  /** {@code {"last_days": N}}: ts in (as-of − N days, as-of]. */
  record LastDays(String pointer, long days) implements Window {}

  /** {@code {"days_ago": [A, B]}}, A greater than B: ts in (as-of − A days, as-of − B days]. */
  record DaysAgo(String pointer, long from, long to) implements Window {}

  /** {@code {"from": D1, "to": D2}}: local dates in the database's zone, both days whole. */
  record Dates(String pointer, LocalDate from, LocalDate to) implements Window {}

  /**
   * {@code {"since": I1, "until": I2}}: since ≤ ts &lt; until; instants, a value without an
   * offset (or a bare date, as local midnight) in the database's zone.
   */
  record Instants(String pointer, String since, String until) implements Window {}
}
