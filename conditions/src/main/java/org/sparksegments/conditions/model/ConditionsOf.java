package org.sparksegments.conditions.model;

/** The condition tree of another segment, inlined (not its range or limit). */
public record ConditionsOf(String pointer, String segment) implements Condition {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitConditionsOf(this);
  }
}
