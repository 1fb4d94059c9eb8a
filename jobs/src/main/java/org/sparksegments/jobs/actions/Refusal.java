package org.sparksegments.jobs.actions;

import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInput;
import org.sparksegments.conditions.error.ValidationError;

/**
 * Bad input found before a command changes anything: every problem, reported on standard error
 * with exit status 2.
 */
public final class Refusal extends Exception implements InvalidInput {
  private static final long serialVersionUID = 1L;
  private final transient List<ValidationError> errors;

  public Refusal(List<ValidationError> errors) {
    super(errors.isEmpty() ? "refused" : errors.get(0).render());
    this.errors = List.copyOf(errors);
  }

  /** One problem without a pointer (an option or a table, not a document). */
  public static Refusal of(ErrorCode code, String message) {
    return new Refusal(List.of(error(code, message)));
  }

  static ValidationError error(ErrorCode code, String message) {
    return new ValidationError(code, null, null, "", message);
  }

  /** Throws the collected problems, if any. */
  static void throwIfAny(List<ValidationError> errors) throws Refusal {
    if (!errors.isEmpty()) {
      throw new Refusal(errors);
    }
  }

  @Override
  public List<ValidationError> errors() {
    return errors;
  }
}
