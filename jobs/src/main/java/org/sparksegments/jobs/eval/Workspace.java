package org.sparksegments.jobs.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.fs.Storage;

/**
 * The one way in, for the command line and the Java API alike: the catalog, the segment set, the
 * validator over them, the chosen segment bound, and the SparkSession to evaluate it in.
 */
public final class Workspace {
  private final Catalog catalog;
  private final SegmentSet segments;
  private final Validator validator;
  private final SchemaSource schemas;
  private final Supplier<SparkSession> start;
  private SparkSession spark;
  private final Storage storage;

  private Workspace(Catalog catalog, SegmentSet segments, SparkSession given,
      Supplier<SparkSession> start, Storage storage) {
    this.catalog = catalog;
    this.segments = segments;
    this.spark = given;
    this.start = start;
    this.storage = storage;
    this.schemas = new SchemaSource(storage.conf(), this::spark);
    this.validator = new Validator(catalog, schemas, segments);
  }

  /**
   * What command {@code command} works on: its SparkSession starts only when first needed
   * (validation never needs one for Parquet sources).
   *
   * @throws InvalidInputException when the catalog cannot be used
   */
  public static Workspace open(String command, String catalogFile, List<String> segmentsPaths) {
    Storage storage = Storage.of(Sessions.hadoopConfiguration());
    Catalog catalog = CatalogLoader.load(storage, catalogFile);
    return new Workspace(catalog, SegmentSet.load(storage, segmentsPaths), null,
        () -> Sessions.create(command), storage);
  }

  /**
   * The segments {@code segments} over the catalog {@code catalogFile}, evaluated in the caller's
   * session {@code spark}.
   *
   * @throws InvalidInputException when the catalog cannot be used
   */
  public static Workspace open(SparkSession spark, String catalogFile, SegmentSet segments) {
    Storage storage = Storage.of(spark.sparkContext().hadoopConfiguration());
    return new Workspace(CatalogLoader.load(storage, catalogFile), segments, spark, () -> spark,
        storage);
  }

  public Catalog catalog() {
    return catalog;
  }

  public SegmentSet segments() {
    return segments;
  }

  /** Validates one parsed segment of the set. */
  public Binder.Result validate(Parsed p) {
    return validator.validate(p);
  }

  /**
   * From now on, reads every data file's footer of the Parquet tables validated (see
   * {@link SchemaSource#checkEveryFile}).
   */
  public void checkEveryFile() {
    schemas.checkEveryFile();
  }

  /** Validates every segment of the set. */
  public List<Binder.Result> validateAll() {
    return segments.all().stream().map(validator::validate).toList();
  }

  /**
   * The bound segment {@code id} (null: the only segment of the set, as of a document given as
   * text), or invalid input with every problem of it.
   */
  public BoundSegment bind(String id) {
    Parsed p = pick(id);
    Binder.Result r = validator.validate(p);
    if (!r.ok()) {
      throw new InvalidInputException(r.errors());
    }
    return r.segment();
  }

  private Parsed pick(String id) {
    List<Parsed> all = segments.all();
    if (id != null && !org.sparksegments.conditions.json.SegmentParser.isId(id)) {
      throw new InvalidInputException(List.of(ValidationError.of(ErrorCode.BAD_ID,
          "Cannot pick segment '" + (id.length() <= 80 ? id : id.substring(0, 79) + "…")
              + "': not a segment id (expected 1 to 64 of"
              + " A-Z a-z 0-9 _ -)")));
    }
    // Every command refuses a set with a duplicate id, not only the run: which of two
    // documents a count describes must never be a guess.
    List<ValidationError> duplicates = all.stream().flatMap(x -> x.errors().stream())
        .filter(e -> e.code() == ErrorCode.DUPLICATE_ID).toList();
    if (!duplicates.isEmpty()) {
      throw new InvalidInputException(duplicates);
    }
    Parsed p = id != null ? segments.find(id).orElse(null) : all.size() == 1 ? all.get(0) : null;
    if (p != null) {
      return p;
    }
    // The segment may be in a file that could not be read: report those problems too.
    List<ValidationError> errors = new ArrayList<>();
    all.stream().filter(x -> x.id() == null).forEach(x -> errors.addAll(x.errors()));
    errors.add(ValidationError.of(ErrorCode.UNKNOWN_SEGMENT, id != null
        ? "Cannot find segment '" + id + "' in the given segments (expected one of: "
            + String.join(", ", segments.ids()) + ")"
        : "Cannot pick the segment: the document holds " + all.size()
            + " segments (expected exactly one)"));
    throw new InvalidInputException(errors);
  }

  /** The file systems of this workspace's paths, configured as its session's. */
  public Storage storage() {
    return storage;
  }

  /** The session: the caller's, or one started on first use. */
  public SparkSession spark() {
    if (spark == null) {
      spark = start.get();
    }
    return spark;
  }

  /** An evaluator that resolves segment references within the set. */
  public Evaluator evaluator() {
    return new Evaluator(spark(), catalog, validator::bound);
  }
}
