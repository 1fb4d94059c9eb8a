package org.sparksegments.conditions.error;

import java.util.List;

/**
 * Bad input found before anything was computed or changed (a segment, the catalog, an option, a
 * table that does not fit, a file operation that must be refused), with every problem found.
 *
 * <p>The one exception for bad input in every layer: the command line reports its errors and
 * exits with status 2; the Java API and the SQL functions let it reach the caller, whose message
 * lists the errors as the command line does. It extends {@link IllegalArgumentException} so that
 * callers that catch that keep working.
 */
public final class InvalidInputException extends IllegalArgumentException {
  /** The message lists at most this many errors, then says how many more there are. */
  static final int MAX_LISTED = 20;
  /** One error's line in the message is cut at this many characters. */
  static final int MAX_LINE = 1000;

  private static final long serialVersionUID = 1L;
  private final transient List<ValidationError> errors;

  /** Every problem found, in the order they are reported. */
  public InvalidInputException(List<ValidationError> errors) {
    super(message(errors));
    this.errors = List.copyOf(errors);
  }

  /** One problem. */
  public static InvalidInputException of(ValidationError error) {
    return new InvalidInputException(List.of(error));
  }

  /** One problem of no document (an option, a table): no file, no segment, no pointer. */
  public static InvalidInputException of(ErrorCode code, String message) {
    return of(ValidationError.of(code, message));
  }

  /** One problem of a whole file ({@code file}) or segment ({@code segmentId}), either null. */
  public static InvalidInputException of(ErrorCode code, String file, String segmentId,
      String message) {
    return of(new ValidationError(code, file, segmentId, "", message));
  }

  /** Throws the collected problems, if there are any. */
  public static void throwIfAny(List<ValidationError> errors) {
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /** The problems, each with its stable code and JSON pointer; never cut. */
  public List<ValidationError> errors() {
    return errors;
  }

  /**
   * One rendered error a line, as the command line prints them, but bounded: a notebook or a
   * log shows the message whole, and a document with thousands of problems must not flood it.
   */
  static String message(List<ValidationError> errors) {
    if (errors.isEmpty()) {
      return "invalid input";
    }
    StringBuilder sb = new StringBuilder();
    int listed = Math.min(errors.size(), MAX_LISTED);
    for (int i = 0; i < listed; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(cut(errors.get(i).render()));
    }
    if (errors.size() > listed) {
      sb.append("\n… and ").append(errors.size() - listed).append(" more");
    }
    return sb.toString();
  }

  private static String cut(String line) {
    if (line.length() <= MAX_LINE) {
      return line;
    }
    // Never split a surrogate pair: the cut text stays valid UTF-16.
    int end = Character.isHighSurrogate(line.charAt(MAX_LINE - 1)) ? MAX_LINE - 1 : MAX_LINE;
    return line.substring(0, end) + "…";
  }
}
