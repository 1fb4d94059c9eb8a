package org.sparksegments.jobs.query;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.export.History;

/**
 * The member ids of one segment as of an instant, kept in memory (or on disk) while their
 * history rows are read table by table; {@link #close()} releases them.
 */
public final class MemberHistory implements AutoCloseable {
  private final Evaluator evaluator;
  private final Database db;
  private final Instant asOf;
  private final Dataset<Row> members;

  private MemberHistory(Evaluator evaluator, Database db, Instant asOf, Dataset<Row> members) {
    this.evaluator = evaluator;
    this.db = db;
    this.asOf = asOf;
    this.members = members;
  }

  /** The members of {@code s} (on database {@code db}) as of {@code asOf}, not yet computed. */
  public static MemberHistory of(Evaluator evaluator, BoundSegment s, Database db,
      Instant asOf) {
    // Persisted: counted once here, then joined once per history table.
    Dataset<Row> ids = evaluator.selected(s, asOf).select(Columns.column(db.idColumn()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    return new MemberHistory(evaluator, db, asOf, ids);
  }

  /** How many members there are (runs the selection). */
  public long members() {
    return members.count();
  }

  /**
   * The members' rows of table {@code h} (which the database must have) with time in
   * [since, until) and not after the as-of, in a total order, for a writer.
   */
  public Dataset<Row> rows(History h, Instant since, Instant until) {
    Dataset<Row> all = evaluator.table(db, h.source(db).orElseThrow());
    return h.rows(all, members, db.idColumn(), since, until, asOf);
  }

  /** Releases the kept member ids. */
  @Override
  public void close() {
    members.unpersist();
  }
}
