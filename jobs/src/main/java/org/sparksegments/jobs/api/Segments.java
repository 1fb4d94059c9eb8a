package org.sparksegments.jobs.api;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.jobs.fs.Storage;

/**
 * The Java API for notebooks and JVM programs: one segment evaluated in the caller's
 * SparkSession, as a lazy {@code Dataset<Row>}. A segment is given either as its JSON document
 * (a quick, unsaved segment) or by id from a segments file or folder (which it may refer to).
 *
 * <p>Invalid input throws {@link InvalidInputException} before any Spark job, with every
 * problem found (code, JSON pointer, message), exactly as the command line reports them.
 */
public final class Segments {
  private Segments() {}

  /** The selected profiles of a segment given as JSON, as of now. */
  public static Dataset<Row> evaluate(SparkSession spark, String catalog, String segmentJson) {
    return evaluate(spark, catalog, segmentJson, Instant.now());
  }

  /**
   * The selected profiles (every profile column) of a segment given as JSON, as of
   * {@code asOf}, in the segment's limit order with its range and limit applied.
   */
  public static Dataset<Row> evaluate(SparkSession spark, String catalog, String segmentJson,
      Instant asOf) {
    return members(open(spark, catalog, SegmentSet.fromText("segment", segmentJson), null),
        asOf);
  }

  /** The selected profiles of segment {@code id} of a segments file or folder. */
  public static Dataset<Row> evaluateSaved(SparkSession spark, String catalog, String segments,
      String id, Instant asOf) {
    return members(open(spark, catalog, SegmentSet.load(Storage.of(spark.sparkContext().hadoopConfiguration()), segments), id), asOf);
  }

  /**
   * One row: {@code segment}, {@code as_of}, {@code in_range}, {@code matched},
   * {@code selected} (spec 8), of a segment given as JSON.
   */
  public static Dataset<Row> count(SparkSession spark, String catalog, String segmentJson,
      Instant asOf) {
    return counts(open(spark, catalog, SegmentSet.fromText("segment", segmentJson), null),
        asOf);
  }

  /** The count row of segment {@code id} of a segments file or folder. */
  public static Dataset<Row> countSaved(SparkSession spark, String catalog, String segments,
      String id, Instant asOf) {
    return counts(open(spark, catalog, SegmentSet.load(Storage.of(spark.sparkContext().hadoopConfiguration()), segments), id), asOf);
  }

  private static Dataset<Row> members(Opened o, Instant asOf) {
    return o.evaluator().selected(o.segment(), asOf);
  }

  private static Dataset<Row> counts(Opened o, Instant asOf) {
    String id = o.segment().id();
    Flags e = o.evaluator().evaluate(List.of(o.segment()), asOf);
    return e.countFrame(id).select(lit(id).as("segment"), lit(asOf).as("as_of"),
        col("in_range"), col("matched"), col("selected"));
  }

  /** A validated segment and an evaluator over its catalog. */
  private record Opened(BoundSegment segment, Evaluator evaluator) {}

  /**
   * Loads the catalog, picks the segment ({@code id}, or the only segment of a JSON document
   * when null) and validates it against the tables' schemas.
   */
  private static Opened open(SparkSession spark, String catalogFile, SegmentSet set, String id) {
    Workspace ws = Workspace.open(spark, catalogFile, set);
    return new Opened(ws.bind(id), ws.evaluator());
  }
}
