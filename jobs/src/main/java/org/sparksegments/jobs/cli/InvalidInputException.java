package org.sparksegments.jobs.cli;

import java.util.List;
import org.sparksegments.conditions.error.InvalidInput;
import org.sparksegments.conditions.error.ValidationError;

/** Invalid input found before any Spark job: reported on standard error, exit status 2. */
public final class InvalidInputException extends RuntimeException implements InvalidInput {
  private static final long serialVersionUID = 1L;
  private final transient List<ValidationError> errors;

  public InvalidInputException(List<ValidationError> errors) {
    super(errors.isEmpty() ? "invalid input" : errors.get(0).render());
    this.errors = List.copyOf(errors);
  }

  @Override
  public List<ValidationError> errors() {
    return errors;
  }
}
