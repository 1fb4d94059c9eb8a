package org.sparksegments.conditions.spark;

import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.model.Aggregate;

/** The result type of an event aggregate, as the binder converted its compared values. */
final class EventResults {
  private EventResults() {}

  static Kind kind(BoundCondition.Event e) {
    Aggregate.Fn fn = e.aggregate().orElseThrow();
    FieldType of = e.aggregateOf().orElseThrow().type();
    Kind k = of.scalarKind().orElseThrow();
    return switch (fn) {
      case COUNT_DISTINCT -> Kind.INTEGER;
      case AVG -> k == Kind.DECIMAL ? Kind.DECIMAL : Kind.DOUBLE;
      default -> k;
    };
  }

  /** The value of sum and count_distinct over no values. */
  static Object zero(Kind k) {
    return switch (k) {
      case INTEGER -> 0L;
      case DECIMAL -> java.math.BigDecimal.ZERO;
      default -> 0.0d;
    };
  }
}
