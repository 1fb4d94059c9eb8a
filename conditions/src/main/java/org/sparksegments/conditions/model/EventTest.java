package org.sparksegments.conditions.model;

import java.util.List;
import java.util.Optional;

/**
 * An interaction-history test: the events that pass the filter and the window, and an operator
 * over them.
 *
 * @param count for at_least, at_most, exactly; else -1
 * @param aggregate for the comparison operators
 * @param values the compared value (one, or two for between)
 * @param days for last_within, last_before, first_within; else -1
 */
public record EventTest(String pointer, EventFilter filter, Optional<Window> window, EventOp op,
    long count, Optional<Aggregate> aggregate, List<Literal> values, long days)
    implements Condition {

  public EventTest {
    values = List.copyOf(values);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitEvent(this);
  }
}
