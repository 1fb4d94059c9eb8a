package org.sparksegments.jobs.api;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Evaluation;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;

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
    return members(open(spark, catalog, SegmentSet.load(Path.of(segments)), id), asOf);
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
    return counts(open(spark, catalog, SegmentSet.load(Path.of(segments)), id), asOf);
  }

  private static Dataset<Row> members(Opened o, Instant asOf) {
    return o.evaluator().selected(o.result().segment(), asOf);
  }

  private static Dataset<Row> counts(Opened o, Instant asOf) {
    String id = o.result().segment().id();
    Evaluation e = o.evaluator().evaluate(List.of(o.result().segment()), asOf);
    return e.countFrame(id).select(lit(id).as("segment"), lit(asOf).as("as_of"),
        col("in_range"), col("matched"), col("selected"));
  }

  /** A validated segment and an evaluator over its catalog. */
  private record Opened(Binder.Result result, Evaluator evaluator) {}

  /**
   * Loads the catalog, picks the segment ({@code id}, or the only segment of a JSON document
   * when null) and validates it against the tables' schemas.
   */
  private static Opened open(SparkSession spark, String catalogFile, SegmentSet set, String id) {
    Catalog catalog = CatalogLoader.load(Path.of(catalogFile));
    List<ValidationError> unreadable = new ArrayList<>();
    set.all().stream().filter(p -> p.id() == null).forEach(p -> unreadable.addAll(p.errors()));
    Parsed chosen = id != null ? set.find(id).orElse(null)
        : set.all().size() == 1 ? set.all().get(0) : null;
    if (chosen == null) {
      unreadable.add(new ValidationError(ErrorCode.UNKNOWN_SEGMENT, null, id, "", id != null
          ? "Cannot find segment '" + id + "' (expected one of: " + String.join(", ", set.ids())
              + ")"
          : "Cannot pick the segment: the document holds " + set.all().size()
              + " segments (expected exactly one)"));
      throw new InvalidInputException(unreadable);
    }
    Validator validator = new Validator(catalog, new SchemaSource(
        spark.sparkContext().hadoopConfiguration(), () -> spark), set);
    Binder.Result r = validator.validate(chosen);
    if (!r.ok()) {
      throw new InvalidInputException(r.errors());
    }
    return new Opened(r, new Evaluator(spark, catalog, validator::bound));
  }
}
