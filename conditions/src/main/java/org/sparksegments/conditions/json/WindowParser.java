package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.model.Window;

/** Reads the four window forms of the language; exactly one per window. */
final class WindowParser {
  static final long MAX_DAYS = 100_000;
  private static final Set<String> KEYS = Set.of("last_days", "days_ago", "from", "to", "since",
      "until");

  private WindowParser() {}

  static Window parse(JsonNode node, String pointer, Problems problems) {
    if (!node.isObject()) {
      problems.add(ErrorCode.BAD_WINDOW, pointer, "Cannot read the window: found "
          + Nodes.describe(node) + " (expected {\"last_days\": N}, {\"days_ago\": [A, B]},"
          + " {\"from\": DATE, \"to\": DATE} or {\"since\": INSTANT, \"until\": INSTANT})");
      return null;
    }
    ObjectNode obj = (ObjectNode) node;
    int before = problems.size();
    Nodes.unknownKeys(obj, pointer, KEYS, "window", problems);
    boolean last = obj.has("last_days");
    boolean ago = obj.has("days_ago");
    boolean dates = obj.has("from") || obj.has("to");
    boolean instants = obj.has("since") || obj.has("until");
    int forms = (last ? 1 : 0) + (ago ? 1 : 0) + (dates ? 1 : 0) + (instants ? 1 : 0);
    if (forms != 1) {
      problems.add(ErrorCode.BAD_WINDOW, pointer, "Cannot read the window: it has "
          + (forms == 0 ? "no" : forms + "") + " window forms (expected exactly one of"
          + " last_days, days_ago, from/to, since/until)");
      return null;
    }
    if (problems.size() > before) {
      return null;
    }
    if (last) {
      long n = Nodes.wholeNumber(obj.get("last_days"), Pointers.key(pointer, "last_days"), 1,
          MAX_DAYS, "last_days", problems);
      return n < 0 ? null : new Window.LastDays(pointer, n);
    }
    if (ago) {
      JsonNode a = obj.get("days_ago");
      String ap = Pointers.key(pointer, "days_ago");
      if (!a.isArray() || a.size() != 2) {
        problems.add(ErrorCode.BAD_WINDOW, ap, "Cannot read days_ago: found "
            + Nodes.describe(a) + " (expected [A, B] with A greater than B)");
        return null;
      }
      long from = Nodes.wholeNumber(a.get(0), Pointers.index(ap, 0), 0, MAX_DAYS, "days_ago",
          problems);
      long to = Nodes.wholeNumber(a.get(1), Pointers.index(ap, 1), 0, MAX_DAYS, "days_ago",
          problems);
      if (from < 0 || to < 0) {
        return null;
      }
      if (from <= to) {
        problems.add(ErrorCode.BAD_WINDOW, ap, "Cannot use days_ago [" + from + ", " + to
            + "]: the window would be empty (expected [A, B] with A greater than B, as in"
            + " [60, 30])");
        return null;
      }
      return new Window.DaysAgo(pointer, from, to);
    }
    if (dates) {
      LocalDate from = date(obj, "from", pointer, problems);
      LocalDate to = date(obj, "to", pointer, problems);
      if (from == null || to == null) {
        return null;
      }
      if (from.isAfter(to)) {
        problems.add(ErrorCode.BAD_WINDOW, Pointers.key(pointer, "to"), "Cannot use a window"
            + " from " + from + " to " + to + ": from is after to (expected from <= to)");
        return null;
      }
      return new Window.Dates(pointer, from, to);
    }
    String since = instant(obj, "since", pointer, problems);
    String until = instant(obj, "until", pointer, problems);
    return since == null || until == null ? null : new Window.Instants(pointer, since, until);
  }

  private static LocalDate date(ObjectNode obj, String key, String pointer, Problems problems) {
    JsonNode n = obj.get(key);
    String p = Pointers.key(pointer, key);
    if (n == null) {
      problems.add(ErrorCode.BAD_WINDOW, pointer, "Cannot read the window: key '" + key
          + "' is missing (expected both from and to, as local dates YYYY-MM-DD)");
      return null;
    }
    try {
      if (n.isTextual() && n.asText().matches("\\d{4}-\\d{2}-\\d{2}")) {
        LocalDate d = LocalDate.parse(n.asText());
        if (d.getYear() >= 1) { // year 0000 is before Spark's dates begin
          return d;
        }
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    problems.add(ErrorCode.BAD_WINDOW, p, "Cannot read '" + key + "': found "
        + Nodes.describe(n)
        + " (expected a local date YYYY-MM-DD, in the years 0001 to 9999)");
    return null;
  }

  private static String instant(ObjectNode obj, String key, String pointer, Problems problems) {
    JsonNode n = obj.get(key);
    if (n == null) {
      problems.add(ErrorCode.BAD_WINDOW, pointer, "Cannot read the window: key '" + key
          + "' is missing (expected both since and until)");
      return null;
    }
    if (!n.isTextual()) {
      problems.add(ErrorCode.BAD_WINDOW, Pointers.key(pointer, key), "Cannot read '" + key
          + "': found " + Nodes.describe(n) + " (expected an instant such as"
          + " 2026-06-01T00:00:00Z, a local time, or a date; no relative literals here)");
      return null;
    }
    return n.asText();
  }
}
