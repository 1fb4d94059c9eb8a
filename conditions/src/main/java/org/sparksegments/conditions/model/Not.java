package org.sparksegments.conditions.model;

import java.util.Objects;

/** Negation of one condition: the exact complement within the range. */
public record Not(String pointer, Condition child) implements Condition {
  public Not {
    Objects.requireNonNull(child, "child");
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitNot(this);
  }
}
