package org.sparksegments.conditions.error;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a stage, so that all of them are reported at once. */
public final class Problems {
  private final List<ValidationError> errors = new ArrayList<>();

  public void add(ErrorCode code, String pointer, String message) {
    errors.add(new ValidationError(code, null, null, pointer, message));
  }

  /** A problem as it is: one already located in another file keeps its file and pointer. */
  public void add(ValidationError error) {
    errors.add(error);
  }

  public void addAll(List<ValidationError> more) {
    errors.addAll(more);
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public int size() {
    return errors.size();
  }

  public List<ValidationError> list() {
    return List.copyOf(errors);
  }
}
