package org.sparksegments.conditions.model;

import java.util.List;

/** OR of a non-empty list of conditions. */
public record AnyOf(String pointer, List<Condition> children) implements Condition {
  public AnyOf {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("empty group at " + pointer);
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitAny(this);
  }
}
