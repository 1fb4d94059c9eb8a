package org.sparksegments.conditions.spark;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundValue;
import org.sparksegments.conditions.schema.FieldType.Kind;

/**
 * Comparisons of a column with a value of its kind, or with a whole local day ({@link
 * BoundValue.Day}) for timestamp fields: "on that day" is {@code [start of day, start of next
 * day)}, computed in the database's zone, so every comparison stays a range on the raw column
 * that Parquet can push down.
 */
final class Comparisons {
  private final Kind kind;
  private final ZoneId zone;

  Comparisons(Kind kind, ZoneId zone) {
    this.kind = kind;
    this.zone = zone;
  }

  Column eq(Column c, Object v) {
    if (v instanceof BoundValue.Day d) {
      return c.geq(start(d.day())).and(c.lt(start(d.day().plusDays(1))));
    }
    if (localVsInstant(v)) {
      return gte(c, v).and(not(gt(c, v)));
    }
    return c.equalTo(lit(v));
  }

  Column in(Column c, List<Object> values) {
    if (values.stream().noneMatch(v -> v instanceof BoundValue.Day || localVsInstant(v))) {
      return c.isin(values.toArray());
    }
    // Null only where the column is null, for greatest as for or: the caller coalesces.
    return Junctions.or(values.stream().map(v -> eq(c, v)).toList());
  }

  Column gt(Column c, Object v) {
    if (v instanceof BoundValue.Day d) {
      return c.geq(start(d.day().plusDays(1)));
    }
    if (localVsInstant(v)) {
      Instant i = (Instant) v;
      return c.geq(lit(LocalTimes.firstAtOrAfter(after(i), zone)));
    }
    return c.gt(lit(v));
  }

  Column gte(Column c, Object v) {
    if (v instanceof BoundValue.Day d) {
      return c.geq(start(d.day()));
    }
    if (localVsInstant(v)) {
      Instant i = (Instant) v;
      return c.geq(lit(LocalTimes.firstAtOrAfter(i, zone)));
    }
    return c.geq(lit(v));
  }

  Column lt(Column c, Object v) {
    if (v instanceof BoundValue.Day d) {
      return c.lt(start(d.day()));
    }
    if (localVsInstant(v)) {
      Instant i = (Instant) v;
      return c.lt(lit(LocalTimes.firstAtOrAfter(i, zone)));
    }
    return c.lt(lit(v));
  }

  Column lte(Column c, Object v) {
    if (v instanceof BoundValue.Day d) {
      return c.lt(start(d.day().plusDays(1)));
    }
    if (localVsInstant(v)) {
      Instant i = (Instant) v;
      return c.lt(lit(LocalTimes.firstAtOrAfter(after(i), zone)));
    }
    return c.leq(lit(v));
  }

  /**
   * A TIMESTAMP_NTZ column compared with an instant: each local time stands for its instant in
   * the zone (the earlier one when it happens twice), a mapping that only grows, so "at or after
   * the instant" is "at or after the first local time whose instant is at or after it".
   */
  private boolean localVsInstant(Object v) {
    return kind == Kind.TIMESTAMP_NTZ && v instanceof Instant;
  }

  private static Instant after(Instant i) {
    return i.plusNanos(1000);
  }

  /** The first instant (or local time, for TIMESTAMP_NTZ) of a local day. */
  private Column start(LocalDate day) {
    return kind == Kind.TIMESTAMP_NTZ ? lit(day.atStartOfDay())
        : lit(day.atStartOfDay(zone).toInstant());
  }
}
