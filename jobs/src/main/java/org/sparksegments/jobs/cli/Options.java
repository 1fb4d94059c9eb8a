package org.sparksegments.jobs.cli;

import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.ValidationError;

/** Errors in command-line option values, reported like document errors (exit 2). */
final class Options {
  private Options() {}

  static InvalidInputException bad(String option, String value, String expected) {
    return new InvalidInputException(List.of(new ValidationError(ErrorCode.BAD_OPTION, null,
        null, "", "Cannot use " + option + " '" + value + "' (expected " + expected + ")")));
  }

  static InvalidInputException invalid(Problems problems, String option) {
    return new InvalidInputException(problems.list().stream()
        .map(e -> new ValidationError(e.code(), null, null, "", option + ": " + e.message()))
        .toList());
  }
}
