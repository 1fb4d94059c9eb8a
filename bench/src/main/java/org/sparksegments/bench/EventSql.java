package org.sparksegments.bench;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.model.Aggregate;
import org.sparksegments.conditions.model.EventFilter;
import org.sparksegments.conditions.model.EventOp;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.Literal;
import org.sparksegments.conditions.model.Window;

/**
 * An event test (spec 3.2) as an aggregate column of the events scan and a predicate on it.
 * Only events by the as-of are read; the filter and the window pick the events each aggregate
 * sees; a profile without such events gets a null aggregate, read as a count of 0, a sum of 0,
 * and an average, minimum, maximum or timestamp that compares false.
 */
final class EventSql {
  private static final String DOUBLE_SUM = "DECIMAL(38,10)";

  private EventSql() {}

  /** The predicate of {@code e}, never null. */
  static String test(EventTest e, SqlParts parts, ConditionSql where) {
    String ts = DuckSql.ident("ts");
    String pass = filter(e.filter(), where) + " AND "
        + window(e.window(), parts, "events", "ts");
    Instant start = e.window().map(w -> start(w, parts)).orElse(null);
    List<String> names = e.filter().events();
    String p = switch (e.op().needs()) {
      case NOTHING, COUNT -> {
        String n = "coalesce(" + parts.eventFeature(
            "count(*) FILTER (WHERE " + pass + ")", names, start) + ", 0)";
        yield switch (e.op()) {
          case EXISTS -> n + " > 0";
          case NOT_EXISTS -> n + " = 0";
          case AT_LEAST -> n + " >= " + e.count();
          case AT_MOST -> n + " <= " + e.count();
          default -> n + " = " + e.count();
        };
      }
      case DAYS -> {
        String fn = e.op() == EventOp.FIRST_WITHIN ? "min" : "max";
        String v = parts.eventFeature(fn + "(" + ts + ") FILTER (WHERE " + pass + ")", names,
            start);
        String bound = parts.instant(parts.asOf.minusSeconds(e.days() * 86_400L), "events",
            "ts");
        yield v + (e.op() == EventOp.LAST_BEFORE
            ? " <= " : " > ") + bound;
      }
      case AGGREGATE -> aggregate(e, parts, pass, names, start);
    };
    return "coalesce(" + p + ", false)";
  }

  /**
   * sum and avg of a floating column are taken over exact decimals, as the engine does, so
   * neither depends on the order in which rows are added; avg compares {@code sum} with
   * {@code value × count} exactly.
   */
  private static String aggregate(EventTest e, SqlParts parts, String pass, List<String> names,
      Instant start) {
    Aggregate a = e.aggregate().orElseThrow();
    String type = parts.tables.type("events", a.of()).orElseThrow(() -> new Untranslatable(
        "aggregate of " + a.of() + ": no such top-level events column"));
    FieldSql.Kind kind = FieldSql.kind(type);
    boolean floating = kind == FieldSql.Kind.FLOATING;
    boolean numeric = floating || kind == FieldSql.Kind.INTEGER || kind == FieldSql.Kind.DECIMAL;
    boolean distinctable = numeric || kind == FieldSql.Kind.STRING
        || kind == FieldSql.Kind.BOOLEAN;
    if (a.fn() == Aggregate.Fn.COUNT_DISTINCT ? !distinctable : !numeric) {
      throw new Untranslatable("aggregate of " + a.of() + " (" + type + ") is not translated");
    }
    String c = DuckSql.ident(a.of());
    String exact = floating ? "CAST(" + c + " AS " + DOUBLE_SUM + ")" : c;
    String filter = " FILTER (WHERE " + pass + ")";
    List<String> values = new ArrayList<>();
    for (Literal l : e.values()) {
      if (!(l instanceof Literal.Number n)) {
        throw new Untranslatable("aggregate compared with a non-number");
      }
      values.add(DuckSql.number(n.value()));
    }
    if (a.fn() == Aggregate.Fn.AVG) {
      String sum = parts.eventFeature("sum(" + exact + ")" + filter, names, start);
      String n = parts.eventFeature("count(" + c + ")" + filter, names, start);
      List<String> scaled = values.stream().map(v -> v + " * " + n).toList();
      return "CASE WHEN " + n + " > 0 THEN " + compare(e, sum, scaled) + " END";
    }
    String v = switch (a.fn()) {
      case SUM -> "coalesce(" + parts.eventFeature(
          (floating ? "CAST(sum(" + exact + ")" + filter + " AS DOUBLE)"
              : "sum(" + c + ")" + filter), names, start) + ", 0)";
      case MIN, MAX -> parts.eventFeature(a.fn().json() + "(" + c + ")" + filter, names, start);
      case COUNT_DISTINCT -> "coalesce(" + parts.eventFeature(
          "count(DISTINCT " + c + ")" + filter, names, start) + ", 0)";
      case AVG -> throw new IllegalStateException();
    };
    boolean doubleResult = floating && a.fn() != Aggregate.Fn.COUNT_DISTINCT;
    List<String> typed = values.stream()
        .map(x -> doubleResult ? "CAST(" + x + " AS DOUBLE)" : x).toList();
    return compare(e, v, typed);
  }

  private static String compare(EventTest e, String v, List<String> x) {
    return switch (e.op()) {
      case GT -> v + " > " + x.get(0);
      case GTE -> v + " >= " + x.get(0);
      case LT -> v + " < " + x.get(0);
      case LTE -> v + " <= " + x.get(0);
      case EQ -> v + " = " + x.get(0);
      case BETWEEN -> v + " >= " + x.get(0) + " AND " + v + " <= " + x.get(1);
      default -> throw new IllegalStateException(e.op().json());
    };
  }

  /** Names, channels, campaigns and messages (OR within each list) and the where tree. */
  private static String filter(EventFilter f, ConditionSql where) {
    List<String> p = new ArrayList<>();
    p.add(DuckSql.in("event", f.events()));
    if (!f.channels().isEmpty()) {
      p.add(DuckSql.in("channel", f.channels()));
    }
    if (!f.campaigns().isEmpty()) {
      p.add(DuckSql.in("campaign", f.campaigns()));
    }
    if (!f.messages().isEmpty()) {
      p.add(DuckSql.in("message", f.messages()));
    }
    f.where().ifPresent(w -> p.add("(" + w.accept(where) + ")"));
    return String.join(" AND ", p);
  }

  /** A window as a predicate on {@code table.column} (true without a window). */
  static String window(Optional<Window> window, SqlParts parts, String table, String column) {
    if (window.isEmpty()) {
      return "true";
    }
    Window w = window.get();
    String c = DuckSql.ident(column);
    Instant asOf = parts.asOf;
    String p;
    if (w instanceof Window.LastDays l) {
      p = c + " > " + parts.instant(asOf.minusSeconds(l.days() * 86_400L), table, column)
          + " AND " + c + " <= " + parts.instant(asOf, table, column);
    } else if (w instanceof Window.DaysAgo d) {
      p = c + " > " + parts.instant(asOf.minusSeconds(d.from() * 86_400L), table, column)
          + " AND " + c + " <= " + parts.instant(asOf.minusSeconds(d.to() * 86_400L), table,
          column);
    } else {
      Instant[] b = bounds(w, parts);
      p = c + " >= " + parts.instant(b[0], table, column) + " AND " + c + " < "
          + parts.instant(b[1], table, column);
    }
    return "coalesce(" + p + ", false)";
  }

  /** The earliest instant a window holds (for pruning the scan; inclusive). */
  private static Instant start(Window w, SqlParts parts) {
    if (w instanceof Window.LastDays l) {
      return parts.asOf.minusSeconds(l.days() * 86_400L);
    }
    if (w instanceof Window.DaysAgo d) {
      return parts.asOf.minusSeconds(d.from() * 86_400L);
    }
    return bounds(w, parts)[0];
  }

  /** [start, end) of a dates window (local days, both whole) or an instants window. */
  private static Instant[] bounds(Window w, SqlParts parts) {
    if (w instanceof Window.Dates d) {
      return new Instant[] {d.from().atStartOfDay(parts.tables.zone()).toInstant(),
          d.to().plusDays(1).atStartOfDay(parts.tables.zone()).toInstant()};
    }
    Window.Instants i = (Window.Instants) w;
    return new Instant[] {instant(i.since(), parts), instant(i.until(), parts)};
  }

  /**
   * A window bound as the binder reads it: with an offset absolute, without one local time in
   * the database's zone, a bare date local midnight.
   */
  private static Instant instant(String s, SqlParts parts) {
    try {
      if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(s).atStartOfDay(parts.tables.zone()).toInstant();
      }
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        return LocalDateTime.parse(s).atZone(parts.tables.zone()).toInstant();
      }
    } catch (DateTimeParseException e) {
      throw new Untranslatable("window bound " + s + " cannot be read");
    }
  }
}
