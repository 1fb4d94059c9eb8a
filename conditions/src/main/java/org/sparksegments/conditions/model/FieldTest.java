package org.sparksegments.conditions.model;

import java.util.List;

/**
 * A profile field test: {@code {"field": PATH, "op": OP, "value": V}}.
 *
 * @param path dotted path into the profiles table (struct fields and map keys)
 * @param values the literals: none, one, a list or a pair, as {@link FieldOp#arity()} says
 * @param withinDays for {@code anniversary} only, else -1
 */
public record FieldTest(
    String pointer, String path, FieldOp op, List<Literal> values, boolean ignoreCase,
    int withinDays) implements Condition {

  public FieldTest {
    values = List.copyOf(values);
  }

  /** The single literal of a one-value operator. */
  public Literal value() {
    return values.get(0);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitField(this);
  }
}
