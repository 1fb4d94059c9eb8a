package org.sparksegments.jobs.eval;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.ValidationError;

/**
 * The data file that a failed Spark job could not read, found in the failure's cause chain: Spark
 * reports it as the {@code path} parameter of a {@code FAILED_READ_FILE} error, and in the text
 * "Encountered error while reading file PATH." (which also survives a task failure serialised
 * into the driver's "Job aborted" message). A failure with such a file becomes one short coded
 * error naming the file, instead of Spark's stack trace.
 */
public final class ReadFailures {
  private static final Pattern READING = Pattern.compile(
      "Encountered error while reading file (\\S+?)\\.?(?:\\s|$)");

  private ReadFailures() {}

  /** The file Spark could not read, if {@code failure} is such a failure. */
  public static Optional<String> failedFile(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof SparkThrowable s && s.getCondition() != null
          && s.getCondition().startsWith("FAILED_READ_FILE")) {
        Map<String, String> params = s.getMessageParameters();
        String path = params == null ? null : params.get("path");
        if (path != null && !path.isEmpty()) {
          return Optional.of(uri(path));
        }
      }
      String m = t.getMessage();
      if (m != null) {
        Matcher match = READING.matcher(m);
        if (match.find()) {
          return Optional.of(uri(match.group(1)));
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** Spark's {@code file:///x} written as the engine writes qualified URIs ({@code file:/x}). */
  private static String uri(String path) {
    try {
      return new Path(path).toString();
    } catch (IllegalArgumentException e) {
      return path;
    }
  }

  /** Why the file could not be read: the innermost cause's first line, bounded. */
  public static String reason(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t.getCause() != null && t.getCause() != t && depth < 32; depth++) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  /**
   * A {@code BAD_TABLE} error naming the file that {@code failure} could not read, if it is
   * such a failure; {@code what} says whose read it was ("Cannot count segment x").
   */
  public static Optional<ValidationError> error(String what, Throwable failure) {
    return failedFile(failure).map(file -> ValidationError.of(ErrorCode.BAD_TABLE,
        what + ": cannot read the file " + file + " (" + reason(failure) + "; expected a"
            + " Parquet file whose columns have the types of the table's other files)"));
  }
}
