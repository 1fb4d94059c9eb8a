package org.sparksegments.jobs.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.ValidationError;

/** The as-of option: ISO-8601 with Z or an offset, fractional seconds allowed. */
final class AsOf {
  private AsOf() {}

  /** The given instant, or now (to the microsecond, Spark's precision) when absent. */
  static Instant parse(String text) {
    if (text == null) {
      return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
    try {
      Instant i = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      if (i.getNano() % 1000 != 0) {
        throw new DateTimeParseException("more precise than a microsecond", text, 0);
      }
      return i;
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(List.of(new ValidationError(ErrorCode.BAD_OPTION, null,
          null, "", "Cannot use --as-of '" + text + "': " + e.getMessage() + " (expected"
              + " ISO-8601 with Z or an offset, such as 2026-06-01T00:00:00Z or"
              + " 2026-06-01T08:30:00.250+02:00)")));
    }
  }
}
