package org.sparksegments.jobs.manage;

import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInput;
import org.sparksegments.conditions.error.ValidationError;

/** A file operation refused before anything was changed, with the reasons (exit status 2). */
public final class Refusal extends RuntimeException implements InvalidInput {
  private static final long serialVersionUID = 1L;
  private final transient List<ValidationError> errors;

  public Refusal(List<ValidationError> errors) {
    super(errors.get(0).render());
    this.errors = List.copyOf(errors);
  }

  /** One reason about a file (null: the folder) and a segment. */
  static Refusal of(ErrorCode code, String file, String segment, String message) {
    return new Refusal(List.of(new ValidationError(code, file, segment, "", message)));
  }

  /** One reason about a segment of the folder, pointing at its id. */
  static Refusal at(ErrorCode code, SegmentFolder.Entry e, String message) {
    return new Refusal(List.of(new ValidationError(code, e.file().toString(), e.id(),
        e.parsed().pointerPrefix() + "/id", message)));
  }

  @Override
  public List<ValidationError> errors() {
    return errors;
  }
}
