package org.sparksegments.conditions.error;

import java.util.Objects;

/**
 * One problem in a segment document: a stable code, where it is (file, segment id when known,
 * JSON pointer from the root of the file) and a message that says what is allowed.
 */
public record ValidationError(
    ErrorCode code, String file, String segmentId, String pointer, String message) {

  public ValidationError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** A problem of no document (an option, a table): no file, no segment, the root pointer. */
  public static ValidationError of(ErrorCode code, String message) {
    return new ValidationError(code, null, null, "", message);
  }

  /** A copy located in a file and segment. */
  public ValidationError locate(String file, String segmentId) {
    return new ValidationError(code, file, segmentId, pointer, message);
  }

  /** One line for standard error: {@code file: segment id: CODE at /pointer: message}. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    if (file != null) {
      sb.append(file).append(": ");
    }
    if (segmentId != null) {
      sb.append("segment ").append(segmentId).append(": ");
    }
    sb.append(code).append(" at ").append(pointer.isEmpty() ? "(root)" : pointer).append(": ")
        .append(message);
    return sb.toString();
  }
}
