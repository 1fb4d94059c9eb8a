package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.eval.Evaluator;

/**
 * add-to-scenario: a segment's members handed to an orchestrator as one Parquet file per
 * scenario, batch (the as-of) and segment: {@code PATH/SCENARIO/BATCH/DATABASE.SEGMENT.parquet}
 * with columns scenario_id, profile_id (as a string), database, segment and enqueued_at (the
 * as-of). The file appears complete in one rename; when it is there already nothing is written,
 * so running again for the same scenario and as-of leaves the same rows.
 */
public final class ScenarioHandoff {
  private static final Pattern SCENARIO = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
  /** Batch folder names: the as-of in UTC, fixed width, so they sort by time. */
  public static final DateTimeFormatter BATCH =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** The hand-off file, whether this run wrote it, and its rows. */
  public record Result(String file, boolean written, long rows) {}

  private final TableFiles files;
  private final Path root;
  private final String scenario;

  private ScenarioHandoff(TableFiles files, Path root, String scenario) {
    this.files = files;
    this.root = root;
    this.scenario = scenario;
  }

  /** Checks the scenario id, the database name and the hand-off folder {@code to}. */
  public static ScenarioHandoff prepare(SparkSession spark, String to, String scenario,
      String database) throws IOException {
    if (!SCENARIO.matcher(scenario).matches()) {
      throw InvalidInputException.of(ErrorCode.BAD_OPTION,
          "Cannot use --scenario '" + scenario + "' (expected"
          + " 1 to 64 of A-Z a-z 0-9 _ -: it names a folder)");
    }
    if (!DATABASE.matcher(database).matches()) {
      throw InvalidInputException.of(ErrorCode.BAD_OPTION,
          "Cannot hand off members of database '" + database
          + "': its name is used in file names (expected 1 to 128 of A-Z a-z 0-9 _ . -)");
    }
    TableFiles files = new TableFiles(spark);
    TableSource t = CatalogLoader.resolve(to, files.storage()::qualify);
    files.requireParquetPath(t, "the hand-off table " + to);
    Path root = new Path(t.location());
    if (files.isFile(root)) {
      throw InvalidInputException.of(ErrorCode.BAD_OPTION,
          "Cannot use --to '" + to + "': it is a file"
          + " (expected a folder, new or holding hand-off batches)");
    }
    return new ScenarioHandoff(files, root, scenario);
  }

  /** Where the rows of this scenario, as-of and segment go. */
  public Path file(Instant asOf, String database, String segment) {
    return new Path(new Path(new Path(root, scenario), BATCH.format(asOf)),
        database + "." + segment + ".parquet");
  }

  /** Writes the batch file unless it is there already. */
  public Result run(Evaluator evaluator, BoundSegment s, Instant asOf, Consumer<String> progress)
      throws IOException {
    String db = s.database().name();
    Path target = file(asOf, db, s.id());
    if (files.exists(target)) {
      long rows = files.spark().read().parquet(target.toString()).count();
      progress.accept("already enqueued: " + target + " (" + rows + " rows); nothing"
          + " written");
      return new Result(target.toString(), false, rows);
    }
    Path work = files.workFolder(root);
    // Staged Parquet files sit four levels below PATH, out of reach of the PATH/*/*/*.parquet
    // glob that readers use (DuckDB's * also matches hidden names).
    Path stage = new Path(work, "stage");
    try {
      MemberIds m = MemberIds.stage(evaluator, s, asOf, files, new Path(stage, "ids"));
      progress.accept(m.count() + " members of " + s.id() + " as of " + asOf);
      Column[] cols = {lit(scenario).as("scenario_id"),
          Columns.column(s.database().idColumn()).cast("string").as("profile_id"),
          lit(db).as("database"), lit(s.id()).as("segment"), lit(asOf).as("enqueued_at")};
      Optional<TableFiles.OneFile> staged = files.writeOneFile(m.ids().select(cols),
          new Column[] {Columns.column("profile_id")}, new Path(stage, "rows"));
      if (staged.isEmpty()) {
        throw new IOException("Spark wrote no file for " + s.id() + " in " + work);
      }
      Path batch = target.getParent();
      if (files.exists(batch)) {
        files.move(staged.get().file(), target);
      } else {
        // A new batch folder appears with its file in it, never empty.
        Path folder = new Path(stage, "batch");
        files.move(staged.get().file(), new Path(folder, target.getName()));
        files.move(folder, batch);
      }
      return new Result(target.toString(), true, staged.get().rows());
    } finally {
      files.deleteQuietly(work);
    }
  }
}
