package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.eval.Evaluator;

/**
 * bulk-update: top-level profile fields set to given values for every member of a segment,
 * written as a new version of the profiles table ({@link TableVersions}). The members are
 * evaluated once, before the rewrite, so the update cannot change who it applies to.
 */
public final class BulkUpdate {
  private static final String MEMBER = "__segments_member_id";

  /** The members updated and the catalog switch. */
  public record Result(long members, TableVersions.Switched switched) {}

  private final TableFiles files;
  private final Database db;
  private final List<FieldValues.Assignment> assignments;

  private BulkUpdate(TableFiles files, Database db, List<FieldValues.Assignment> assignments) {
    this.files = files;
    this.db = db;
    this.assignments = assignments;
  }

  /**
   * Checks that the profiles of {@code db} can be rewritten (a Parquet path source) and reads
   * every {@code --set}; refuses with every problem.
   */
  public static BulkUpdate prepare(SparkSession spark, Database db, List<String> sets) {
    TableFiles files = new TableFiles(spark);
    files.requireParquetPath(db.profiles(), "the profiles table of database " + db.name());
    return new BulkUpdate(files, db,
        FieldValues.parse(sets, files.schema(db.profiles()), db.idColumn(), db.zone()));
  }

  public List<FieldValues.Assignment> assignments() {
    return assignments;
  }

  /** Stages the members, writes the new version and switches {@code catalogFile} to it. */
  public Result run(Evaluator evaluator, BoundSegment s, Instant asOf, Path catalogFile,
      Consumer<String> progress) throws IOException {
    Path table = new Path(db.profiles().location());
    Path work = files.workFolder(table.getParent());
    try {
      MemberIds m = MemberIds.stage(evaluator, s, asOf, files, new Path(work, "ids"));
      progress.accept(m.count() + " members of " + s.id() + " as of " + asOf + " to update");
      String id = db.idColumn();
      Dataset<Row> profiles = files.spark().read().parquet(db.profiles().location());
      Dataset<Row> joined = profiles.join(m.ids().select(Columns.column(id).as(MEMBER)),
          Columns.column(id).equalTo(col(MEMBER)), "left");
      Map<String, FieldValues.Assignment> byField = assignments.stream()
          .collect(Collectors.toMap(FieldValues.Assignment::field, a -> a));
      List<Column> cols = new ArrayList<>();
      for (String name : profiles.columns()) {
        FieldValues.Assignment a = byField.get(name);
        cols.add(a == null ? Columns.column(name)
            : when(col(MEMBER).isNotNull(), a.literal()).otherwise(Columns.column(name)).as(name));
      }
      TableVersions.Switched sw = TableVersions.write(files, catalogFile, db,
          joined.select(cols.toArray(Column[]::new)), work, progress);
      return new Result(m.count(), sw);
    } finally {
      files.deleteQuietly(work);
    }
  }
}
