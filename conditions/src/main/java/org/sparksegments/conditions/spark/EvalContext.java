package org.sparksegments.conditions.spark;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** The instant a segment is evaluated as of, and the database's zone for days and dates. */
public record EvalContext(Instant asOf, ZoneId zone) {
  public EvalContext {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(zone, "zone");
  }
}
