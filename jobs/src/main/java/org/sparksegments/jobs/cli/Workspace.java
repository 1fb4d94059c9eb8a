package org.sparksegments.jobs.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Sessions;
import org.sparksegments.jobs.eval.Validator;

/**
 * What a command works on: the catalog, the segment set, the validator, and a SparkSession that
 * starts only when a command first needs one (validation never does for Parquet sources).
 */
final class Workspace {
  private final Catalog catalog;
  private final SegmentSet segments;
  private final Validator validator;
  private final String command;
  private SparkSession spark;

  private Workspace(String command, Catalog catalog, SegmentSet segments) {
    this.command = command;
    this.catalog = catalog;
    this.segments = segments;
    this.validator = new Validator(catalog, new SchemaSource(null, this::spark), segments);
  }

  /** Loads the catalog and the segment set; a bad catalog is invalid input. */
  static Workspace open(String command, Path catalogFile, List<Path> segmentsPaths) {
    return new Workspace(command, CatalogLoader.load(catalogFile), SegmentSet.load(segmentsPaths));
  }

  Catalog catalog() {
    return catalog;
  }

  SegmentSet segments() {
    return segments;
  }

  /** Validates one parsed segment of the set. */
  Binder.Result validate(Parsed p) {
    return validator.validate(p);
  }

  /** Validates every segment of the set. */
  List<Binder.Result> validateAll() {
    return segments.all().stream().map(validator::validate).toList();
  }

  /** The bound segment {@code id}, or invalid input with every problem of it. */
  BoundSegment bind(String id) {
    Parsed p = segments.find(id).orElseThrow(() -> {
      // The segment may be in a file that could not be read: report those problems too.
      List<ValidationError> errors = new java.util.ArrayList<>();
      segments.all().stream().filter(x -> x.id() == null).forEach(x -> errors.addAll(x.errors()));
      errors.add(new ValidationError(ErrorCode.UNKNOWN_SEGMENT, null, null, "",
          "Cannot find segment '" + id + "' in the given segments (expected one of: "
              + String.join(", ", segments.ids()) + ")"));
      return new InvalidInputException(errors);
    });
    Binder.Result r = validator.validate(p);
    if (!r.ok()) {
      throw new InvalidInputException(r.errors());
    }
    return r.segment();
  }

  /** The session, started on first use. */
  SparkSession spark() {
    if (spark == null) {
      spark = Sessions.create(command);
    }
    return spark;
  }

  /** An evaluator that resolves segment references within the set. */
  Evaluator evaluator() {
    return new Evaluator(spark(), catalog, validator::bound);
  }
}
