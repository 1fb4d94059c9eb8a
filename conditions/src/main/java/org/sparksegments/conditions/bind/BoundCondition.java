package org.sparksegments.conditions.bind;

import java.util.List;
import org.sparksegments.conditions.model.FieldOp;

/**
 * A condition checked against the real schema: every field resolved, every literal converted.
 * Translation to Spark cannot fail on user input from here on.
 */
public sealed interface BoundCondition {

  <R> R accept(Visitor<R> visitor);

  /**
   * One method per kind, no defaults: the groups here, the tests in {@link LeafVisitor}. A pass
   * that only looks at the tests walks the groups with {@link BoundConditions} instead.
   */
  interface Visitor<R> extends LeafVisitor<R> {
    R visitAll(All node);

    R visitAny(Any node);

    R visitNot(Not node);
  }

  /** One method per kind of test (every node but all, any and not), no defaults. */
  interface LeafVisitor<R> {
    R visitField(Field node);

    R visitConst(Const node);

    R visitEvent(Event node);

    R visitSubscription(Subscription node);

    R visitSegment(SegmentMember node);

    R visitStatic(StaticMember node);

    R visitExternal(External node);

    R visitSequence(Sequence node);
  }

  /** A test: every node that is not a group (all, any, not). */
  sealed interface Leaf extends BoundCondition {
    <R> R accept(LeafVisitor<R> visitor);

    @Override
    default <R> R accept(Visitor<R> visitor) {
      return accept((LeafVisitor<R>) visitor);
    }
  }

  /**
   * AND that folds: nested alls are flattened, true operands dropped, a false operand makes it
   * false, one operand is that operand and none is true. Operands are not simplified further.
   */
  static BoundCondition all(List<BoundCondition> operands) {
    return junction(operands, true);
  }

  /**
   * OR that folds: nested anys are flattened, false operands dropped, a true operand makes it
   * true, one operand is that operand and none is false.
   */
  static BoundCondition any(List<BoundCondition> operands) {
    return junction(operands, false);
  }

  /** NOT that folds: {@code not(not x)} is {@code x}, the complement of a constant a constant. */
  static BoundCondition not(BoundCondition operand) {
    if (operand instanceof Const c) {
      return new Const(!c.value());
    }
    return operand instanceof Not n ? n.child() : new Not(operand);
  }

  /** all ({@code and}) or any: Const(and) is the identity, its complement absorbs. */
  private static BoundCondition junction(List<BoundCondition> operands, boolean and) {
    List<BoundCondition> kept = new java.util.ArrayList<>();
    for (BoundCondition o : operands) {
      List<BoundCondition> flat = and && o instanceof All all ? all.children()
          : !and && o instanceof Any any ? any.children() : List.of(o);
      for (BoundCondition x : flat) {
        if (!(x instanceof Const c)) {
          kept.add(x);
        } else if (c.value() != and) {
          return c;
        }
      }
    }
    if (kept.size() <= 1) {
      return kept.isEmpty() ? new Const(and) : kept.get(0);
    }
    return and ? new All(kept) : new Any(kept);
  }

  /** A constant: conditions_of a segment without conditions is true. */
  record Const(boolean value) implements Leaf {
    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitConst(this);
    }
  }

  /**
   * An event test: the filter and window select events; the operator reads one aggregate of
   * them (count, an aggregate of {@code aggregateOf}, or the latest or earliest timestamp).
   *
   * @param aggregate the function for comparison operators, else empty
   * @param aggregateOf the aggregated column of the events table
   * @param values the compared values, converted to the aggregate's result type
   */
  record Event(String pointer, BoundEventFilter filter, java.util.Optional<BoundWindow> window,
      org.sparksegments.conditions.model.EventOp op, long count,
      java.util.Optional<org.sparksegments.conditions.model.Aggregate.Fn> aggregate,
      java.util.Optional<FieldRef> aggregateOf, List<BoundValue> values, long days)
      implements Leaf {
    public Event {
      values = List.copyOf(values);
    }

    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitEvent(this);
    }
  }

  /** Some subscription record updated by the as-of matches (NONE: no record matches). */
  record Subscription(List<String> channels, List<String> resources,
      org.sparksegments.conditions.model.SubscriptionTest.Op op, List<String> statuses)
      implements Leaf {
    public Subscription {
      channels = List.copyOf(channels);
      resources = List.copyOf(resources);
      statuses = List.copyOf(statuses);
    }

    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitSubscription(this);
    }
  }

  /** Membership of another segment's final result. */
  record SegmentMember(String segment, boolean in) implements Leaf {
    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitSegment(this);
    }
  }

  /** Static segment membership as of the as-of. */
  record StaticMember(String segment, org.sparksegments.conditions.model.StaticSegmentTest.Op op,
      java.util.Optional<BoundWindow> window) implements Leaf {
    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitStatic(this);
    }
  }

  /**
   * Some row of an external table whose {@code key} equals the profile's {@code profileField}
   * passes {@code where}.
   */
  record External(String table, String key, FieldRef profileField, boolean exists,
      java.util.Optional<BoundCondition> where) implements Leaf {
    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitExternal(this);
    }
  }

  /** Ordered events: one per step, each strictly later; the last within withinDays (-1: any). */
  record Sequence(List<BoundEventFilter> steps, long withinDays,
      java.util.Optional<BoundWindow> window) implements Leaf {
    public Sequence {
      steps = List.copyOf(steps);
    }

    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitSequence(this);
    }
  }

  /** AND. */
  record All(List<BoundCondition> children) implements BoundCondition {
    public All {
      children = List.copyOf(children);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.visitAll(this);
    }
  }

  /** OR. */
  record Any(List<BoundCondition> children) implements BoundCondition {
    public Any {
      children = List.copyOf(children);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.visitAny(this);
    }
  }

  /** The exact complement. */
  record Not(BoundCondition child) implements BoundCondition {
    @Override
    public <R> R accept(Visitor<R> v) {
      return v.visitNot(this);
    }
  }

  /**
   * A field test. For array operators the values have the element's type.
   *
   * @param pointer where the test was written, for explanations
   */
  record Field(String pointer, FieldRef field, FieldOp op, List<BoundValue> values,
      boolean ignoreCase, int withinDays) implements Leaf {
    public Field {
      values = List.copyOf(values);
    }

    @Override
    public <R> R accept(LeafVisitor<R> v) {
      return v.visitField(this);
    }
  }
}
