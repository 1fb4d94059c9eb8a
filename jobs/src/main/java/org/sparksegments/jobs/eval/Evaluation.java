package org.sparksegments.jobs.eval;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.plan.Requirements;
import org.sparksegments.conditions.spark.Buckets;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.conditions.spark.EvalContext;
import org.sparksegments.conditions.spark.FeatureFrames;
import org.sparksegments.conditions.spark.LimitOrder;
import org.sparksegments.conditions.spark.Translator;

/**
 * Segments of one database evaluated as of one instant over one wide frame: the base profiles
 * with every feature the segments need (one aggregation and one join per table), then one
 * boolean column per segment. Referenced segments come first, in dependency order; a referenced
 * segment with a limit contributes its selected ids as a flag column.
 */
public final class Evaluation {
  private final BoundSegment first;
  private final Instant asOf;
  private final List<String> profileColumns;
  private Dataset<Row> wide;
  private final Requirements requirements;
  /** The frame cached for limited references, released with {@link #release()}. */
  private Dataset<Row> cached;
  private final Map<String, BoundSegment> segments = new LinkedHashMap<>();
  private final Map<String, Column> inRange = new HashMap<>();
  private final Map<String, Column> matched = new HashMap<>();
  private final Map<String, Column> members = new HashMap<>();

  /**
   * @param ordered every segment to evaluate with its dependencies, dependencies first, all on
   *     one database
   */
  Evaluation(List<BoundSegment> ordered, Dataset<Row> base, Frames frames, Instant asOf) {
    this.first = ordered.get(0);
    this.asOf = asOf;
    this.profileColumns = List.of(base.columns());
    String id = first.database().idColumn();
    List<BoundCondition> conditions = new ArrayList<>();
    ordered.forEach(s -> s.condition().ifPresent(conditions::add));
    Requirements req = Requirements.of(conditions);
    this.requirements = req;
    EvalContext ctx = context();
    this.wide = FeatureFrames.widen(base, id, req, frames, ctx);
    if (ordered.stream().anyMatch(s -> req.segments().contains(s.id())
        && s.segment().limit().hasMax())) {
      // The top ids of a referenced limited segment come from the same frame that they are
      // joined back to: cache it, so that the tables are still read once.
      wide = wide.persist(StorageLevel.MEMORY_AND_DISK());
      cached = wide;
    }
    // Segments whose membership column reads the flag of a limited reference joined above.
    Set<String> flagged = new HashSet<>();
    for (BoundSegment s : ordered) {
      segments.put(s.id(), s);
      Column range = Buckets.inRange(Columns.column(id), s.segment().range());
      Column cond = s.condition().map(c -> Translator.translate(c, context())).orElse(lit(true));
      inRange.put(s.id(), range);
      matched.put(s.id(), range.and(cond));
      boolean readsFlags = Requirements.of(s.condition().stream().toList()).segments().stream()
          .anyMatch(flagged::contains);
      if (req.segments().contains(s.id()) && s.segment().limit().hasMax()) {
        String flag = "__seg_" + s.id();
        // From the cached frame unless the segment needs an earlier flag: taking it from the
        // frame that holds the earlier joins would double the plan with each limited reference.
        Dataset<Row> top = (readsFlags ? wide : cached).filter(range.and(cond))
            .orderBy(LimitOrder.columns(s))
            .limit((int) Math.min(s.segment().limit().max(), Integer.MAX_VALUE))
            .select(Columns.column(id), lit(true).as(flag));
        wide = wide.join(top, new String[] {id}, "left");
        members.put(s.id(), coalesce(col(flag), lit(false)));
        flagged.add(s.id());
      } else {
        members.put(s.id(), range.and(cond));
        if (readsFlags) {
          flagged.add(s.id());
        }
      }
    }
  }

  private EvalContext context() {
    return new EvalContext(asOf, first.database().zone(), members::get);
  }

  /** in_range, matched and selected of one segment, in one Spark job. */
  public Evaluator.Counts count(String id) {
    return counts(List.of(id)).get(id);
  }

  /** The counts of several segments of this evaluation, all in one Spark job over one scan. */
  public Map<String, Evaluator.Counts> counts(List<String> ids) {
    List<Column> aggs = new ArrayList<>();
    for (String id : ids) {
      aggs.add(countOf(inRange.get(id)));
      aggs.add(countOf(matched.get(id)));
    }
    Row r = wide.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    Map<String, Evaluator.Counts> out = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      long m = r.getLong(2 * i + 1);
      out.put(ids.get(i), new Evaluator.Counts(r.getLong(2 * i), m,
          segments.get(ids.get(i)).segment().limit().selected(m)));
    }
    return out;
  }

  /**
   * The counts of one segment as a one-row frame ({@code in_range}, {@code matched},
   * {@code selected}), computed when it is read: for callers that want a plan, not numbers.
   */
  public Dataset<Row> countFrame(String id) {
    long max = segments.get(id).segment().limit().max();
    Column m = col("matched");
    return wide.agg(countOf(inRange.get(id)).as("in_range"), countOf(matched.get(id)).as("matched"))
        .select(col("in_range"), m, (max > 0 ? least(m, lit(max)) : m).as("selected"));
  }

  /** How many rows of the wide frame pass {@code predicate}: 0, never null, on no rows. */
  private static Column countOf(Column predicate) {
    return coalesce(sum(when(predicate, 1L).otherwise(0L)), lit(0L));
  }

  /**
   * How many profiles of the wide frame pass {@code filter} and each of {@code predicates}, all
   * in one Spark job. A filter on the bucket (a sample) reaches the profiles before the joins.
   */
  public long[] countWhere(Column filter, List<Column> predicates) {
    Column[] aggs = predicates.stream().map(Evaluation::countOf).toArray(Column[]::new);
    Row r = wide.filter(filter).agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length))
        .first();
    long[] out = new long[aggs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.getLong(i);
    }
    return out;
  }

  /**
   * The predicate of a bound condition of one of this evaluation's segments (a part of its
   * tree, say), over the wide frame; it does not include the range.
   */
  public Column translate(BoundCondition condition) {
    return Translator.translate(condition, context());
  }

  /** The selected profiles (the profile columns) in the segment's order, limit applied. */
  public Dataset<Row> selected(String id) {
    BoundSegment s = segments.get(id);
    Dataset<Row> rows = wide.filter(matched.get(id)).orderBy(LimitOrder.columns(s))
        .select(profileColumns.stream().map(Columns::column).toArray(Column[]::new));
    long max = s.segment().limit().max();
    return max > 0 ? rows.limit((int) Math.min(max, Integer.MAX_VALUE)) : rows;
  }

  /**
   * Narrows the wide frame to the profile columns and the flags of the segments {@code ids}
   * (in range, matched), each computed once and packed 63 to a {@code long} column
   * ({@code __in_range_K}, {@code __matched_K}): counts, members and orders of those segments
   * then test bits instead of evaluating every condition again. Afterwards only those segments
   * can be counted or selected, and {@link #replaceWide} may swap in the same columns read back
   * from storage, whose plan is a plain scan.
   */
  public void narrowTo(List<String> ids) {
    List<Column> keep = new ArrayList<>();
    profileColumns.forEach(c -> keep.add(Columns.column(c)));
    Map<String, Column> r = new HashMap<>();
    Map<String, Column> m = new HashMap<>();
    for (int k = 0; k * BITS < ids.size(); k++) {
      List<String> group = ids.subList(k * BITS, Math.min(ids.size(), (k + 1) * BITS));
      keep.add(pack(group, inRange).as("__in_range_" + k));
      keep.add(pack(group, matched).as("__matched_" + k));
      for (int j = 0; j < group.size(); j++) {
        r.put(group.get(j), bit("__in_range_" + k, j));
        m.put(group.get(j), bit("__matched_" + k, j));
      }
    }
    wide = wide.select(keep.toArray(Column[]::new));
    inRange.clear();
    inRange.putAll(r);
    matched.clear();
    matched.putAll(m);
  }

  /** Flags per packed column: a long's bits but the sign. */
  private static final int BITS = 63;

  private static Column pack(List<String> group, Map<String, Column> predicates) {
    Column packed = lit(0L);
    for (int j = 0; j < group.size(); j++) {
      packed = packed.plus(when(predicates.get(group.get(j)), lit(1L << j)).otherwise(lit(0L)));
    }
    return packed;
  }

  private static Column bit(String column, int j) {
    return col(column).bitwiseAND(lit(1L << j)).notEqual(lit(0L));
  }

  /**
   * After {@link #narrowTo}: continues over {@code frame}, which must have the narrowed frame's
   * columns (the same rows written out and read back, say).
   */
  public void replaceWide(Dataset<Row> frame) {
    wide = frame;
  }

  /** The range predicate and the full predicate (range and conditions) of a segment. */
  public Column inRange(String id) {
    return inRange.get(id);
  }

  public Column matched(String id) {
    return matched.get(id);
  }

  /** Drops what this evaluation (or its caller, on {@link #wide()}) cached. */
  public void release() {
    wide.unpersist();
    if (cached != null) {
      cached.unpersist();
    }
  }

  /** What the segments need besides profile columns. */
  public Requirements requirements() {
    return requirements;
  }

  /** The wide frame: base profiles, feature columns, flags of limited referenced segments. */
  public Dataset<Row> wide() {
    return wide;
  }
}
