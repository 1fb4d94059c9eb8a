package org.sparksegments.conditions.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.arrays_overlap;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundConditions;
import org.sparksegments.conditions.bind.BoundValue;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.model.FieldOp;
import org.sparksegments.conditions.model.SubscriptionTest;
import org.sparksegments.conditions.plan.Feature;
import org.sparksegments.conditions.plan.Features;

/**
 * Translates a bound condition to one boolean Spark {@link Column}.
 *
 * <p>Pure: no Spark job runs and user mistakes cannot throw here (the binder has caught them).
 * Values become literals, never SQL text. Two-valued logic is applied at the leaves: every leaf
 * is {@code coalesce(predicate, false)}, so a test on a missing value is false, the result is
 * never null, and {@code not} is the exact complement.
 */
public final class Translator implements BoundCondition.Visitor<Column> {

  private final EvalContext ctx;

  private Translator(EvalContext ctx) {
    this.ctx = ctx;
  }

  /**
   * The predicate of {@code condition} as of {@code ctx.asOf()} in {@code ctx.zone()}; it reads
   * columns of the profiles table by name and is never null.
   *
   * <p>The tree is simplified first (one-operand groups, double negations and constants go), so
   * the plan is smaller. Only here: the bound tree itself keeps the written shape, which explain
   * pairs node by node with the document, and its tests, whose features are planned, stay whole.
   */
  public static Column translate(BoundCondition condition, EvalContext ctx) {
    return BoundConditions.simplify(condition).accept(new Translator(ctx));
  }

  @Override
  public Column visitAll(BoundCondition.All node) {
    return Junctions.and(translated(Junctions.mergeEqualities(node.children(), false)));
  }

  @Override
  public Column visitAny(BoundCondition.Any node) {
    return Junctions.or(translated(Junctions.mergeEqualities(node.children(), true)));
  }

  /** The operands' columns (each never null), for {@link Junctions}. */
  private List<Column> translated(List<BoundCondition> children) {
    return children.stream().map(c -> c.accept(this)).toList();
  }

  @Override
  public Column visitNot(BoundCondition.Not node) {
    return not(node.child().accept(this));
  }

  @Override
  public Column visitField(BoundCondition.Field f) {
    return coalesce(predicate(f), lit(false));
  }

  @Override
  public Column visitConst(BoundCondition.Const c) {
    return lit(c.value());
  }

  @Override
  public Column visitEvent(BoundCondition.Event e) {
    Feature.EventAggregate f = Features.of(e);
    Column v = col(f.column());
    Column count = coalesce(v, lit(0L));
    return coalesce(switch (e.op()) {
      case EXISTS -> count.gt(lit(0L));
      case NOT_EXISTS -> count.equalTo(lit(0L));
      case AT_LEAST -> count.geq(lit(e.count()));
      case AT_MOST -> count.leq(lit(e.count()));
      case EXACTLY -> count.equalTo(lit(e.count()));
      case LAST_WITHIN, FIRST_WITHIN -> v.gt(lit(ctx.days(-e.days())));
      case LAST_BEFORE -> v.leq(lit(ctx.days(-e.days())));
      case GT, GTE, LT, LTE, EQ, BETWEEN -> compareAggregate(e, f, v);
    }, lit(false));
  }

  /** sum and count_distinct of no values are 0; avg, min and max are null (so false). */
  private Column compareAggregate(BoundCondition.Event e, Feature.EventAggregate f, Column v) {
    FieldType.Kind kind = EventResults.kind(e);
    Column value = f.kind() == Feature.EventKind.SUM || f.kind() == Feature.EventKind.COUNT_DISTINCT
        ? coalesce(v, lit(EventResults.zero(kind))) : v;
    Comparisons cmp = new Comparisons(kind, ctx.zone());
    List<Object> values = new ArrayList<>();
    for (BoundValue b : e.values()) {
      values.add(resolve(b, kind));
    }
    return switch (e.op()) {
      case GT -> cmp.gt(value, values.get(0));
      case GTE -> cmp.gte(value, values.get(0));
      case LT -> cmp.lt(value, values.get(0));
      case LTE -> cmp.lte(value, values.get(0));
      case EQ -> cmp.eq(value, values.get(0));
      case BETWEEN -> cmp.gte(value, values.get(0)).and(cmp.lte(value, values.get(1)));
      default -> throw new IllegalStateException(e.op().toString());
    };
  }

  @Override
  public Column visitSubscription(BoundCondition.Subscription s) {
    Column flag = flag(Features.of(s));
    return s.op() == SubscriptionTest.Op.NONE ? not(flag) : flag;
  }

  @Override
  public Column visitSegment(BoundCondition.SegmentMember m) {
    Column member = coalesce(ctx.segments().apply(m.segment()), lit(false));
    return m.in() ? member : not(member);
  }

  @Override
  public Column visitStatic(BoundCondition.StaticMember s) {
    return switch (s.op()) {
      case IN -> flag(Features.member(s));
      case NOT_IN -> not(flag(Features.member(s)));
      case EVER_IN -> flag(Features.ever(s));
      case NEVER_IN -> not(flag(Features.ever(s)));
      case LEFT -> flag(Features.ever(s)).and(not(flag(Features.member(s))));
    };
  }

  @Override
  public Column visitExternal(BoundCondition.External e) {
    Column flag = flag(Features.of(e));
    return e.exists() ? flag : not(flag);
  }

  @Override
  public Column visitSequence(BoundCondition.Sequence s) {
    return flag(Features.of(s));
  }

  /** A boolean feature column; a profile without rows in that table has null: false. */
  private static Column flag(Feature f) {
    return coalesce(col(f.column()), lit(false));
  }

  private Column predicate(BoundCondition.Field f) {
    Column raw = Columns.field(f.field());
    // matches compiles its pattern case-insensitively instead of lower-casing both sides.
    boolean lowerBoth = f.ignoreCase() && f.op() != FieldOp.MATCHES;
    Column c = lowerBoth ? lower(raw) : raw;
    FieldType type = f.field().type();
    Kind kind = type.scalarKind().orElse(Kind.OTHER);
    List<Object> values = new ArrayList<>();
    Comparisons cmp = new Comparisons(kind, ctx.zone());
    for (BoundValue v : f.values()) {
      values.add(resolve(v, kind));
    }
    if (lowerBoth) {
      values.replaceAll(v -> v instanceof String s ? s.toLowerCase(Locale.ROOT) : v);
    }
    return switch (f.op()) {
      case EQ -> cmp.eq(c, values.get(0));
      case NEQ -> negate(cmp.eq(c, values.get(0)));
      case IN -> cmp.in(c, values);
      case NOT_IN -> negate(cmp.in(c, values));
      case GT -> cmp.gt(c, values.get(0));
      case GTE -> cmp.gte(c, values.get(0));
      case LT -> cmp.lt(c, values.get(0));
      case LTE -> cmp.lte(c, values.get(0));
      case BETWEEN -> cmp.gte(c, values.get(0)).and(cmp.lte(c, values.get(1)));
      case NOT_BETWEEN -> negate(cmp.gte(c, values.get(0)).and(cmp.lte(c, values.get(1))));
      case CONTAINS -> c.contains(lit(values.get(0)));
      case NOT_CONTAINS -> negate(c.contains(lit(values.get(0))));
      case STARTS_WITH -> c.startsWith(lit(values.get(0)));
      case ENDS_WITH -> c.endsWith(lit(values.get(0)));
      case MATCHES -> RegexFind.find(c, (String) values.get(0), f.ignoreCase());
      case EXISTS -> c.isNotNull();
      case NOT_EXISTS -> c.isNull();
      case EMPTY -> empty(c, kind);
      case NOT_EMPTY -> negate(empty(c, kind));
      case HAS -> array_contains(c, lit(values.get(0)));
      case HAS_ANY -> hasAny(c, values);
      case HAS_ALL -> hasAll(c, values);
      case HAS_NONE -> negate(hasAny(c, values));
      case SIZE_EQ -> sized(c).equalTo(lit(values.get(0)));
      case SIZE_GT -> sized(c).gt(lit(values.get(0)));
      case SIZE_GTE -> sized(c).geq(lit(values.get(0)));
      case SIZE_LT -> sized(c).lt(lit(values.get(0)));
      case SIZE_LTE -> sized(c).leq(lit(values.get(0)));
      case ANNIVERSARY -> anniversary(c, kind, f.withinDays());
    };
  }

  /**
   * The exact complement of a positive test: where the test is null (a missing value) the
   * positive is false, so the negative is true.
   */
  private static Column negate(Column positive) {
    return not(coalesce(positive, lit(false)));
  }

  /** A relative literal as a value of the field's kind; other values as they are. */
  Object resolve(BoundValue v, Kind kind) {
    if (v instanceof BoundValue.Exact e) {
      return e.value();
    }
    if (v instanceof BoundValue.Day d) {
      return d;
    }
    Instant at = ctx.asOf().plusSeconds(((BoundValue.Relative) v).dayOffset() * 86_400L);
    ZoneId zone = ctx.zone();
    // A TIMESTAMP_NTZ column is compared with the instant itself (see Comparisons).
    return kind == Kind.DATE ? LocalDate.ofInstant(at, zone) : at;
  }

  private static Column empty(Column c, Kind kind) {
    Column none = kind == Kind.STRING ? c.equalTo(lit("")) : size(c).equalTo(lit(0));
    return c.isNull().or(none);
  }

  /** size() only where the value exists: size(null) would be -1 without ANSI mode. */
  private static Column sized(Column c) {
    return org.apache.spark.sql.functions.when(c.isNotNull(), size(c));
  }

  /**
   * No value is missing from the array: one set difference, not an AND per value (a has_all
   * may list many thousands of values). Null where the array is null (false after coalesce).
   */
  private static Column hasAll(Column c, List<Object> values) {
    return org.apache.spark.sql.functions.when(c.isNotNull(),
        size(array_except(literals(values), c)).equalTo(lit(0)));
  }

  private static Column hasAny(Column c, List<Object> values) {
    return arrays_overlap(c, literals(values));
  }

  private static Column literals(List<Object> values) {
    return array(values.stream().map(v -> lit(v)).toArray(Column[]::new));
  }

  /**
   * Month and day of the field fall in the N+1 local days starting at the as-of's local date; a
   * 29 February counts as 28 February in years without one.
   */
  private Column anniversary(Column c, Kind kind, int withinDays) {
    LocalDate today = LocalDate.ofInstant(ctx.asOf(), ctx.zone());
    TreeSet<Integer> monthDays = new TreeSet<>();
    for (int i = 0; i <= Math.min(withinDays, 366); i++) {
      LocalDate d = today.plusDays(i);
      monthDays.add(d.getMonthValue() * 100 + d.getDayOfMonth());
      if (d.getMonthValue() == 2 && d.getDayOfMonth() == 28 && !d.isLeapYear()) {
        monthDays.add(229);
      }
    }
    Column local = Columns.localDate(c, kind, ctx.zone());
    Column md = month(local).multiply(lit(100)).plus(dayofmonth(local));
    return md.isin(monthDays.toArray());
  }
}
