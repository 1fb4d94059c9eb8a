package org.sparksegments.jobs.eval;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.spark.Buckets;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.conditions.spark.EvalContext;
import org.sparksegments.conditions.spark.LimitOrder;
import org.sparksegments.conditions.spark.Translator;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;

/**
 * Evaluates bound segments on Spark: base (profiles created by the as-of) ▶ range ▶ conditions
 * ▶ limit. Each profiles table is read once per evaluator.
 */
public final class Evaluator {
  private final SparkSession spark;
  private final Catalog catalog;
  private final Map<String, Dataset<Row>> profiles = new HashMap<>();

  public Evaluator(SparkSession spark, Catalog catalog) {
    this.spark = spark;
    this.catalog = catalog;
  }

  /** The three counts of a segment (spec 8). */
  public record Counts(long inRange, long matched, long selected) {}

  /** Reads a table source as a DataFrame: Parquet path or session catalog table. */
  public Dataset<Row> read(TableSource source) {
    return source.sessionTable() ? spark.table(source.tableName())
        : spark.read().parquet(source.location());
  }

  /** The profiles of the base as of {@code asOf}: id not null, created at or before the as-of. */
  public Dataset<Row> base(Database db, Instant asOf) {
    Dataset<Row> p = profiles.computeIfAbsent(db.name(), n -> read(db.profiles()));
    Column created = Columns.column("created_at");
    return p.filter(Columns.column(db.idColumn()).isNotNull()
        .and(created.isNull().or(created.leq(lit(asOf)))));
  }

  /** The base restricted to the segment's range. */
  public Dataset<Row> inRange(BoundSegment s, Instant asOf) {
    Database db = database(s);
    return base(db, asOf).filter(
        Buckets.inRange(Columns.column(db.idColumn()), s.segment().range()));
  }

  /** The segment's predicate over profiles columns; true when it has no conditions. */
  public Column predicate(BoundSegment s, Instant asOf) {
    EvalContext ctx = new EvalContext(asOf, s.database().zone());
    return s.condition().map(c -> Translator.translate(c, ctx)).orElse(lit(true));
  }

  /** in_range, matched and selected in one Spark job. */
  public Counts count(BoundSegment s, Instant asOf) {
    Row r = inRange(s, asOf)
        .agg(org.apache.spark.sql.functions.count(lit(1)), sum(when(predicate(s, asOf), 1L).otherwise(0L)))
        .first();
    long inRange = r.getLong(0);
    long matched = r.isNullAt(1) ? 0 : r.getLong(1);
    long max = s.segment().limit().max();
    return new Counts(inRange, matched, max > 0 ? Math.min(matched, max) : matched);
  }

  /** The selected profiles (all profile columns) in the segment's order, limit applied. */
  public Dataset<Row> selected(BoundSegment s, Instant asOf) {
    Dataset<Row> matched = inRange(s, asOf).filter(predicate(s, asOf))
        .orderBy(LimitOrder.columns(s));
    long max = s.segment().limit().max();
    return max > 0 ? matched.limit((int) Math.min(max, Integer.MAX_VALUE)) : matched;
  }

  private Database database(BoundSegment s) {
    return catalog.database(s.database().name()).orElseThrow();
  }
}
