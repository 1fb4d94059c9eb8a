package org.sparksegments.conditions.model;

import java.util.List;

/** AND of a non-empty list of conditions. */
public record AllOf(String pointer, List<Condition> children) implements Condition {
  public AllOf {
    children = List.copyOf(children);
    if (children.isEmpty()) {
      throw new IllegalArgumentException("empty group at " + pointer);
    }
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitAll(this);
  }
}
