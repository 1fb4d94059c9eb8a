package org.sparksegments.conditions.model;

import java.util.Optional;

/** Some row of an external table matches the profile by key and passes {@code where}. */
public record ExternalTest(String pointer, String table, boolean exists,
    Optional<Condition> where) implements Condition {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitExternal(this);
  }
}
