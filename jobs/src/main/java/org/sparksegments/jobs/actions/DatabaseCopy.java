package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.TableReads;

/**
 * copy-to-database: the profile rows of a segment's members copied into another database's
 * profiles table. Ids the target has already are kept as they are; with upsert they are
 * replaced by the source rows, which rewrites the table as a new version ({@link
 * TableVersions}). Without upsert the new rows are added as one new file.
 */
public final class DatabaseCopy {
  private static final DateTimeFormatter FILE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final String TARGET_ID = "__segments_target_id";

  /**
   * What a copy did: {@code existing} member ids were in the target already (kept, or replaced
   * with upsert); {@code file} is the new file without upsert, {@code switched} the new version
   * with upsert (each null otherwise).
   */
  public record Result(long members, long existing, long added, String file,
      TableVersions.Switched switched) {}

  private final TableFiles files;
  private final Database source;
  private final Database target;
  private final boolean upsert;
  private final boolean targetHasData;
  private final SchemaFit fit;

  private DatabaseCopy(TableFiles files, Database source, Database target, boolean upsert,
      boolean targetHasData, SchemaFit fit) {
    this.files = files;
    this.source = source;
    this.target = target;
    this.upsert = upsert;
    this.targetHasData = targetHasData;
    this.fit = fit;
  }

  /**
   * Checks the target (another database, a Parquet path source) and how the schemas fit;
   * refuses with every difference before anything is written.
   */
  public static DatabaseCopy prepare(SparkSession spark, Database source, Database target,
      boolean upsert, boolean dropExtra) throws IOException {
    if (source.name().equals(target.name())) {
      throw InvalidInputException.of(ErrorCode.BAD_OPTION,
          "Cannot use --to '" + target.name() + "': it is"
          + " the segment's own database (expected another database of the catalog)");
    }
    TableSource t = target.profiles();
    String what = "the profiles table of database " + target.name();
    TableFiles files = new TableFiles(spark);
    files.requireParquetPath(t, what);
    boolean hasData = files.hasData(t.location());
    if (hasData && !upsert) {
      if (files.isFile(new Path(t.location()))) {
        throw InvalidInputException.of(ErrorCode.BAD_TABLE,
            "Cannot add rows to " + what + ": its source '"
            + t.written() + "' is a single file (expected a folder, where a new file can be"
            + " added; or use --upsert, which writes a new version folder)");
      }
      files.requireFlat(t, what);
    }
    StructType targetSchema = hasData ? files.schema(t) : null;
    SchemaFit fit = SchemaFit.of(files.schema(source.profiles()), source.idColumn(),
        targetSchema, target.idColumn(), source.name(), target.name(), dropExtra);
    return new DatabaseCopy(files, source, target, upsert && hasData, hasData, fit);
  }

  public SchemaFit fit() {
    return fit;
  }

  /** Stages the members, then adds (or, with upsert, replaces) their rows in the target. */
  public Result run(Evaluator evaluator, BoundSegment s, Instant asOf,
      Path catalogFile, Consumer<String> progress) throws IOException {
    Path folder = new Path(target.profiles().location());
    Path work = files.workFolder(upsert ? folder.getParent() : folder);
    try {
      MemberIds m = MemberIds.stage(evaluator, s, asOf, files, new Path(work, "ids"));
      progress.accept(m.count() + " members of " + s.id() + " as of " + asOf + " to copy");
      String sid = source.idColumn();
      String tid = target.idColumn();
      Dataset<Row> sourceProfiles = TableReads.read(files.spark(), source.profiles());
      Dataset<Row> rows = sourceProfiles.join(m.ids().select(Columns.column(sid).as(TARGET_ID)),
          Columns.column(sid).equalTo(col(TARGET_ID)), "left_semi")
          .select(fit.columns().toArray(Column[]::new));
      if (!targetHasData) {
        return append(m, rows, 0, folder, work, s.id(), asOf);
      }
      Dataset<Row> targetRows = files.spark().read().parquet(target.profiles().location());
      Dataset<Row> targetIds = targetRows.select(Columns.column(tid).as(TARGET_ID)).distinct();
      long existing = rows.select(Columns.column(tid)).distinct()
          .join(targetIds, Columns.column(tid).equalTo(col(TARGET_ID)), "left_semi").count();
      progress.accept(existing + " of them are in database " + target.name() + " already"
          + (upsert ? " (replaced)" : " (kept as they are)"));
      if (!upsert) {
        return append(m, rows.join(targetIds, Columns.column(tid).equalTo(col(TARGET_ID)),
            "left_anti"), existing, folder, work, s.id(), asOf);
      }
      Dataset<Row> kept = targetRows.join(rows.select(Columns.column(tid).as(TARGET_ID)),
          Columns.column(tid).equalTo(col(TARGET_ID)), "left_anti");
      TableVersions.Switched sw = TableVersions.write(files, catalogFile, target,
          kept.unionByName(rows), work, progress);
      return new Result(m.count(), existing, m.count() - existing, null, sw);
    } finally {
      files.deleteQuietly(work);
    }
  }

  private Result append(MemberIds m, Dataset<Row> rows, long existing, Path folder, Path work,
      String segment, Instant asOf) throws IOException {
    Optional<TableFiles.OneFile> staged = files.writeOneFile(rows,
        new Column[] {Columns.column(target.idColumn())}, new Path(work, "rows"));
    if (staged.isEmpty() || staged.get().rows() == 0) {
      return new Result(m.count(), existing, 0, null, null);
    }
    Path file = files.freeFile(folder, "copy-" + FILE_STAMP.format(asOf) + "-" + segment);
    files.move(staged.get().file(), file);
    return new Result(m.count(), existing, m.count() - existing, file.getName(), null);
  }
}
