package org.sparksegments.jobs.eval;

import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.plan.ProfileColumns;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;

/**
 * Evaluates bound segments on Spark: base (profiles created by the as-of) ▶ range ▶ conditions
 * ▶ limit. Each table is read once per evaluator; segments referred to by {@code segment}
 * conditions are found through the resolver and evaluated in the same plan.
 */
public final class Evaluator {
  private final SparkSession spark;
  private final Catalog catalog;
  private final Function<String, Optional<BoundSegment>> resolver;
  private final Map<String, Frames> frames = new HashMap<>();

  public Evaluator(SparkSession spark, Catalog catalog) {
    this(spark, catalog, id -> Optional.empty());
  }

  /** An evaluator that finds referenced segments with {@code resolver}. */
  public Evaluator(SparkSession spark, Catalog catalog,
      Function<String, Optional<BoundSegment>> resolver) {
    this.spark = spark;
    this.catalog = catalog;
    this.resolver = resolver;
  }

  /** The three counts of a segment (spec 8). */
  public record Counts(long inRange, long matched, long selected) {}

  private Frames frames(Database db) {
    return frames.computeIfAbsent(db.name(), n -> new Frames(spark, db));
  }

  /** The profiles of the base as of {@code asOf}: id not null, created at or before the as-of. */
  public Dataset<Row> base(Database db, Instant asOf) {
    Column created = Columns.column("created_at");
    return frames(db).profiles().filter(Columns.column(db.idColumn()).isNotNull()
        .and(created.isNull().or(created.leq(lit(asOf)))));
  }

  /**
   * Evaluates {@code targets} (one database) and every segment they refer to, as of
   * {@code asOf}: the flags over the features, planned, with what is read more than once
   * cached in memory (see {@link Flags#release}).
   */
  public Flags evaluate(List<BoundSegment> targets, Instant asOf) {
    Scratch scratch = Scratch.memory();
    Features features = features(targets, asOf, false);
    // The tops of limited references and the flags read the same features: compute them once.
    return Flags.of(Flags.readsTops(features) ? features.stored(scratch) : features, scratch);
  }

  /**
   * The first stage of an evaluation of {@code targets} and every segment they refer to. With
   * {@code idsOnly} (the batch run), the base keeps just the profile columns the segments read,
   * so that what is stored and shuffled is no wider than the conditions need;
   * {@link Flags#selected} then has only those columns.
   */
  public Features features(List<BoundSegment> targets, Instant asOf, boolean idsOnly) {
    Database db = database(targets.get(0));
    List<BoundSegment> ordered = SegmentOrder.withDependencies(targets, resolver);
    Dataset<Row> base = base(db, asOf);
    if (idsOnly) {
      base = base.select(ProfileColumns.of(ordered).stream().map(Columns::column)
          .toArray(Column[]::new));
    }
    return Features.of(ordered, base, frames(db), asOf);
  }

  /** in_range, matched and selected in one Spark job. */
  public Counts count(BoundSegment s, Instant asOf) {
    return evaluate(List.of(s), asOf).count(s.id());
  }

  /** The selected profiles (all profile columns) in the segment's order, limit applied. */
  public Dataset<Row> selected(BoundSegment s, Instant asOf) {
    return evaluate(List.of(s), asOf).selected(s.id());
  }

  /** A table of the database as this evaluator reads it (each source once). */
  public Dataset<Row> table(Database db, TableSource source) {
    return frames(db).read(source);
  }

  private Database database(BoundSegment s) {
    return catalog.database(s.database().name()).orElseThrow();
  }
}
