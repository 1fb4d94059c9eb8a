package org.sparksegments.conditions.spark;

import org.sparksegments.conditions.schema.FieldType;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RelationalGroupedDataset;
import org.apache.spark.sql.Row;
import org.sparksegments.conditions.bind.BoundEventFilter;
import org.sparksegments.conditions.bind.BoundWindow;
import org.sparksegments.conditions.plan.Feature;
import org.sparksegments.conditions.plan.Requirements;

/**
 * Adds every required feature to the profiles frame: one {@code groupBy} per table (events,
 * subscriptions, static segments, each external table) computing all of that table's features as
 * conditional aggregates, joined once to the profiles. Many conditions and segments therefore
 * cost one scan and one join per table, not one per condition.
 */
public final class FeatureFrames {
  private FeatureFrames() {}

  /**
   * The profiles frame with one column per feature of {@code req} (named
   * {@link Feature#column()}); a profile without rows in a table gets nulls, which the
   * translator reads as "no events" / false.
   */
  public static Dataset<Row> widen(Dataset<Row> profiles, String idColumn, Requirements req,
      TableFrames tables, EvalContext ctx) {
    Dataset<Row> wide = profiles;
    List<Feature.EventAggregate> events = req.features(Feature.EventAggregate.class);
    List<Feature.SequenceMatch> sequences = req.features(Feature.SequenceMatch.class);
    if (!events.isEmpty() || !sequences.isEmpty()) {
      wide = join(wide, eventFeatures(tables.events(), idColumn, events, sequences, ctx),
          idColumn);
    }
    List<Feature.SubscriptionFlag> subs = req.features(Feature.SubscriptionFlag.class);
    if (!subs.isEmpty()) {
      wide = join(wide, subscriptionFeatures(tables.subscriptions(), idColumn, subs, ctx),
          idColumn);
    }
    List<Feature.StaticFlag> statics = req.features(Feature.StaticFlag.class);
    if (!statics.isEmpty()) {
      wide = join(wide, staticFeatures(tables.staticSegments(), idColumn, statics, ctx),
          idColumn);
    }
    List<Feature.ExternalFlag> ext = req.features(Feature.ExternalFlag.class);
    for (String table : new TreeSet<>(ext.stream().map(Feature.ExternalFlag::table).toList())) {
      List<Feature.ExternalFlag> flags = ext.stream().filter(f -> f.table().equals(table))
          .toList();
      wide = joinExternal(wide, tables.external(table), flags, ctx);
    }
    return wide;
  }

  private static Dataset<Row> join(Dataset<Row> left, Dataset<Row> right, String idColumn) {
    return left.join(right, new String[] {idColumn}, "left");
  }

  private static Dataset<Row> eventFeatures(Dataset<Row> events, String idColumn,
      List<Feature.EventAggregate> aggs, List<Feature.SequenceMatch> sequences,
      EvalContext ctx) {
    Column ts = col("ts");
    // Only events by the as-of are ever seen; the earliest window bound and the union of the
    // event names prune the scan (both push down into Parquet).
    Column keep = ts.leq(lit(ctx.asOf()));
    Optional<Instant> earliest = earliestBound(aggs, sequences, ctx);
    if (earliest.isPresent()) {
      keep = keep.and(ts.geq(lit(earliest.get())));
    }
    TreeSet<String> names = new TreeSet<>();
    aggs.forEach(a -> names.addAll(a.filter().events()));
    sequences.forEach(s -> s.sequence().steps().forEach(st -> names.addAll(st.events())));
    keep = keep.and(col("event").isin(names.toArray()));

    // Plain aggregates (sums, counts, extremes) and the ones that keep values per profile (the
    // distinct values, the events of a sequence) are two aggregations: one of the latter would
    // make Spark keep every aggregate of the table in per-profile objects, several times slower.
    List<Column> plain = new ArrayList<>();
    List<Column> kept = new ArrayList<>();
    for (Feature.EventAggregate a : aggs) {
      Column pass = filter(a.filter(), ctx).and(window(ts, a.window(), ctx));
      Column value = a.of().map(Columns::field).orElse(null);
      Column agg = switch (a.kind()) {
        case COUNT -> sum(when(pass, lit(1L)));
        case SUM -> exactly(a, v -> sum(when(pass, v)), value);
        case AVG -> exactly(a, v -> avg(when(pass, v)), value);
        case MIN -> min(when(pass, value));
        case MAX -> max(when(pass, value));
        case COUNT_DISTINCT -> distinctCount(when(pass, value));
        case LAST_TS -> max(when(pass, ts));
        case FIRST_TS -> min(when(pass, ts));
      };
      (a.kind() == Feature.EventKind.COUNT_DISTINCT ? kept : plain).add(agg.as(a.column()));
    }
    for (Feature.SequenceMatch s : sequences) {
      kept.add(Sequences.collect(s.sequence(), ctx).as(s.column()));
    }
    // The events by profile, once: both aggregations read the same exchange, and they are
    // spread over the shuffle's partitions whatever the files' layout.
    Column id = Columns.column(idColumn);
    Dataset<Row> rows = events.filter(keep).repartition(id);
    Dataset<Row> out = plain.isEmpty() ? null : aggregate(rows.groupBy(id), plain);
    if (!kept.isEmpty()) {
      Dataset<Row> grouped = aggregate(rows.groupBy(id), kept);
      for (Feature.SequenceMatch s : sequences) {
        grouped = grouped.withColumn(s.column(), Sequences.matches(col(s.column()),
            s.sequence()));
      }
      // Both group the same rows: the same profiles.
      out = out == null ? grouped : out.join(grouped, new String[] {idColumn}, "inner");
    }
    return out;
  }

  private static Optional<Instant> earliestBound(List<Feature.EventAggregate> aggs,
      List<Feature.SequenceMatch> sequences, EvalContext ctx) {
    Instant earliest = null;
    List<Optional<BoundWindow>> windows = new ArrayList<>();
    aggs.forEach(a -> windows.add(a.window()));
    sequences.forEach(s -> windows.add(s.sequence().window()));
    for (Optional<BoundWindow> w : windows) {
      if (w.isEmpty()) {
        return Optional.empty();
      }
      Instant start = start(w.get(), ctx);
      earliest = earliest == null || start.isBefore(earliest) ? start : earliest;
    }
    return Optional.ofNullable(earliest);
  }

  /** The earliest instant a window can hold (inclusive). */
  private static Instant start(BoundWindow w, EvalContext ctx) {
    if (w instanceof BoundWindow.LastDays l) {
      return ctx.days(-l.days());
    }
    if (w instanceof BoundWindow.DaysAgo d) {
      return ctx.days(-d.from());
    }
    if (w instanceof BoundWindow.Dates d) {
      return d.from().atStartOfDay(ctx.zone()).toInstant();
    }
    return ((BoundWindow.Instants) w).since();
  }

  /** An event filter as a predicate over the events table (never null). */
  static Column filter(BoundEventFilter f, EvalContext ctx) {
    Column p = in("event", f.events());
    if (!f.channels().isEmpty()) {
      p = p.and(in("channel", f.channels()));
    }
    if (!f.campaigns().isEmpty()) {
      p = p.and(in("campaign", f.campaigns()));
    }
    if (!f.messages().isEmpty()) {
      p = p.and(in("message", f.messages()));
    }
    if (f.where().isPresent()) {
      p = p.and(Translator.translate(f.where().get(), ctx));
    }
    return p;
  }

  private static Column in(String column, List<String> values) {
    return org.apache.spark.sql.functions.coalesce(col(column).isin(values.toArray()), lit(false));
  }

  /** The window as a predicate on {@code ts} (true without a window). */
  static Column window(Column ts, Optional<BoundWindow> window, EvalContext ctx) {
    if (window.isEmpty()) {
      return lit(true);
    }
    BoundWindow w = window.get();
    Column p;
    if (w instanceof BoundWindow.LastDays l) {
      p = ts.gt(lit(ctx.days(-l.days()))).and(ts.leq(lit(ctx.asOf())));
    } else if (w instanceof BoundWindow.DaysAgo d) {
      p = ts.gt(lit(ctx.days(-d.from()))).and(ts.leq(lit(ctx.days(-d.to()))));
    } else if (w instanceof BoundWindow.Dates d) {
      p = ts.geq(lit(d.from().atStartOfDay(ctx.zone()).toInstant()))
          .and(ts.lt(lit(d.to().plusDays(1).atStartOfDay(ctx.zone()).toInstant())));
    } else {
      BoundWindow.Instants i = (BoundWindow.Instants) w;
      p = ts.geq(lit(i.since())).and(ts.lt(lit(i.until())));
    }
    return org.apache.spark.sql.functions.coalesce(p, lit(false));
  }

  private static Dataset<Row> subscriptionFeatures(Dataset<Row> subs, String idColumn,
      List<Feature.SubscriptionFlag> flags, EvalContext ctx) {
    List<Column> columns = new ArrayList<>();
    for (Feature.SubscriptionFlag f : flags) {
      Column match = in("channel", f.channels());
      if (!f.resources().isEmpty()) {
        match = match.and(in("resource", f.resources()));
      }
      if (!f.statuses().isEmpty()) {
        match = match.and(in("status", f.statuses()));
      }
      columns.add(anyRow(match).as(f.column()));
    }
    return aggregate(subs.filter(col("updated_at").leq(lit(ctx.asOf())))
        .groupBy(Columns.column(idColumn)), columns);
  }

  private static Dataset<Row> staticFeatures(Dataset<Row> st, String idColumn,
      List<Feature.StaticFlag> flags, EvalContext ctx) {
    Column added = col("added_at");
    Column removed = col("removed_at");
    Column asOf = lit(ctx.asOf());
    List<Column> columns = new ArrayList<>();
    for (Feature.StaticFlag f : flags) {
      Column row = col("segment").equalTo(lit(f.segment())).and(added.leq(asOf));
      row = f.ever() ? row.and(window(added, f.window(), ctx))
          : row.and(removed.isNull().or(removed.gt(asOf)));
      columns.add(anyRow(row).as(f.column()));
    }
    TreeSet<String> names = new TreeSet<>();
    flags.forEach(f -> names.add(f.segment()));
    return aggregate(st.filter(col("segment").isin(names.toArray()))
        .groupBy(Columns.column(idColumn)), columns);
  }

  private static Dataset<Row> joinExternal(Dataset<Row> wide, Dataset<Row> ext,
      List<Feature.ExternalFlag> flags, EvalContext ctx) {
    String keyAlias = "__key_" + flags.get(0).column();
    List<Column> columns = new ArrayList<>();
    for (Feature.ExternalFlag f : flags) {
      Column where = f.where().map(w -> Translator.translate(w, ctx)).orElse(lit(true));
      columns.add(anyRow(where).as(f.column()));
    }
    String key = flags.get(0).key();
    Dataset<Row> agg = aggregate(ext.filter(Columns.column(key).isNotNull())
        .groupBy(Columns.column(key).as(keyAlias)), columns);
    Column on = Columns.field(flags.get(0).profileField()).equalTo(agg.col(keyAlias));
    return wide.join(agg, on, "left").drop(keyAlias);
  }

  /**
   * sum and avg of a double column over exact decimals: a double sum depends on the order in
   * which partitions are added, and with it a comparison at the boundary would depend on the
   * partitioning. Other columns are aggregated as they are.
   */
  private static Column exactly(Feature.EventAggregate a,
      java.util.function.UnaryOperator<Column> agg, Column value) {
    boolean isDouble = a.of().flatMap(f -> f.type().scalarKind())
        .filter(k -> k == org.sparksegments.conditions.schema.FieldType.Kind.DOUBLE).isPresent();
    return isDouble ? agg.apply(value.cast("decimal(38,10)")).cast("double") : agg.apply(value);
  }

  /**
   * The number of distinct non-null values, as a set per group: {@code count_distinct} would
   * have Spark copy every event row once per distinct aggregate (an Expand), so that many
   * distinct-count conditions cost rows times conditions. -0.0 counts as 0.0, as Spark's
   * distinct does.
   */
  private static Column distinctCount(Column value) {
    return org.apache.spark.sql.functions.size(collect_set(value)).cast("long");
  }

  /** All the feature columns of one table in one aggregation. */
  private static Dataset<Row> aggregate(RelationalGroupedDataset groups, List<Column> columns) {
    return groups.agg(columns.get(0), columns.subList(1, columns.size()).toArray(Column[]::new));
  }

  /** True when some row of the group passes {@code p}. */
  private static Column anyRow(Column p) {
    return max(when(p, lit(true)).otherwise(lit(false)));
  }

}
