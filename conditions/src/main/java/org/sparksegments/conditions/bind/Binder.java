package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.FieldType;

import org.sparksegments.conditions.schema.TableSchema;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.model.AllOf;
import org.sparksegments.conditions.model.AnyOf;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.SegmentRef;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;
import org.sparksegments.conditions.model.FieldOp;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Literal;
import org.sparksegments.conditions.model.Not;
import org.sparksegments.conditions.model.OrderField;
import org.sparksegments.conditions.model.Segment;

/**
 * Binds a parsed segment to its database: resolves every field, checks that each operator fits
 * the field's type and converts every literal, collecting all problems before failing.
 */
public final class Binder {

  static final Set<Kind> SCALARS = EnumSet.of(Kind.STRING, Kind.BOOLEAN, Kind.INTEGER,
      Kind.DOUBLE, Kind.DECIMAL, Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMP_NTZ);
  static final Set<Kind> ORDERED = EnumSet.of(Kind.STRING, Kind.INTEGER, Kind.DOUBLE,
      Kind.DECIMAL, Kind.DATE, Kind.TIMESTAMP, Kind.TIMESTAMP_NTZ);
  private static final Set<Kind> TEMPORAL = EnumSet.of(Kind.DATE, Kind.TIMESTAMP,
      Kind.TIMESTAMP_NTZ);

  /** The outcome: a bound segment when there were no problems, else the problems. */
  public record Result(BoundSegment segment, List<ValidationError> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  final DatabaseView db;
  final Problems problems;
  final SegmentResolver segments;
  /** The segments whose conditions are being inlined, to stop at cycles. */
  private final List<String> importing;
  /**
   * The imported trees bound so far, by segment id, shared by the binders of one segment: an
   * import met again is the same bound subtree, not a copy.
   */
  private final Map<String, Imported> imported;

  /** An imported tree bound once: the tree, or the first problem found inside it. */
  private record Imported(BoundCondition bound, ValidationError problem) {}

  private Binder(DatabaseView db, SegmentResolver segments, Problems problems,
      List<String> importing, Map<String, Imported> imported) {
    this.db = db;
    this.segments = segments;
    this.problems = problems;
    this.importing = importing;
    this.imported = imported;
  }

  /** Binds a segment that refers to no other segment. */
  public static Result bind(Segment segment, DatabaseView db) {
    return bind(segment, db, SegmentResolver.NONE);
  }

  /**
   * Binds {@code segment} to {@code db}, the database its {@code database} key names; references
   * to other segments are looked up in {@code segments}.
   *
   * @return the bound segment, or every problem found (located in the segment's file)
   */
  public static Result bind(Segment segment, DatabaseView db, SegmentResolver segments) {
    return bind(segment, db, segments, new ExpandedLimits());
  }

  /**
   * Binds {@code segment} as {@link #bind(Segment, DatabaseView, SegmentResolver)} does, with
   * {@code limits} remembering the expanded sizes of imported segments across the segments of
   * one set.
   */
  public static Result bind(Segment segment, DatabaseView db, SegmentResolver segments,
      ExpandedLimits limits) {
    Binder b = new Binder(db, segments, new Problems(), new ArrayList<>(List.of(segment.id())),
        new HashMap<>());
    References.cycleThrough(segment.id(), segments).ifPresent(c -> b.problems.add(
        ErrorCode.SEGMENT_CYCLE, c.start().pointer(), "Cannot resolve the reference to '"
            + c.start().segment() + "': the segments refer to each other in a cycle: "
            + String.join(" -> ", c.path()) + " (expected references without cycles)"));
    if (b.problems.isEmpty()) {
      // Before binding: a tree past the limits once expanded is never built.
      limits.check(segment, segments, b.problems);
    }
    Optional<BoundCondition> cond = b.problems.isEmpty()
        ? segment.conditions().map(c -> b.bindCondition(c, Scope.profiles(db)))
        : Optional.empty();
    List<BoundSegment.Order> order = new ArrayList<>();
    for (OrderField f : segment.limit().orderBy()) {
      b.bindOrder(f).ifPresent(order::add);
    }
    if (!b.problems.isEmpty()) {
      // A problem found in another file (the catalog's declaration of a table) keeps its file.
      return new Result(null, b.problems.list().stream()
          .map(e -> e.locate(e.file() == null ? segment.source() : e.file(), segment.id()))
          .toList());
    }
    return new Result(new BoundSegment(segment, db, cond, order), List.of());
  }

  /** The table a tree's field tests read: profiles, events or an external table. */
  record Scope(TableSchema schema, String table) {
    static Scope profiles(DatabaseView db) {
      return new Scope(db.profiles(), "profiles");
    }
  }

  private Optional<BoundSegment.Order> bindOrder(OrderField f) {
    String fp = Pointers.key(f.pointer(), "field");
    Optional<FieldRef> ref = FieldResolver.resolve(db.profiles(), f.path(), "profiles", fp,
        problems);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    Optional<Kind> kind = ref.get().type().scalarKind();
    if (kind.isEmpty() || !(ORDERED.contains(kind.get()) || kind.get() == Kind.BOOLEAN)) {
      problems.add(ErrorCode.TYPE_MISMATCH, fp, "Cannot order by '" + f.path() + "': it is "
          + ref.get().type().describe() + " (expected a scalar field)");
      return Optional.empty();
    }
    return Optional.of(new BoundSegment.Order(ref.get(), f.descending()));
  }

  /** Binds a tree whose field tests read {@code scope}; null when it has problems. */
  BoundCondition bindCondition(Condition c, Scope scope) {
    return c.accept(new Condition.Visitor<>() {
      @Override
      public BoundCondition visitAll(AllOf node) {
        return new BoundCondition.All(bindAll(node.children(), scope));
      }

      @Override
      public BoundCondition visitAny(AnyOf node) {
        return new BoundCondition.Any(bindAll(node.children(), scope));
      }

      @Override
      public BoundCondition visitNot(Not node) {
        BoundCondition child = bindCondition(node.child(), scope);
        return child == null ? null : new BoundCondition.Not(child);
      }

      @Override
      public BoundCondition visitField(FieldTest node) {
        return bindField(node, scope);
      }

      @Override
      public BoundCondition visitEvent(EventTest node) {
        return new EventBinder(Binder.this).event(node);
      }

      @Override
      public BoundCondition visitSubscription(SubscriptionTest node) {
        return new MembershipBinder(Binder.this).subscription(node);
      }

      @Override
      public BoundCondition visitSegment(SegmentRef node) {
        return new MembershipBinder(Binder.this).segment(node);
      }

      @Override
      public BoundCondition visitStaticSegment(StaticSegmentTest node) {
        return new MembershipBinder(Binder.this).staticSegment(node);
      }

      @Override
      public BoundCondition visitExternal(ExternalTest node) {
        return new MembershipBinder(Binder.this).external(node);
      }

      @Override
      public BoundCondition visitConditionsOf(ConditionsOf node) {
        return conditionsOf(node);
      }

      @Override
      public BoundCondition visitSequence(Sequence node) {
        return new EventBinder(Binder.this).sequence(node);
      }
    });
  }

  /**
   * Inlines the other segment's conditions, bound to this database; a segment without conditions
   * gives true. Problems inside the imported tree are the other segment's own: here they make
   * one INVALID_REFERENCE.
   */
  private BoundCondition conditionsOf(ConditionsOf node) {
    String p = Pointers.key(node.pointer(), "conditions_of");
    Optional<SegmentResolver.Found> other = new MembershipBinder(this)
        .referenced(node.segment(), p);
    if (other.isEmpty()) {
      return null;
    }
    if (importing.contains(node.segment())) {
      problems.add(ErrorCode.SEGMENT_CYCLE, p, "Cannot import the conditions of '"
          + node.segment() + "': the imports form a cycle: " + String.join(" -> ", importing)
          + " -> " + node.segment() + " (expected imports without cycles)");
      return null;
    }
    Optional<Condition> tree = other.get().segment().conditions();
    if (tree.isEmpty()) {
      return new BoundCondition.Const(true);
    }
    Imported known = imported.get(node.segment());
    if (known == null) {
      List<String> stack = new ArrayList<>(importing);
      stack.add(node.segment());
      Binder child = new Binder(db, segments, new Problems(), stack, imported);
      BoundCondition bound = child.bindCondition(tree.get(), Scope.profiles(db));
      known = child.problems.isEmpty() ? new Imported(bound, null)
          : new Imported(null, child.problems.list().get(0));
      if (known.problem() == null || known.problem().code() != ErrorCode.SEGMENT_CYCLE) {
        // A cycle's message names the path it was found on: found again, it is told again.
        imported.put(node.segment(), known);
      }
    }
    if (known.problem() != null) {
      ValidationError first = known.problem();
      problems.add(first.code() == ErrorCode.SEGMENT_CYCLE ? ErrorCode.SEGMENT_CYCLE
          : ErrorCode.INVALID_REFERENCE, p, "Cannot import the conditions of '" + node.segment()
          + "': they are invalid (" + first.code() + " at " + first.pointer() + " of that"
          + " segment: " + first.message() + ")");
      return null;
    }
    return known.bound();
  }

  /** Binds every child; those with problems are left out (the result is then discarded). */
  private List<BoundCondition> bindAll(List<Condition> children, Scope scope) {
    List<BoundCondition> out = new ArrayList<>();
    for (Condition c : children) {
      BoundCondition b = bindCondition(c, scope);
      if (b != null) {
        out.add(b);
      }
    }
    return out;
  }

  private BoundCondition bindField(FieldTest t, Scope scope) {
    int before = problems.size();
    String fieldPointer = Pointers.key(t.pointer(), "field");
    Optional<FieldRef> ref = FieldResolver.resolve(scope.schema(), t.path(), scope.table(),
        fieldPointer, problems);
    if (ref.isEmpty()) {
      return null;
    }
    FieldType type = ref.get().type();
    String opPointer = Pointers.key(t.pointer(), "op");
    Optional<Kind> literalKind = literalKind(t.op(), type);
    if (literalKind.isEmpty()) {
      problems.add(ErrorCode.TYPE_MISMATCH, opPointer, "Cannot apply '" + t.op().json()
          + "' to field '" + t.path() + "': it is " + type.describe() + " (expected "
          + applicable(t.op()) + ")");
      return null;
    }
    if (t.ignoreCase() && literalKind.get() != Kind.STRING) {
      problems.add(ErrorCode.TYPE_MISMATCH, Pointers.key(t.pointer(), "ignore_case"),
          "Cannot ignore case on field '" + t.path() + "': it is " + type.describe()
              + " (expected a string field)");
    }
    List<BoundValue> values = new ArrayList<>();
    boolean sizeOp = t.op().name().startsWith("SIZE_");
    for (Literal lit : t.values()) {
      if (sizeOp) {
        values.add(new BoundValue.Exact(((Literal.Number) lit).value().longValueExact()));
        continue;
      }
      String typeName = type instanceof FieldType.ArrayOf a ? a.element().describe()
          : type.describe();
      Optional<BoundValue> v = LiteralConverter.convert(lit, literalKind.get(), typeName,
          db.zone(), problems);
      if (v.isPresent() && v.get() instanceof BoundValue.Day
          && type instanceof FieldType.ArrayOf) {
        problems.add(ErrorCode.BAD_LITERAL, lit.pointer(), "Cannot look for a whole day in an"
            + " array of " + typeName + " (expected an instant such as 2026-06-01T00:00:00Z)");
      } else {
        v.ifPresent(values::add);
      }
    }
    if (problems.size() > before) {
      return null;
    }
    if ((t.op() == FieldOp.BETWEEN || t.op() == FieldOp.NOT_BETWEEN)
        && Ordering.greater(caseFolded(values.get(0), t), caseFolded(values.get(1), t))) {
      problems.add(ErrorCode.BAD_BETWEEN, Pointers.key(t.pointer(), "value"), "Cannot use a"
          + " range whose low bound is greater than its high bound (expected [low, high] with"
          + " low <= high)");
      return null;
    }
    return new BoundCondition.Field(t.pointer(), ref.get(), t.op(), values, t.ignoreCase(),
        t.withinDays());
  }

  /** A string bound as the comparison sees it: lower-cased with ignore_case. */
  private static BoundValue caseFolded(BoundValue v, FieldTest t) {
    if (t.ignoreCase() && v instanceof BoundValue.Exact e && e.value() instanceof String s) {
      return new BoundValue.Exact(s.toLowerCase(java.util.Locale.ROOT));
    }
    return v;
  }

  /**
   * The kind that the operator's literals must have for a field of {@code type}, or empty when
   * the operator does not apply. Presence and size operators take no typed literal: they
   * answer OTHER.
   */
  static Optional<Kind> literalKind(FieldOp op, FieldType type) {
    Optional<Kind> scalar = type.scalarKind();
    Optional<Kind> element = type instanceof FieldType.ArrayOf a ? a.element().scalarKind()
        : Optional.empty();
    boolean ok = switch (op) {
      case EQ, NEQ, IN, NOT_IN -> scalar.filter(SCALARS::contains).isPresent();
      case GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN -> scalar.filter(ORDERED::contains).isPresent();
      case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES ->
          scalar.filter(k -> k == Kind.STRING).isPresent();
      case EXISTS, NOT_EXISTS -> true;
      case EMPTY, NOT_EMPTY -> scalar.filter(k -> k == Kind.STRING).isPresent()
          || type instanceof FieldType.ArrayOf || type instanceof FieldType.MapOf;
      case HAS, HAS_ANY, HAS_ALL, HAS_NONE -> element.filter(SCALARS::contains).isPresent();
      case SIZE_EQ, SIZE_GT, SIZE_GTE, SIZE_LT, SIZE_LTE ->
          type instanceof FieldType.ArrayOf || type instanceof FieldType.MapOf;
      case ANNIVERSARY -> scalar.filter(TEMPORAL::contains).isPresent();
    };
    if (!ok) {
      return Optional.empty();
    }
    return switch (op) {
      case HAS, HAS_ANY, HAS_ALL, HAS_NONE -> element;
      default -> Optional.of(scalar.orElse(Kind.OTHER));
    };
  }

  private static String applicable(FieldOp op) {
    return switch (op) {
      case EQ, NEQ, IN, NOT_IN -> "a scalar field: string, boolean, number, date or timestamp";
      case GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN -> "a number, string, date or timestamp field";
      case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES -> "a string field";
      case EXISTS, NOT_EXISTS -> "any field";
      case EMPTY, NOT_EMPTY -> "a string, array or map field";
      case HAS, HAS_ANY, HAS_ALL, HAS_NONE -> "an array of scalars";
      case SIZE_EQ, SIZE_GT, SIZE_GTE, SIZE_LT, SIZE_LTE -> "an array or map field";
      case ANNIVERSARY -> "a date or timestamp field";
    };
  }
}
