package org.sparksegments.conditions.spark;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Function;
import org.apache.spark.sql.Column;

/**
 * The instant a segment is evaluated as of, the database's zone for days and dates, and the
 * membership column of each segment that conditions refer to.
 */
public record EvalContext(Instant asOf, ZoneId zone, Function<String, Column> segments) {
  public EvalContext {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(segments, "segments");
  }

  /** A context without segment references. */
  public EvalContext(Instant asOf, ZoneId zone) {
    this(asOf, zone, id -> {
      throw new IllegalStateException("no membership column for segment " + id);
    });
  }

  /** The as-of moved by whole days of 24 hours (negative: back). */
  public Instant days(long offset) {
    return asOf.plusSeconds(offset * 86_400L);
  }
}
