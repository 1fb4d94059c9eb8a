package org.sparksegments.jobs.run;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.eval.Features;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Evaluator.Counts;
import org.sparksegments.jobs.eval.ReadFailures;

/**
 * The batch recalculation (spec 9): every given segment of every database as of one instant,
 * one wide frame per database (each table read once, all event-style conditions in one shared
 * aggregation, one boolean column per segment), members and changes written under
 * {@code runs/RUN_ID/}, the manifest last, then the update log row of each segment. Every path
 * is a qualified one of {@link RunStore}'s file system, for the engine's own steps and for
 * Spark's writes alike.
 */
public final class BatchRun {
  /** The engine version written into manifests. */
  public static final String ENGINE_VERSION = "spark-segments 0.1.0";
  /** The column that numbers the members of an ordered segment in their order while written. */
  private static final String POSITION = "__position";
  /** Numbers the evaluations of a JVM, for their scratch folders. */
  private static final java.util.concurrent.atomic.AtomicLong ATTEMPTS =
      new java.util.concurrent.atomic.AtomicLong();

  private final SparkSession spark;
  private final Catalog catalog;
  private final Evaluator evaluator;
  private final RunStore store;
  private final Consumer<String> progress;
  private final Clock clock;

  public BatchRun(SparkSession spark, Catalog catalog, Evaluator evaluator, RunStore store,
      Consumer<String> progress) {
    this(spark, catalog, evaluator, store, progress, Clock.systemUTC());
  }

  /** A run whose start and end times (and so its run id) come from {@code clock}. */
  public BatchRun(SparkSession spark, Catalog catalog, Evaluator evaluator, RunStore store,
      Consumer<String> progress, Clock clock) {
    this.spark = spark;
    this.catalog = catalog;
    this.evaluator = evaluator;
    this.store = store;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * A segment to compute, or one already found invalid (bound is null); a file whose segments
   * could not be read (malformed JSON, say) is one invalid entry without id, named by its
   * {@code source}, the file's qualified URI.
   */
  public record Planned(String id, String database, String sha256, BoundSegment bound,
      List<ValidationError> errors, String source) {
    /** An entry whose source is its bound segment's, or unknown. */
    public Planned(String id, String database, String sha256, BoundSegment bound,
        List<ValidationError> errors) {
      this(id, database, sha256, bound, errors,
          bound == null ? null : bound.segment().source());
    }
  }

  /** The run's folder (qualified) and every segment's outcome. */
  public record Result(Path run, String runId, List<String> failed, List<String> invalid) {}

  /**
   * Runs the planned segments as of {@code asOf}: invalid ones are reported, the others computed
   * database by database; a database whose tables cannot be read fails only its segments.
   */
  public Result run(List<Planned> planned, Instant asOf) throws IOException {
    Instant started = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    // The runs complete when this one starts: the ones its changes compare with.
    List<RunStore.Complete> complete = store.completeRuns(progress);
    repairCounts(complete);
    Path run = store.newRun(started);
    String runId = run.getName();
    progress.accept("run " + runId + " as of " + asOf + ": " + planned.size() + " segments, in "
        + run);
    // Every planned entry gets its own outcome (a duplicate id is its own invalid entry); the
    // computed ones, whose ids are unique, are also found by id.
    List<SegmentOutcome> all = new ArrayList<>();
    Map<String, SegmentOutcome> outcomes = new LinkedHashMap<>();
    Map<String, List<BoundSegment>> byDb = new TreeMap<>();
    for (Planned p : planned) {
      SegmentOutcome o = new SegmentOutcome(p.id(), p.database(), p.sha256(), p.source());
      all.add(o);
      if (p.bound() != null) {
        outcomes.put(p.id(), o);
      }
      if (p.bound() == null) {
        boolean unreadable = p.errors().stream()
            .anyMatch(e -> e.code() == ErrorCode.UNREADABLE_TABLE);
        o.fail(unreadable ? SegmentOutcome.Status.FAILED : SegmentOutcome.Status.INVALID,
            p.errors());
      } else {
        byDb.computeIfAbsent(p.database(), k -> new ArrayList<>()).add(p.bound());
      }
    }
    ArrayNode inputs = Json.MAPPER.createArrayNode();
    for (Map.Entry<String, List<BoundSegment>> db : byDb.entrySet()) {
      long t0 = System.nanoTime();
      String dbName = db.getKey();
      Isolation.compute(db.getValue(),
          batch -> attempt(dbName, batch, asOf, run, complete, outcomes, inputs),
          batch -> evaluator.base(catalog.database(dbName).orElseThrow(), asOf).count(),
          t -> ReadFailures.failedFile(t).isPresent(),
          new Isolation.Failures<>() {
            @Override
            public void database(List<BoundSegment> all, Throwable cause) {
              String what = "Cannot compute the segments of database '" + dbName + "'";
              Optional<ValidationError> file = ReadFailures.error(what, cause);
              String message = file.map(ValidationError::message)
                  .orElse(what + ": " + Containment.message(cause));
              ErrorCode code = file.isPresent() ? ErrorCode.BAD_TABLE : ErrorCode.UNREADABLE_TABLE;
              progress.accept("database " + dbName + ": FAILED: " + message);
              for (BoundSegment s : all) {
                outcomes.get(s.id()).fail(SegmentOutcome.Status.FAILED, List.of(new ValidationError(
                    code, s.segment().source(), s.id(), "", message)));
              }
            }

            @Override
            public void segments(List<BoundSegment> batch, Throwable cause) {
              for (BoundSegment s : batch) {
                String what = "Cannot compute segment '" + s.id() + "'"
                    + (batch.size() > 1 ? " (evaluated with " + (batch.size() - 1)
                        + " other segments that could not be told apart)" : "");
                Optional<ValidationError> file = ReadFailures.error(what, cause);
                String message = file.map(ValidationError::message)
                    .orElse(what + ": " + Containment.message(cause));
                progress.accept("segment " + s.id() + ": FAILED: " + message);
                outcomes.get(s.id()).fail(SegmentOutcome.Status.FAILED, List.of(new ValidationError(
                    file.isPresent() ? ErrorCode.BAD_TABLE : ErrorCode.EVALUATION_FAILED,
                    s.segment().source(), s.id(), "", message)));
              }
            }
          });
      progress.accept(String.format(java.util.Locale.ROOT,
          "database %s: %d segments done in %.1fs", dbName, db.getValue().size(),
          (System.nanoTime() - t0) / 1e9));
    }
    Instant finished = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode manifest = Manifests.manifest(runId, asOf, started, finished, inputs, all);
    store.writeManifest(run, manifest);
    writeCounts(runId, manifest);
    List<String> failed = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    all.forEach(o -> {
      if (o.status == SegmentOutcome.Status.FAILED) {
        failed.add(o.id);
      } else if (o.status == SegmentOutcome.Status.INVALID) {
        invalid.add(o.id);
      }
    });
    progress.accept("run " + runId + " complete: " + (all.size() - failed.size()
        - invalid.size()) + " ok, " + invalid.size() + " invalid, " + failed.size() + " failed");
    return new Result(run, runId, failed, invalid);
  }

  private static String rootMessage(Throwable e) {
    return Containment.message(e);
  }

  /**
   * One evaluation of a batch of one database's segments (see {@link Isolation}); on failure,
   * what it wrote for them (members, changes, counts) is removed before the error goes on, so
   * that a later attempt or the failed status starts from nothing. The tables it described join
   * the manifest's inputs once, whatever the number of attempts.
   */
  private void attempt(String dbName, List<BoundSegment> batch, Instant asOf, Path run,
      List<RunStore.Complete> complete, Map<String, SegmentOutcome> outcomes, ArrayNode inputs)
      throws IOException {
    ArrayNode described = Json.MAPPER.createArrayNode();
    try {
      runDatabase(dbName, batch, asOf, run, complete, outcomes, described);
    } catch (Throwable t) {
      for (BoundSegment s : batch) {
        outcomes.get(s.id()).clearCounts();
        store.storage().deleteTree(new Path(run, "members/segment=" + s.id()));
        store.storage().deleteTree(new Path(run, "changes/segment=" + s.id()));
      }
      throw t;
    } finally {
      for (com.fasterxml.jackson.databind.JsonNode d : described) {
        boolean known = false;
        for (com.fasterxml.jackson.databind.JsonNode i : inputs) {
          known |= i.path("database").equals(d.path("database"))
              && i.path("table").equals(d.path("table"));
        }
        if (!known) {
          inputs.add(d);
        }
      }
    }
  }

  /**
   * The stages of one database's evaluation, each a value the next one takes: the features
   * (every table read once, stored in the attempt's scratch folder), the flags (each condition
   * evaluated once into bits, stored), then counts, members and changes, which read bits.
   * Stored stages are read back as plain scans, so that every plan stays as small as its stage.
   */
  private void runDatabase(String dbName, List<BoundSegment> segments, Instant asOf, Path run,
      List<RunStore.Complete> complete, Map<String, SegmentOutcome> outcomes, ArrayNode inputs)
      throws IOException {
    List<String> ids = segments.stream().map(BoundSegment::id).toList();
    TestFaults.inEvaluationOf(ids);
    String idColumn = segments.get(0).database().idColumn();
    // Its own folder per attempt: an attempt that failed may have left files in its own.
    FileScratch scratch = new FileScratch(spark, store.storage(),
        new Path(run, "_scratch-" + dbName + "-" + ATTEMPTS.incrementAndGet()));
    try {
      Features planned = evaluator.features(segments, asOf, true);
      Inputs.describe(catalog.database(dbName).orElseThrow(), planned.requirements(), spark,
          inputs);
      Features features = planned.stored(scratch);
      progress.accept("database " + dbName + ": features computed");
      Flags flags = Flags.of(features, scratch).stored(scratch);
      progress.accept("database " + dbName + ": conditions evaluated");
      Map<String, Counts> counts = flags.counts(ids);
      progress.accept("database " + dbName + ": counted " + ids.size() + " segments");
      counts.forEach((id, c) -> outcomes.get(id).count(c));
      writeMembers(flags, segments, idColumn, new Path(run, "members"));
      progress.accept("database " + dbName + ": members written");
      writeChanges(segments, idColumn, flags.frame().schema().apply(idColumn).dataType(), run,
          complete, outcomes);
      progress.accept("database " + dbName + ": changes written");
    } finally {
      scratch.release();
    }
  }

  /**
   * The members of every segment of the database in one job over the flags frame, each
   * segment in its own order (spec 5): segments without limit or order_by are tagged on each
   * profile and sorted by id; the others are each sorted by their order and limited (a top-k per
   * segment), numbered in that order, and written sorted by that number.
   */
  private void writeMembers(Flags e, List<BoundSegment> segments, String idColumn,
      Path members) {
    Column id = Columns.column(idColumn);
    List<Column> tags = new ArrayList<>();
    Dataset<Row> ordered = null;
    for (BoundSegment s : segments) {
      if (s.segment().limit().hasMax() || !s.segment().limit().orderBy().isEmpty()) {
        Dataset<Row> top = e.selected(s.id()).select(id, lit(s.id()).as("segment"));
        ordered = ordered == null ? top : ordered.union(top);
      } else {
        tags.add(when(e.matched(s.id()), lit(s.id())));
      }
    }
    List<Dataset<Row>> parts = new ArrayList<>();
    if (!tags.isEmpty()) {
      parts.add(e.frame().select(id, explode(array(tags.toArray(Column[]::new))).as("segment"))
          .filter(col("segment").isNotNull()).withColumn(POSITION, lit(null).cast("long")));
    }
    if (ordered != null) {
      // Each part of the union keeps its segment's order in its partitions, one after the
      // other: the increasing id numbers the rows in that order, whatever the partitioning.
      parts.add(ordered.withColumn(POSITION, monotonically_increasing_id()));
    }
    if (parts.isEmpty()) {
      return;
    }
    Dataset<Row> all = parts.size() == 1 ? parts.get(0) : parts.get(0).union(parts.get(1));
    all.repartition(col("segment"))
        .sortWithinPartitions(col("segment"), col(POSITION), id)
        .drop(POSITION)
        .write().mode("append").partitionBy("segment").parquet(members.toString());
  }

  /** entered / left against each segment's previous successful run, in one job. */
  private void writeChanges(List<BoundSegment> segments, String idColumn,
      org.apache.spark.sql.types.DataType idType, Path run, List<RunStore.Complete> complete,
      Map<String, SegmentOutcome> outcomes) throws IOException {
    // One scan per members folder (this run's, and each previous run some segment last
    // succeeded in), not one per segment: the segment is the folders' partition column.
    StructType schema = new StructType().add(idColumn, idType, true)
        .add("segment", DataTypes.StringType, true);
    List<String> ids = segments.stream().map(BoundSegment::id).toList();
    Dataset<Row> current = membersUnder(new Path(run, "members"), schema, ids);
    Map<Path, List<String>> byRun = new java.util.LinkedHashMap<>();
    for (String sid : ids) {
      RunStore.previousMembers(complete, sid).ifPresent(p -> byRun.computeIfAbsent(p.getParent(),
          k -> new ArrayList<>()).add(sid));
    }
    Dataset<Row> prev = current.limit(0);
    for (Map.Entry<Path, List<String>> e : byRun.entrySet()) {
      prev = prev.unionByName(membersUnder(e.getKey(), schema, e.getValue()));
    }
    Column id = Columns.column(idColumn);
    Dataset<Row> changes = current.withColumn("__now", lit(true))
        .join(prev.withColumn("__before", lit(true)), new String[] {"segment", idColumn},
            "full_outer")
        .filter(coalesce(col("__now"), lit(false)).notEqual(coalesce(col("__before"), lit(false))))
        .select(id, when(col("__now").isNotNull(), lit("entered")).otherwise(lit("left"))
            .as("change"), col("segment"))
        .repartition(col("segment"))
        .sortWithinPartitions(col("segment"), col("change"), id)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      changes.write().mode("append").partitionBy("segment")
          .parquet(new Path(run, "changes").toString());
      for (Row r : changes.groupBy("segment", "change").count().collectAsList()) {
        SegmentOutcome o = outcomes.get(r.getString(0));
        if ("entered".equals(r.getString(1))) {
          o.entered = r.getLong(2);
        } else {
          o.left = r.getLong(2);
        }
      }
    } finally {
      changes.unpersist();
    }
  }

  /**
   * The members of {@code segments} under a run's members folder, as (id, segment); a segment
   * without a folder has no members. The schema fixes the partition column as a string, whatever
   * the ids look like.
   */
  private Dataset<Row> membersUnder(Path members, StructType schema, List<String> segments)
      throws IOException {
    if (!store.storage().isDirectory(members)) {
      return spark.createDataFrame(List.of(), schema);
    }
    return spark.read().schema(schema).parquet(members.toString())
        .filter(col("segment").isin(segments.toArray()));
  }

  /**
   * The counts rows of this run, after its manifest. Written once more when the first attempt
   * fails: a run starting meanwhile may be rewriting them from the manifest (see
   * {@link #repairCounts}), and one of the two writes then loses its temporary files.
   */
  private void writeCounts(String runId, ObjectNode manifest) {
    String folder = store.counts(runId).toString();
    try {
      CountsLog.write(spark, runId, manifest, folder);
    } catch (Exception e) {
      // Spark's checked exceptions come undeclared: catch everything.
      progress.accept("counts of run " + runId + " not written (" + rootMessage(e)
          + "): writing them again");
      CountsLog.write(spark, runId, manifest, folder);
    }
  }

  /**
   * Writes the counts rows of every complete run that has none (killed after its manifest), from
   * its manifest. A failure here is reported and does not stop this run: the next one tries again.
   */
  private void repairCounts(List<RunStore.Complete> complete) throws IOException {
    for (RunStore.Complete c : complete) {
      if (store.hasCounts(c.runId())) {
        continue;
      }
      Path folder = store.counts(c.runId());
      try {
        CountsLog.write(spark, c.runId(), c.manifest(), folder.toString());
        progress.accept("counts of run " + c.runId() + " written from its manifest into "
            + folder);
      } catch (Exception e) {
        progress.accept("counts of run " + c.runId() + " could not be written into " + folder
            + ": " + rootMessage(e));
      }
    }
  }
}
