package org.sparksegments.jobs.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;

/** Instant options such as --as-of: ISO-8601 with Z or an offset, fractional seconds allowed. */
final class AsOf {
  private static final String EXAMPLES = "ISO-8601 with Z or an offset, such as"
      + " 2026-06-01T00:00:00Z or 2026-06-01T08:30:00.250+02:00";

  private AsOf() {}

  /** The given instant, or now (to the microsecond, Spark's precision) when absent. */
  static Instant parse(String text) {
    if (text == null) {
      return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
    return parse("--as-of", text, null);
  }

  /**
   * The instant {@code text} of an option; with {@code dateZone}, a date such as 2026-03-01 is
   * also taken, as local midnight in that zone (the database's, spec 3.2).
   */
  static Instant parse(String option, String text, ZoneId dateZone) {
    try {
      if (dateZone != null && text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(dateZone).toInstant();
      }
      Instant i = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      if (i.getNano() % 1000 != 0) {
        throw new DateTimeParseException("more precise than a microsecond", text, 0);
      }
      return i;
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(List.of(new ValidationError(ErrorCode.BAD_OPTION, null,
          null, "", "Cannot use " + option + " '" + text + "': " + e.getMessage() + " (expected "
              + EXAMPLES + (dateZone == null ? "" : ", or a date such as 2026-03-01, midnight"
              + " in the database's timezone " + dateZone) + ")")));
    }
  }
}
