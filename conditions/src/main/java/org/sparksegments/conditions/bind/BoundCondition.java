package org.sparksegments.conditions.bind;

import java.util.List;
import org.sparksegments.conditions.model.FieldOp;

/**
 * A condition checked against the real schema: every field resolved, every literal converted.
 * Translation to Spark cannot fail on user input from here on.
 */
public sealed interface BoundCondition {

  <R> R accept(Visitor<R> visitor);

  /** One method per kind, no defaults. */
  interface Visitor<R> {
    R visitAll(All node);

    R visitAny(Any node);

    R visitNot(Not node);

    R visitField(Field node);
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
      boolean ignoreCase, int withinDays) implements BoundCondition {
    public Field {
      values = List.copyOf(values);
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.visitField(this);
    }
  }
}
