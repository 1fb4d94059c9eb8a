package org.sparksegments.jobs.api;

import java.util.List;
import java.util.stream.Collectors;
import org.sparksegments.conditions.error.ValidationError;

/** A segment, catalog or option that cannot be evaluated; every problem found is listed. */
public final class InvalidSegmentException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<ValidationError> errors;

  public InvalidSegmentException(List<ValidationError> errors) {
    super(errors.stream().map(ValidationError::render).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** The problems, each with its stable code and JSON pointer. */
  public List<ValidationError> errors() {
    return errors;
  }
}
