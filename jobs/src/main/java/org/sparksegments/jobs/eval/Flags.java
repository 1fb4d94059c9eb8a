package org.sparksegments.jobs.eval;

import static org.apache.spark.sql.functions.bit_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.spark.Buckets;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.conditions.spark.EvalContext;
import org.sparksegments.conditions.spark.LimitOrder;
import org.sparksegments.conditions.spark.Translator;

/**
 * The second stage of an evaluation: every segment's flags (in range, matched) as bits packed 63
 * to a {@code long} column, over the {@link Features} frame. Counts, members and orders read
 * bits, never a condition again.
 *
 * <p>A segment that refers to other segments reads their bits, not their conditions: segments
 * are flagged level by level (a segment's level is one more than the highest level it refers
 * to), each level one projection over the previous one, so that a condition is translated once
 * however many segments refer to it, and the plan grows with the number of condition nodes. The
 * selection of a limited segment that others refer to is its top rows, taken from its level's
 * flags stored in the scratch (a plain scan) and joined back as bits.
 */
public final class Flags {
  /** Flags per packed column: a long's bits but the sign. */
  private static final int BITS = 63;

  private final Features features;
  private final Dataset<Row> frame;
  private final Map<String, BoundSegment> segments;
  private final Map<String, Column> inRange;
  private final Map<String, Column> matched;
  /** The membership bit other segments read: matched, or the selection of a limited one. */
  private final Map<String, Column> members;
  private final List<String> packed;
  private final Scratch scratch;

  private Flags(Features features, Dataset<Row> frame, Map<String, Column> inRange,
      Map<String, Column> matched, Map<String, Column> members, List<String> packed,
      Scratch scratch) {
    this.features = features;
    this.frame = frame;
    this.segments = new LinkedHashMap<>();
    features.ordered().forEach(s -> segments.put(s.id(), s));
    this.inRange = Map.copyOf(inRange);
    this.matched = Map.copyOf(matched);
    this.members = Map.copyOf(members);
    this.packed = List.copyOf(packed);
    this.scratch = scratch;
  }

  /**
   * The flags of every segment of {@code features}, level by level. {@code scratch} keeps the
   * flags each top of a referred limited segment is taken from; the features are read once per
   * level with such tops, and again for the flags, unless they were stored (see
   * {@link #readsTops}).
   */
  public static Flags of(Features features, Scratch scratch) {
    List<List<BoundSegment>> levels = Levels.of(features.ordered());
    String id = features.idColumn();
    Map<String, Column> inRange = new HashMap<>();
    Map<String, Column> matched = new HashMap<>();
    Map<String, Column> members = new HashMap<>();
    List<String> packed = new ArrayList<>();
    java.util.Set<String> referred = Levels.referred(features.ordered());
    Dataset<Row> cur = features.frame();
    EvalContext ctx = new EvalContext(features.asOf(), features.zone(), members::get);
    for (int level = 0; level < levels.size(); level++) {
      List<BoundSegment> here = levels.get(level);
      List<Column> add = new ArrayList<>();
      for (int k = 0; k * BITS < here.size(); k++) {
        List<BoundSegment> group = here.subList(k * BITS, Math.min(here.size(), (k + 1) * BITS));
        String r = "__in_range_" + level + "_" + k;
        String m = "__matched_" + level + "_" + k;
        List<Column> ranges = new ArrayList<>();
        List<Column> conds = new ArrayList<>();
        for (BoundSegment s : group) {
          Column range = Buckets.inRange(Columns.column(id), s.segment().range());
          ranges.add(range);
          conds.add(range.and(s.condition().map(c -> Translator.translate(c, ctx))
              .orElse(lit(true))));
        }
        add.add(pack(ranges).as(r));
        add.add(pack(conds).as(m));
        packed.add(r);
        packed.add(m);
        for (int j = 0; j < group.size(); j++) {
          String sid = group.get(j).id();
          inRange.put(sid, bit(r, j));
          matched.put(sid, bit(m, j));
          members.put(sid, bit(m, j));
        }
      }
      cur = cur.select(concat(Arrays.stream(cur.columns()).map(Columns::column).toList(), add));
      List<BoundSegment> limited = here.stream()
          .filter(s -> referred.contains(s.id()) && s.segment().limit().hasMax()).toList();
      if (!limited.isEmpty()) {
        cur = joinTops(cur, limited, level, matched, members, features, scratch);
      }
    }
    return new Flags(features, cur, inRange, matched, members, packed, scratch);
  }

  /** Whether some segment refers to a limited one, whose top is taken from stored flags. */
  public static boolean readsTops(Features features) {
    java.util.Set<String> referred = Levels.referred(features.ordered());
    return features.ordered().stream()
        .anyMatch(s -> referred.contains(s.id()) && s.segment().limit().hasMax());
  }

  /**
   * Joins the selections of the limited segments of one level as bits ({@code __selected_L_K}):
   * each top is taken from the level's flags, stored once, and the tops go in one union.
   */
  private static Dataset<Row> joinTops(Dataset<Row> cur, List<BoundSegment> limited, int level,
      Map<String, Column> matched, Map<String, Column> members, Features features,
      Scratch scratch) {
    String id = features.idColumn();
    List<Column> keep = new ArrayList<>();
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    names.add(id);
    for (BoundSegment s : limited) {
      s.order().forEach(o -> names.add(o.field().column()));
    }
    names.addAll(Arrays.stream(cur.columns()).filter(c -> c.startsWith("__matched_" + level + "_"))
        .toList());
    names.forEach(n -> keep.add(Columns.column(n)));
    Dataset<Row> flags = scratch.store(cur.select(keep.toArray(Column[]::new)),
        "tops-" + level);
    Dataset<Row> union = null;
    for (int j = 0; j < limited.size(); j++) {
      BoundSegment s = limited.get(j);
      Dataset<Row> top = flags.filter(matched.get(s.id())).orderBy(LimitOrder.columns(s))
          .limit((int) Math.min(s.segment().limit().max(), Integer.MAX_VALUE))
          .select(Columns.column(id), lit(j / BITS).as("__group"),
              lit(1L << (j % BITS)).as("__bit"));
      union = union == null ? top : union.union(top);
    }
    List<Column> aggs = new ArrayList<>();
    for (int k = 0; k * BITS < limited.size(); k++) {
      String name = "__selected_" + level + "_" + k;
      aggs.add(coalesce(bit_or(when(col("__group").equalTo(lit(k)), col("__bit"))), lit(0L))
          .as(name));
      for (int j = k * BITS; j < Math.min(limited.size(), (k + 1) * BITS); j++) {
        members.put(limited.get(j).id(), coalesce(bit(name, j % BITS), lit(false)));
      }
    }
    Dataset<Row> bits = union.groupBy(Columns.column(id))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    return cur.join(bits, new String[] {id}, "left");
  }

  private static Column[] concat(List<Column> a, List<Column> b) {
    List<Column> out = new ArrayList<>(a);
    out.addAll(b);
    return out.toArray(Column[]::new);
  }

  private static Column pack(List<Column> predicates) {
    Column packed = lit(0L);
    for (int j = 0; j < predicates.size(); j++) {
      packed = packed.plus(when(predicates.get(j), lit(1L << j)).otherwise(lit(0L)));
    }
    return packed;
  }

  private static Column bit(String column, int j) {
    return col(column).bitwiseAND(lit(1L << j)).notEqual(lit(0L));
  }

  /**
   * The same flags, narrowed to the profile columns and the packed flags and kept in
   * {@code scratch}: what counts, members and orders read, as a plain scan.
   */
  public Flags stored(Scratch into) {
    List<Column> keep = new ArrayList<>();
    features.profileColumns().forEach(c -> keep.add(Columns.column(c)));
    packed.forEach(c -> keep.add(col(c)));
    Dataset<Row> stored = into.store(frame.select(keep.toArray(Column[]::new)), "flags");
    return new Flags(features, stored, inRange, matched, members, packed, scratch);
  }

  /** in_range, matched and selected of one segment, in one Spark job. */
  public Evaluator.Counts count(String id) {
    return counts(List.of(id)).get(id);
  }

  /** The counts of several segments, all in one Spark job over one scan. */
  public Map<String, Evaluator.Counts> counts(List<String> ids) {
    List<Column> aggs = new ArrayList<>();
    for (String id : ids) {
      aggs.add(countOf(inRange.get(id)));
      aggs.add(countOf(matched.get(id)));
    }
    Row r = frame.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
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
    return frame.agg(countOf(inRange.get(id)).as("in_range"), countOf(matched.get(id))
        .as("matched")).select(col("in_range"), m, (max > 0 ? least(m, lit(max)) : m)
        .as("selected"));
  }

  /** How many rows pass {@code predicate}: 0, never null, on no rows. */
  private static Column countOf(Column predicate) {
    return coalesce(sum(when(predicate, 1L).otherwise(0L)), lit(0L));
  }

  /**
   * How many profiles pass {@code filter} and each of {@code predicates}, all in one Spark job.
   * A filter on the bucket (a sample) reaches the profiles before the joins.
   */
  public long[] countWhere(Column filter, List<Column> predicates) {
    Column[] aggs = predicates.stream().map(Flags::countOf).toArray(Column[]::new);
    Row r = frame.filter(filter).agg(aggs[0], Arrays.copyOfRange(aggs, 1, aggs.length)).first();
    long[] out = new long[aggs.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.getLong(i);
    }
    return out;
  }

  /**
   * The predicate of a bound condition of one of these segments (a part of its tree, say), over
   * this frame before {@link #stored}; it does not include the range.
   */
  public Column translate(BoundCondition condition) {
    return Translator.translate(condition,
        new EvalContext(features.asOf(), features.zone(), members::get));
  }

  /** The selected profiles (the profile columns) in the segment's order, limit applied. */
  public Dataset<Row> selected(String id) {
    BoundSegment s = segments.get(id);
    Dataset<Row> rows = frame.filter(matched.get(id)).orderBy(LimitOrder.columns(s))
        .select(features.profileColumns().stream().map(Columns::column).toArray(Column[]::new));
    long max = s.segment().limit().max();
    return max > 0 ? rows.limit((int) Math.min(max, Integer.MAX_VALUE)) : rows;
  }

  /** The range predicate of a segment, a bit of this frame. */
  public Column inRange(String id) {
    return inRange.get(id);
  }

  /** The full predicate (range and conditions) of a segment, a bit of this frame. */
  public Column matched(String id) {
    return matched.get(id);
  }

  /** The frame: profile columns, features (before {@link #stored}) and packed flags. */
  public Dataset<Row> frame() {
    return frame;
  }

  /** The stage before this one. */
  public Features features() {
    return features;
  }

  /** Drops what the scratch of {@link #of} kept. */
  public void release() {
    scratch.release();
  }
}
