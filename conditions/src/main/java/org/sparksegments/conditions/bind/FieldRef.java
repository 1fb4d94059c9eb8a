package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.FieldType;

import java.util.List;

/**
 * A resolved field path: the top column, then struct fields and map keys, and the type found.
 */
public record FieldRef(String path, String column, List<Step> steps, FieldType type) {
  public FieldRef {
    steps = List.copyOf(steps);
  }

  /** One step below the top column. */
  public sealed interface Step {
    String name();
  }

  /** Into a struct field. */
  public record StructField(String name) implements Step {}

  /** A map value by string key. */
  public record MapKey(String name) implements Step {}
}
