package org.sparksegments.conditions.model;

import java.util.List;
import java.util.Optional;

/**
 * Events matching each step in order, each strictly later than the one before; the last at most
 * {@code withinDays} after the first (-1: no bound); all inside the window if given.
 */
public record Sequence(String pointer, List<EventFilter> steps, long withinDays,
    Optional<Window> window) implements Condition {

  public Sequence {
    steps = List.copyOf(steps);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitSequence(this);
  }
}
