package org.sparksegments.conditions.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_micros;

import java.time.ZoneId;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.FieldRef;
import org.sparksegments.conditions.schema.FieldType.Kind;

/** Column references and time helpers that never depend on the session time zone. */
public final class Columns {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Columns() {}

  /** A top-level column by its exact name, whatever characters it holds. */
  public static Column column(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /** The column of a resolved field path: struct fields and map values by key. */
  public static Column field(FieldRef ref) {
    Column c = column(ref.column());
    for (FieldRef.Step step : ref.steps()) {
      c = step instanceof FieldRef.MapKey ? c.getItem(step.name()) : c.getField(step.name());
    }
    return c;
  }

  /**
   * The local date of a date or timestamp column in {@code zone}. A TIMESTAMP is an instant: its
   * wall time in the zone is taken with from_utc_timestamp, which does not read the session zone;
   * a TIMESTAMP_NTZ already holds local wall time.
   */
  public static Column localDate(Column c, Kind kind, ZoneId zone) {
    return switch (kind) {
      case DATE -> c;
      case TIMESTAMP_NTZ -> c.cast("date");
      case TIMESTAMP -> date_from_unix_date(
          floor(unix_micros(from_utc_timestamp(c, zone.getId())).divide(lit(MICROS_PER_DAY)))
              .cast("int"));
      default -> throw new IllegalArgumentException("not a temporal kind: " + kind);
    };
  }
}
