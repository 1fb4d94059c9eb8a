package org.sparksegments.jobs.cli;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.Quote;
import org.sparksegments.conditions.error.ValidationError;

/** Instant options such as --as-of: ISO-8601 with Z or an offset, fractional seconds allowed. */
final class AsOf {
  private static final String EXAMPLES = "ISO-8601 with Z or an offset, such as"
      + " 2026-06-01T00:00:00Z or 2026-06-01T08:30:00.250+02:00";

  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

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
      Instant i;
      if (dateZone != null && text.length() == 10) {
        i = LocalDate.parse(text).atStartOfDay(dateZone).toInstant();
      } else {
        i = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
      if (i.getNano() % 1000 != 0) {
        throw new DateTimeException("it is more precise than a microsecond");
      }
      // Spark's timestamps, and the windows counted back from the as-of, end there.
      if (i.isBefore(FIRST) || !i.isBefore(END)) {
        throw new DateTimeException("it is outside the years 0001 to 9999");
      }
      return i;
    } catch (DateTimeException e) {
      throw new InvalidInputException(List.of(new ValidationError(ErrorCode.BAD_OPTION, null,
          null, "", "Cannot use " + option + " '" + Quote.text(text) + "': "
              + Quote.text(e.getMessage()) + " (expected " + EXAMPLES + ", in the years 0001 to"
              + " 9999" + (dateZone == null ? "" : ", or a date such as 2026-03-01, midnight"
              + " in the database's timezone " + dateZone) + ")")));
    }
  }
}
