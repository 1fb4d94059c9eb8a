package org.sparksegments.jobs.export;

import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparksegments.conditions.bind.DatabaseView;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.conditions.bind.Tables;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;

/**
 * The history tables a segment's members can be exported from, each with the timestamp that
 * places a row in time: events by {@code ts}, subscription rows by {@code updated_at}.
 */
public enum History {
  EVENTS("events", "ts"),
  SUBSCRIPTIONS("subscriptions", "updated_at");

  private final String table;
  private final String time;

  History(String table, String time) {
    this.table = table;
    this.time = time;
  }

  /** The table's name in the catalog and in the output ({@code events.csv}). */
  public String table() {
    return table;
  }

  /** Where the database keeps this table, if the catalog names it. */
  public Optional<TableSource> source(Database db) {
    return this == EVENTS ? db.events() : db.subscriptions();
  }

  /** The history table named {@code name}, if any. */
  public static Optional<History> named(String name) {
    for (History h : values()) {
      if (h.table.equals(name.toLowerCase(Locale.ROOT))) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the database has this table: false when the catalog does not name it; a table that
   * cannot be read, or lacks the id column or its timestamp, is a problem.
   */
  public boolean present(DatabaseView db, Problems problems) {
    Tables.Lookup l = db.tables().lookup(table);
    if (l instanceof Tables.Lookup.Missing) {
      return false;
    }
    if (l instanceof Tables.Lookup.Unreadable u) {
      problems.add(ErrorCode.UNREADABLE_TABLE, "", "Cannot read the " + table + " table of"
          + " database '" + db.name() + "': " + u.message());
      return true;
    }
    TableSchema schema = ((Tables.Lookup.Found) l).schema();
    boolean timestamp = schema.column(time).flatMap(FieldType::scalarKind)
        .equals(Optional.of(FieldType.Kind.TIMESTAMP));
    if (schema.column(db.idColumn()).isEmpty() || !timestamp) {
      problems.add(ErrorCode.BAD_TABLE, "", "Cannot export the " + table + " table of database '"
          + db.name() + "': it lacks the id column or " + time + " as a timestamp (expected "
          + db.idColumn() + " and " + time + " timestamp)");
    }
    return true;
  }

  /**
   * The rows of the members in the window: time in [since, until) and never after the as-of,
   * ordered by the id, the time, then every other column (a total order); the id column first.
   *
   * @param members one column, the id column: the ids to keep
   */
  public Dataset<Row> rows(Dataset<Row> all, Dataset<Row> members, String idColumn,
      Instant since, Instant until, Instant asOf) {
    Column t = Columns.column(time);
    Dataset<Row> kept = all.filter(t.geq(lit(since)).and(t.lt(lit(until)))
            .and(t.leq(lit(asOf))))
        .join(members, new String[] {idColumn}, "left_semi");
    return kept.orderBy(TotalOrder.of(kept.schema(), List.of(idColumn, time)))
        .select(ExportFields.all(idColumn, kept.columns()));
  }
}
