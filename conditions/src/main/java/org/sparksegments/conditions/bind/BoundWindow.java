package org.sparksegments.conditions.bind;

import java.time.Instant;
import java.time.LocalDate;

/** A window with its instants known, except those relative to the as-of. */
public sealed interface BoundWindow {

  /** ts in (as-of − days, as-of]. */
  record LastDays(long days) implements BoundWindow {}

  /** ts in (as-of − from days, as-of − to days]. */
  record DaysAgo(long from, long to) implements BoundWindow {}

  /** ts from the start of local day {@code from} to the end of local day {@code to}. */
  record Dates(LocalDate from, LocalDate to) implements BoundWindow {}

  /** since ≤ ts &lt; until. */
  record Instants(Instant since, Instant until) implements BoundWindow {}
}
