package org.sparksegments.conditions.bind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.Quote;
import org.sparksegments.conditions.model.Literal;

/**
 * Converts JSON literals to a scalar kind. Literals keep their JSON type: strings for string,
 * date and timestamp fields, numbers for numeric fields, booleans for boolean fields. Public for
 * commands that take field values (bulk updates) and must read them as conditions do.
 */
public final class LiteralConverter {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private LiteralConverter() {}

  /**
   * Converts {@code lit} for a field of {@code kind} in a database whose zone is {@code zone}.
   * Reports BAD_LITERAL and returns empty when it does not fit.
   */
  public static Optional<BoundValue> convert(Literal lit, Kind kind, String typeName, ZoneId zone,
      Problems problems) {
    BoundValue v = switch (kind) {
      case STRING -> lit instanceof Literal.Text t ? exact(t.value()) : null;
      case BOOLEAN -> lit instanceof Literal.Bool b ? exact(b.value()) : null;
      case INTEGER -> lit instanceof Literal.Number n ? integral(n.value()) : null;
      case DOUBLE -> lit instanceof Literal.Number n ? floating(n.value()) : null;
      case DECIMAL -> lit instanceof Literal.Number n ? decimal(n.value(), typeName) : null;
      case DATE, TIMESTAMP, TIMESTAMP_NTZ -> temporal(lit, kind, zone);
      case OTHER -> null;
    };
    if (v == null) {
      problems.add(ErrorCode.BAD_LITERAL, lit.pointer(), "Cannot compare a field of type "
          + typeName + " with " + describe(lit) + " (expected " + expected(kind) + ")");
      return Optional.empty();
    }
    return Optional.of(v);
  }

  private static BoundValue exact(Object o) {
    return new BoundValue.Exact(o);
  }

  private static BoundValue integral(BigDecimal d) {
    if (!Representable.exponentInRange(d) || d.stripTrailingZeros().scale() > 0
        || d.compareTo(LONG_MIN) < 0 || d.compareTo(LONG_MAX) > 0) {
      return null;
    }
    return exact(d.longValueExact());
  }

  private static BoundValue floating(BigDecimal d) {
    Double v = Representable.asDouble(d);
    return v == null ? null : exact(v);
  }

  private static BoundValue decimal(BigDecimal d, String typeName) {
    BigDecimal v = Representable.asDecimal(d, typeName);
    return v == null ? null : exact(v);
  }

  private static BoundValue temporal(Literal lit, Kind kind, ZoneId zone) {
    if (lit instanceof Literal.Relative r) {
      return new BoundValue.Relative(r.dayOffset());
    }
    if (!(lit instanceof Literal.Text t)) {
      return null;
    }
    String s = t.value();
    if (DATE.matcher(s).matches()) {
      LocalDate d = parseDate(s);
      if (d == null) {
        return null;
      }
      return kind == Kind.DATE ? exact(d) : new BoundValue.Day(d);
    }
    // An instant with an offset is absolute; without one it is local time in the zone.
    LocalDateTime local;
    Instant instant;
    boolean hasOffset = true;
    try {
      OffsetDateTime odt = OffsetDateTime.parse(s);
      instant = odt.toInstant();
      if (!Representable.instant(instant)) {
        return null; // checked first: far instants have no local time at all
      }
      local = LocalDateTime.ofInstant(instant, zone);
    } catch (DateTimeParseException e) {
      hasOffset = false;
      try {
        local = LocalDateTime.parse(s);
        // atZone takes the earlier offset in an overlap and moves a gap time forward.
        instant = local.atZone(zone).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
    if (!Representable.instant(instant)
        || (kind == Kind.DATE && !Representable.date(local.toLocalDate()))) {
      return null;
    }
    // Against TIMESTAMP_NTZ an instant with an offset stays an instant: the comparison reads
    // each local time as its instant in the zone (a wall time alone would lose which of two
    // autumn passes is meant).
    return switch (kind) {
      case DATE -> exact(local.toLocalDate());
      case TIMESTAMP -> exact(instant);
      default -> exact(hasOffset ? instant : local);
    };
  }

  /**
   * An instant from a window bound: with an offset it is absolute; without one, local time in
   * the zone; a bare date is local midnight. Empty when the text is none of these.
   */
  static Optional<Instant> instant(String s, ZoneId zone) {
    Instant i;
    if (DATE.matcher(s).matches()) {
      LocalDate d = parseDate(s);
      i = d == null ? null : d.atStartOfDay(zone).toInstant();
    } else {
      try {
        i = OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        try {
          i = LocalDateTime.parse(s).atZone(zone).toInstant();
        } catch (DateTimeParseException e2) {
          i = null;
        }
      }
    }
    return i != null && Representable.instant(i) ? Optional.of(i) : Optional.empty();
  }

  /**
   * True when {@code s} is a local date-time (no offset) that the zone skips: a time in a
   * daylight-saving gap, which names no instant at all.
   */
  static boolean inGap(String s, ZoneId zone) {
    try {
      return zone.getRules().getValidOffsets(LocalDateTime.parse(s)).isEmpty();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static LocalDate parseDate(String s) {
    try {
      LocalDate d = LocalDate.parse(s);
      return Representable.date(d) ? d : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  public static String describe(Literal lit) {
    if (lit instanceof Literal.Text t) {
      return "the string \"" + Quote.text(t.value()) + "\"";
    }
    if (lit instanceof Literal.Number n) {
      return "the number " + Quote.number(n.value());
    }
    if (lit instanceof Literal.Bool b) {
      return "the boolean " + b.value();
    }
    return "a relative day literal";
  }

  public static String expected(Kind kind) {
    return switch (kind) {
      case STRING -> "a JSON string";
      case BOOLEAN -> "true or false";
      case INTEGER -> "a whole JSON number within the 64-bit range";
      case DOUBLE -> "a JSON number within the range of a double";
      case DECIMAL -> "a JSON number with at most 38 digits, counting those the column's"
          + " decimal type needs";
      case DATE -> "a date \"YYYY-MM-DD\", an instant, or {\"days_ago\": N} / {\"days_ahead\": N},"
          + " in the years 0001 to 9999";
      case TIMESTAMP, TIMESTAMP_NTZ -> "a date \"YYYY-MM-DD\", an instant such as"
          + " \"2026-06-01T08:00:00Z\", or {\"days_ago\": N} / {\"days_ahead\": N},"
          + " in the years 0001 to 9999";
      case OTHER -> "a field of a type that literals can be compared with";
    };
  }
}
