package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.eval.Evaluator;

/**
 * copy-to-static: the members of a segment appended to the database's static_segments table as
 * rows (NAME, id, added_at = the as-of, removed_at null), in one new Parquet file moved into the
 * table folder once complete; existing files are never touched. Profiles that are members of
 * NAME as of the as-of already get no second row.
 */
public final class StaticCopy {
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** What a copy did; {@code file} is the new file's name, null when nothing was added. */
  public record Result(long members, long alreadyIn, long added, String file) {}

  private final TableFiles files;
  private final Database db;
  private final String name;
  private final TableSource table;
  private final StructType schema;
  private final boolean existing;

  private StaticCopy(TableFiles files, Database db, String name, StructType schema,
      boolean existing) {
    this.files = files;
    this.db = db;
    this.name = name;
    this.table = db.staticSegments().orElseThrow();
    this.schema = schema;
    this.existing = existing;
  }

  /**
   * Checks that {@code db}'s static_segments table can take rows of {@code name}: it is in the
   * catalog, a Parquet folder, and has the contract's columns, its id column able to hold the
   * profiles' ids. A folder without data files yet gets the contract's schema.
   */
  public static StaticCopy prepare(org.apache.spark.sql.SparkSession spark, Database db,
      String name) throws IOException {
    if (name == null || name.isBlank()) {
      throw InvalidInputException.of(ErrorCode.BAD_OPTION,
          "Cannot use --static '" + (name == null ? "" : name)
          + "' (expected the name of a static segment, not empty)");
    }
    if (db.staticSegments().isEmpty()) {
      throw InvalidInputException.of(ErrorCode.UNKNOWN_TABLE,
          "Cannot copy to static segment '" + name
          + "': database " + db.name() + " has no static_segments table in the catalog"
          + " (expected a \"static_segments\" source in databases." + db.name() + ")");
    }
    TableSource t = db.staticSegments().get();
    String what = "the static_segments table of database " + db.name();
    TableFiles files = new TableFiles(spark);
    files.requireParquetPath(t, what);
    DataType idType = files.schema(db.profiles()).apply(db.idColumn()).dataType();
    if (files.isFile(new Path(t.location()))) {
      throw InvalidInputException.of(ErrorCode.BAD_TABLE,
          "Cannot add rows to " + what + ": its source '"
          + t.written() + "' is a single file (expected a folder, where a new file can be added)");
    }
    String id = db.idColumn();
    if (!files.hasData(t.location())) {
      StructType contract = new StructType()
          .add("segment", DataTypes.StringType).add(id, idType)
          .add("added_at", DataTypes.TimestampType).add("removed_at", DataTypes.TimestampType);
      return new StaticCopy(files, db, name, contract, false);
    }
    files.requireFlat(t, what);
    StructType schema = files.schema(t);
    List<ValidationError> problems = new ArrayList<>();
    column(schema, "segment", what, problems, c -> c.equals(DataTypes.StringType), "string");
    column(schema, id, what, problems, c -> Types.idFits(idType, c),
        "a type that holds the profiles' ids of type " + idType.simpleString());
    column(schema, "added_at", what, problems, Types::isTimestamp, "timestamp");
    column(schema, "removed_at", what, problems, Types::isTimestamp, "timestamp");
    InvalidInputException.throwIfAny(problems);
    return new StaticCopy(files, db, name, schema, true);
  }

  private static void column(StructType schema, String column, String what,
      List<ValidationError> problems, java.util.function.Predicate<DataType> ok,
      String expected) {
    Optional<StructField> f = java.util.Arrays.stream(schema.fields())
        .filter(x -> x.name().equals(column)).findFirst();
    if (f.isEmpty() || !ok.test(f.get().dataType())) {
      problems.add(ValidationError.of(ErrorCode.BAD_TABLE, "Cannot add rows to " + what
          + ": column '" + column + "' " + (f.isEmpty() ? "is missing" : "has type "
          + f.get().dataType().simpleString()) + " (expected " + expected + ")"));
    }
  }

  /** Stages the members, adds the rows of those not yet in the static segment, in one file. */
  public Result run(Evaluator evaluator, BoundSegment s, Instant asOf, Consumer<String> progress)
      throws IOException {
    Path folder = new Path(table.location());
    Path work = files.workFolder(folder);
    try {
      MemberIds m = MemberIds.stage(evaluator, s, asOf, files, new Path(work, "ids"));
      progress.accept(m.count() + " members of " + s.id() + " as of " + asOf);
      String id = db.idColumn();
      DataType idType = schema.apply(id).dataType();
      Dataset<Row> ids = m.ids().select(Columns.column(id).cast(idType).as(id));
      if (existing) {
        ids = ids.join(currentMembers(asOf, idType), new String[] {id}, "left_anti");
      }
      List<Column> cols = new ArrayList<>();
      for (StructField f : schema.fields()) {
        DataType t = f.dataType();
        Column c = switch (f.name()) {
          case "segment" -> lit(name).cast(t);
          case "added_at" -> Types.instant(asOf, t, db.zone());
          default -> f.name().equals(id) ? Columns.column(id) : lit(null).cast(t);
        };
        cols.add(c.as(f.name()));
      }
      Optional<TableFiles.OneFile> staged = files.writeOneFile(
          ids.select(cols.toArray(Column[]::new)), new Column[] {Columns.column(id)},
          new Path(work, "rows"));
      if (staged.isEmpty() || staged.get().rows() == 0) {
        return new Result(m.count(), m.count(), 0, null);
      }
      Path target = files.freeFile(folder, "static-" + FILE_STAMP.format(asOf) + "-" + s.id());
      files.move(staged.get().file(), target);
      long added = staged.get().rows();
      return new Result(m.count(), m.count() - added, added, target.getName());
    } finally {
      files.deleteQuietly(work);
    }
  }

  /** The ids that are in the static segment as of the as-of (spec 3.5, op "in"). */
  private Dataset<Row> currentMembers(Instant asOf, DataType idType) {
    String id = db.idColumn();
    Column added = Columns.column("added_at");
    Column removed = Columns.column("removed_at");
    Column at = Types.instant(asOf, schema.apply("added_at").dataType(), db.zone());
    Column atRemoved = Types.instant(asOf, schema.apply("removed_at").dataType(), db.zone());
    return files.spark().read().parquet(table.location())
        .filter(Columns.column("segment").equalTo(lit(name)).and(added.leq(at))
            .and(removed.isNull().or(removed.gt(atRemoved))))
        .select(Columns.column(id).cast(idType).as(id)).distinct();
  }
}
