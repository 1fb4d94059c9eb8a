package org.sparksegments.jobs.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sparksegments.jobs.reference.ReferenceData.Kind;
import org.sparksegments.jobs.reference.ReferenceData.Type;
import org.sparksegments.testing.Xxh64;

/**
 * The segment semantics of the contract (spec sections 3 to 5), written the obvious way over
 * plain Java rows: loops over profiles, over each profile's events, subscriptions and static
 * memberships. It shares no code with the engine; segment documents are read as Jackson trees.
 *
 * <p>One instance evaluates the segments of one set (so that {@code segment} references and
 * {@code conditions_of} find each other) on one database as of one instant.
 */
public final class ReferenceEvaluator {
  private static final Duration DAY = Duration.ofDays(1);
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private final ReferenceData d;
  private final Instant asOf;
  private final Map<String, JsonNode> segments;
  private final List<Map<String, Object>> base = new ArrayList<>();
  private final Map<String, Set<Object>> matchedMemo = new HashMap<>();
  private final Map<String, List<Object>> selectedMemo = new HashMap<>();
  private final Map<String, Map<Object, List<Map<String, Object>>>> externalByKey = new HashMap<>();

  public ReferenceEvaluator(ReferenceData data, Instant asOf, Map<String, JsonNode> segments) {
    this.d = data;
    this.asOf = asOf;
    this.segments = segments;
    for (Map<String, Object> p : data.profiles.rows()) {
      Instant created = (Instant) p.get("created_at");
      if (p.get(data.idColumn) != null && (created == null || !created.isAfter(asOf))) {
        base.add(p);
      }
    }
  }

  /** Ids of the base (as of the as-of): id not null, created_at null or at/before the as-of. */
  public Set<Object> baseIds() {
    Set<Object> out = new LinkedHashSet<>();
    base.forEach(p -> out.add(p.get(d.idColumn)));
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Segments: base, range, conditions, limit (spec 2, 4, 5)

  private JsonNode segment(String id) {
    JsonNode s = segments.get(id);
    if (s == null) {
      throw new IllegalArgumentException("no segment " + id + " in the set");
    }
    return s;
  }

  /** Base profiles in the segment's range that satisfy its conditions (no limit). */
  public Set<Object> matched(String id) {
    Set<Object> memo = matchedMemo.get(id);
    if (memo != null) {
      return memo;
    }
    JsonNode s = segment(id);
    Set<Object> out = new LinkedHashSet<>();
    for (Map<String, Object> p : base) {
      if (inRange(s.get("range"), p.get(d.idColumn))
          && (!s.has("conditions") || eval(s.get("conditions"), p))) {
        out.add(p.get(d.idColumn));
      }
    }
    matchedMemo.put(id, out);
    return out;
  }

  /** The selected ids in the segment's order, limit applied (spec 5). */
  public List<Object> selected(String id) {
    List<Object> memo = selectedMemo.get(id);
    if (memo != null) {
      return memo;
    }
    JsonNode s = segment(id);
    Set<Object> m = matched(id);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> p : base) {
      if (m.contains(p.get(d.idColumn))) {
        rows.add(p);
      }
    }
    JsonNode limit = s.get("limit");
    long max = 0;
    List<JsonNode> orderBy = new ArrayList<>();
    if (limit != null && limit.isNumber()) {
      max = limit.asLong();
    } else if (limit != null && limit.isObject()) {
      max = limit.path("max").asLong(0);
      limit.path("order_by").forEach(orderBy::add);
    }
    rows.sort(order(orderBy));
    List<Object> out = new ArrayList<>();
    for (Map<String, Object> p : rows) {
      if (max > 0 && out.size() >= max) {
        break;
      }
      out.add(p.get(d.idColumn));
    }
    selectedMemo.put(id, out);
    return out;
  }

  private Comparator<Map<String, Object>> order(List<JsonNode> orderBy) {
    return (a, b) -> {
      for (JsonNode o : orderBy) {
        String path = o.get("field").asText();
        boolean desc = "desc".equals(o.path("direction").asText("asc"));
        Resolved ra = resolve(path, a, d.profiles.columns());
        Resolved rb = resolve(path, b, d.profiles.columns());
        if (ra.value == null && rb.value == null) {
          continue;
        }
        if (ra.value == null) {
          return 1; // nulls last, in both directions
        }
        if (rb.value == null) {
          return -1;
        }
        int c = compareValues(ra.value, rb.value, ra.type.kind());
        if (c != 0) {
          return desc ? -c : c;
        }
      }
      return compareIds(a.get(d.idColumn), b.get(d.idColumn));
    };
  }

  private static int compareIds(Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return utf8Compare(a.toString(), b.toString());
  }

  /** The range of spec 4: F x 100 <= bucket < T x 100; with a salt, the bucket of salt:id. */
  boolean inRange(JsonNode range, Object id) {
    int from = 0;
    int to = 10_000;
    String salt = null;
    if (range != null) {
      if (range.has("from")) {
        from = range.get("from").decimalValue().movePointRight(2).intValueExact();
      }
      if (range.has("to")) {
        to = range.get("to").decimalValue().movePointRight(2).intValueExact();
      }
      if (range.has("salt")) {
        salt = range.get("salt").asText();
      }
    }
    int b = bucket(id, salt);
    return from <= b && b < to;
  }

  /** The bucket of an id (spec 4), computed with the plain-Java XXH64. */
  public static int bucket(Object id, String salt) {
    String s = String.valueOf(id);
    return Xxh64.bucket(salt == null ? s : salt + ":" + s);
  }

  // ------------------------------------------------------------------------------------------
  // Conditions (spec 3)

  /** The value of a condition for one profile. */
  boolean eval(JsonNode c, Map<String, Object> p) {
    if (c.has("all")) {
      for (JsonNode x : c.get("all")) {
        if (!eval(x, p)) {
          return false;
        }
      }
      return true;
    }
    if (c.has("any")) {
      for (JsonNode x : c.get("any")) {
        if (eval(x, p)) {
          return true;
        }
      }
      return false;
    }
    if (c.has("not")) {
      return !eval(c.get("not"), p);
    }
    if (c.has("field")) {
      return fieldTest(c, p, d.profiles.columns());
    }
    if (c.has("event")) {
      return eventTest(c, p);
    }
    if (c.has("subscription")) {
      return subscriptionTest(c, p);
    }
    if (c.has("segment")) {
      boolean in = selectedSet(c.get("segment").asText()).contains(p.get(d.idColumn));
      return c.get("op").asText().equals("in") == in;
    }
    if (c.has("static_segment")) {
      return staticTest(c, p);
    }
    if (c.has("external")) {
      return externalTest(c, p);
    }
    if (c.has("conditions_of")) {
      JsonNode other = segment(c.get("conditions_of").asText());
      return !other.has("conditions") || eval(other.get("conditions"), p);
    }
    if (c.has("sequence")) {
      return sequenceTest(c, p);
    }
    throw new IllegalArgumentException("unknown condition " + c);
  }

  private final Map<String, Set<Object>> selectedSets = new HashMap<>();

  private Set<Object> selectedSet(String id) {
    return selectedSets.computeIfAbsent(id, k -> new HashSet<>(selected(k)));
  }

  /** A condition tree of field tests over one row of another table (a {@code where}). */
  boolean evalRow(JsonNode c, Map<String, Object> row, Map<String, Type> columns) {
    if (c.has("all")) {
      for (JsonNode x : c.get("all")) {
        if (!evalRow(x, row, columns)) {
          return false;
        }
      }
      return true;
    }
    if (c.has("any")) {
      for (JsonNode x : c.get("any")) {
        if (evalRow(x, row, columns)) {
          return true;
        }
      }
      return false;
    }
    if (c.has("not")) {
      return !evalRow(c.get("not"), row, columns);
    }
    if (c.has("field")) {
      return fieldTest(c, row, columns);
    }
    throw new IllegalArgumentException("a where tree holds only all/any/not/field: " + c);
  }

  // ------------------------------------------------------------------------------------------
  // 3.1 Field tests

  record Resolved(Object value, Type type) {}

  /** A path: a column (whole name first), then struct fields and map keys after dots. */
  static Resolved resolve(String path, Map<String, Object> row, Map<String, Type> columns) {
    if (columns.containsKey(path)) {
      return new Resolved(row.get(path), columns.get(path));
    }
    String[] parts = path.split("\\.");
    for (int i = parts.length - 1; i >= 1; i--) {
      String col = String.join(".", java.util.Arrays.copyOfRange(parts, 0, i));
      if (!columns.containsKey(col)) {
        continue;
      }
      Object v = row.get(col);
      Type t = columns.get(col);
      int j = i;
      while (j < parts.length) {
        if (t.kind() == Kind.STRUCT) {
          Type ft = t.fields().get(parts[j]);
          if (ft == null) {
            throw new IllegalArgumentException("no field " + parts[j] + " in " + path);
          }
          v = v == null ? null : ((Map<?, ?>) v).get(parts[j]);
          t = ft;
          j++;
        } else if (t.kind() == Kind.MAP) {
          String key = String.join(".", java.util.Arrays.copyOfRange(parts, j, parts.length));
          v = v == null ? null : ((Map<?, ?>) v).get(key);
          t = t.value();
          j = parts.length;
        } else {
          throw new IllegalArgumentException("cannot go into " + col + " for " + path);
        }
      }
      return new Resolved(v, t);
    }
    throw new IllegalArgumentException("unknown field " + path);
  }

  boolean fieldTest(JsonNode t, Map<String, Object> row, Map<String, Type> columns) {
    Resolved r = resolve(t.get("field").asText(), row, columns);
    Object v = r.value;
    Type type = r.type;
    String op = t.get("op").asText();
    JsonNode lit = t.get("value");
    boolean ic = t.path("ignore_case").asBoolean(false);
    switch (op) {
      case "exists":
        return v != null;
      case "not_exists":
        return v == null;
      case "empty":
        return isEmpty(v);
      case "not_empty":
        return !isEmpty(v);
      case "size_eq", "size_gt", "size_gte", "size_lt", "size_lte": {
        if (v == null) {
          return false;
        }
        int size = v instanceof Collection<?> c ? c.size() : ((Map<?, ?>) v).size();
        int cmp = BigDecimal.valueOf(size).compareTo(lit.decimalValue());
        return compareResult(op.substring("size_".length()), cmp);
      }
      case "has":
        return has(v, type, lit);
      case "has_any":
        return hasAny(v, type, lit);
      case "has_none":
        return !hasAny(v, type, lit);
      case "has_all": {
        if (v == null) {
          return false;
        }
        for (JsonNode x : lit) {
          if (!has(v, type, x)) {
            return false;
          }
        }
        return true;
      }
      case "anniversary":
        return anniversary(v, type, lit.get("within_days").asInt());
      case "eq":
        return v != null && compare(v, type, lit, ic) == 0;
      case "neq":
        return !(v != null && compare(v, type, lit, ic) == 0);
      case "in":
        return in(v, type, lit, ic);
      case "not_in":
        return !in(v, type, lit, ic);
      case "gt", "gte", "lt", "lte":
        return v != null && compareResult(op, compare(v, type, lit, ic));
      case "between":
        return between(v, type, lit, ic);
      case "not_between":
        return !between(v, type, lit, ic);
      case "contains":
        return v != null && text(v, ic).contains(text(lit.asText(), ic));
      case "not_contains":
        return !(v != null && text(v, ic).contains(text(lit.asText(), ic)));
      case "starts_with":
        return v != null && text(v, ic).startsWith(text(lit.asText(), ic));
      case "ends_with":
        return v != null && text(v, ic).endsWith(text(lit.asText(), ic));
      case "matches":
        // RE2 (spec 3: linear time), found anywhere in the value.
        return v != null && com.google.re2j.Pattern.compile(lit.asText(),
            ic ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0).matcher((String) v).find();
      default:
        throw new IllegalArgumentException("unknown field op " + op);
    }
  }

  private static boolean compareResult(String op, int cmp) {
    return switch (op) {
      case "eq" -> cmp == 0;
      case "gt" -> cmp > 0;
      case "gte" -> cmp >= 0;
      case "lt" -> cmp < 0;
      case "lte" -> cmp <= 0;
      default -> throw new IllegalArgumentException(op);
    };
  }

  private static boolean isEmpty(Object v) {
    return v == null || v instanceof String s && s.isEmpty()
        || v instanceof Collection<?> c && c.isEmpty() || v instanceof Map<?, ?> m && m.isEmpty();
  }

  private boolean has(Object v, Type type, JsonNode lit) {
    if (v == null) {
      return false;
    }
    for (Object e : (Collection<?>) v) {
      if (e != null && compare(e, type.element(), lit, false) == 0) {
        return true;
      }
    }
    return false;
  }

  private boolean hasAny(Object v, Type type, JsonNode lits) {
    for (JsonNode x : lits) {
      if (has(v, type, x)) {
        return true;
      }
    }
    return false;
  }

  private boolean in(Object v, Type type, JsonNode lits, boolean ic) {
    if (v == null) {
      return false;
    }
    for (JsonNode x : lits) {
      if (compare(v, type, x, ic) == 0) {
        return true;
      }
    }
    return false;
  }

  private boolean between(Object v, Type type, JsonNode pair, boolean ic) {
    return v != null && compare(v, type, pair.get(0), ic) >= 0
        && compare(v, type, pair.get(1), ic) <= 0;
  }

  private static String text(Object v, boolean ic) {
    String s = (String) v;
    return ic ? s.toLowerCase(Locale.ROOT) : s;
  }

  /** 29 February counts as 28 February in years without one. */
  private boolean anniversary(Object v, Type type, int withinDays) {
    if (v == null) {
      return false;
    }
    LocalDate born = switch (type.kind()) {
      case DATE -> (LocalDate) v;
      case TIMESTAMP -> LocalDate.ofInstant((Instant) v, d.zone);
      case TIMESTAMP_NTZ -> ((LocalDateTime) v).toLocalDate();
      default -> throw new IllegalArgumentException("anniversary of " + type);
    };
    LocalDate today = LocalDate.ofInstant(asOf, d.zone);
    for (int k = 0; k <= withinDays; k++) {
      LocalDate day = today.plusDays(k);
      boolean feb29 = born.getMonthValue() == 2 && born.getDayOfMonth() == 29;
      if (feb29 && !day.isLeapYear()) {
        if (day.getMonthValue() == 2 && day.getDayOfMonth() == 28) {
          return true;
        }
      } else if (born.getMonthValue() == day.getMonthValue()
          && born.getDayOfMonth() == day.getDayOfMonth()) {
        return true;
      }
    }
    return false;
  }

  /** The sign of value minus literal, the literal read in the field's type (spec 3.1, 3.1.1). */
  int compare(Object v, Type type, JsonNode lit, boolean ic) {
    return switch (type.kind()) {
      case STRING -> utf8Compare(text(v, ic), text(lit.asText(), ic));
      case BOOLEAN -> Boolean.compare((Boolean) v, lit.asBoolean());
      case INTEGER -> BigDecimal.valueOf((Long) v).compareTo(lit.decimalValue());
      case DECIMAL -> ((BigDecimal) v).compareTo(lit.decimalValue());
      case DOUBLE -> {
        double a = (Double) v;
        double b = lit.doubleValue();
        yield a < b ? -1 : a > b ? 1 : 0;
      }
      case DATE -> ((LocalDate) v).compareTo(dateOf(lit));
      case TIMESTAMP -> compareInstant((Instant) v, lit);
      case TIMESTAMP_NTZ -> isDate(lit)
          ? ((LocalDateTime) v).toLocalDate().compareTo(LocalDate.parse(lit.asText()))
          : ntzInstant((LocalDateTime) v).compareTo(instantOf(lit));
      default -> throw new IllegalArgumentException("cannot compare " + type);
    };
  }

  /** A timestamp against a literal: a date literal compares the local date. */
  private int compareInstant(Instant v, JsonNode lit) {
    if (isDate(lit)) {
      return LocalDate.ofInstant(v, d.zone).compareTo(LocalDate.parse(lit.asText()));
    }
    return v.compareTo(instantOf(lit));
  }

  /** A TIMESTAMP_NTZ is a local time in the zone; in an overlap the earlier instant. */
  private Instant ntzInstant(LocalDateTime v) {
    return ZonedDateTime.ofLocal(v, d.zone, null).withEarlierOffsetAtOverlap().toInstant();
  }

  private static boolean isDate(JsonNode lit) {
    return lit.isTextual() && DATE.matcher(lit.asText()).matches();
  }

  private static boolean isRelative(JsonNode lit) {
    return lit.isObject() && (lit.has("days_ago") || lit.has("days_ahead"));
  }

  /** An instant literal: relative, with an offset, or local in the zone. */
  Instant instantOf(JsonNode lit) {
    if (isRelative(lit)) {
      return lit.has("days_ago") ? asOf.minus(DAY.multipliedBy(lit.get("days_ago").asLong()))
          : asOf.plus(DAY.multipliedBy(lit.get("days_ahead").asLong()));
    }
    return instantText(lit.asText());
  }

  /** Text: an instant with Z or an offset, a local time, or a date (local midnight). */
  Instant instantText(String s) {
    if (DATE.matcher(s).matches()) {
      return LocalDate.parse(s).atStartOfDay(d.zone).toInstant();
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return ZonedDateTime.ofLocal(LocalDateTime.parse(s), d.zone, null)
          .withEarlierOffsetAtOverlap().toInstant();
    }
  }

  /** A literal against a date field: a date, or the local date of an instant. */
  private LocalDate dateOf(JsonNode lit) {
    if (isDate(lit)) {
      return LocalDate.parse(lit.asText());
    }
    return LocalDate.ofInstant(instantOf(lit), d.zone);
  }

  static int utf8Compare(String a, String b) {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    int n = Math.min(x.length, y.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(x[i] & 0xFF, y[i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** Two non-null values of the same type, in their natural order. */
  static int compareValues(Object a, Object b, Kind kind) {
    return switch (kind) {
      case STRING -> utf8Compare((String) a, (String) b);
      case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
      case INTEGER -> Long.compare((Long) a, (Long) b);
      case DOUBLE -> Double.compare((Double) a, (Double) b);
      case DECIMAL -> ((BigDecimal) a).compareTo((BigDecimal) b);
      case DATE -> ((LocalDate) a).compareTo((LocalDate) b);
      case TIMESTAMP -> ((Instant) a).compareTo((Instant) b);
      case TIMESTAMP_NTZ -> ((LocalDateTime) a).compareTo((LocalDateTime) b);
      default -> throw new IllegalArgumentException("cannot order " + kind);
    };
  }

  // ------------------------------------------------------------------------------------------
  // 3.2 Events

  private static boolean listed(JsonNode filter, Object value) {
    if (filter == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    if (filter.isArray()) {
      for (JsonNode x : filter) {
        if (x.asText().equals(value)) {
          return true;
        }
      }
      return false;
    }
    return filter.asText().equals(value);
  }

  /** The filter keys of an event test or a sequence step. */
  private boolean passes(JsonNode f, Map<String, Object> e) {
    return listed(f.get("event"), e.get("event")) && listed(f.get("channel"), e.get("channel"))
        && listed(f.get("campaign"), e.get("campaign"))
        && listed(f.get("message"), e.get("message"))
        && (!f.has("where") || evalRow(f.get("where"), e, d.events.columns()));
  }

  /** A window (spec 3.2) on an instant; events after the as-of are excluded by the callers. */
  boolean inWindow(JsonNode w, Instant ts) {
    if (w == null) {
      return true;
    }
    if (w.has("last_days")) {
      return ts.isAfter(asOf.minus(DAY.multipliedBy(w.get("last_days").asLong())))
          && !ts.isAfter(asOf);
    }
    if (w.has("days_ago")) {
      long a = w.get("days_ago").get(0).asLong();
      long b = w.get("days_ago").get(1).asLong();
      return ts.isAfter(asOf.minus(DAY.multipliedBy(a)))
          && !ts.isAfter(asOf.minus(DAY.multipliedBy(b)));
    }
    if (w.has("from")) {
      Instant lo = LocalDate.parse(w.get("from").asText()).atStartOfDay(d.zone).toInstant();
      Instant hi = LocalDate.parse(w.get("to").asText()).plusDays(1).atStartOfDay(d.zone)
          .toInstant();
      return !ts.isBefore(lo) && ts.isBefore(hi);
    }
    Instant since = instantText(w.get("since").asText());
    Instant until = instantText(w.get("until").asText());
    return !ts.isBefore(since) && ts.isBefore(until);
  }

  /** The profile's events up to the as-of that pass the filters and the window. */
  private List<Map<String, Object>> events(JsonNode filter, JsonNode window, Object id) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> e : d.eventsById.getOrDefault(id, List.of())) {
      Instant ts = (Instant) e.get("ts");
      if (ts != null && !ts.isAfter(asOf) && inWindow(window, ts) && passes(filter, e)) {
        out.add(e);
      }
    }
    return out;
  }

  private boolean eventTest(JsonNode t, Map<String, Object> p) {
    List<Map<String, Object>> evs = events(t, t.get("window"), p.get(d.idColumn));
    String op = t.get("op").asText();
    switch (op) {
      case "exists":
        return !evs.isEmpty();
      case "not_exists":
        return evs.isEmpty();
      case "at_least":
        return evs.size() >= t.get("count").asLong();
      case "at_most":
        return evs.size() <= t.get("count").asLong();
      case "exactly":
        return evs.size() == t.get("count").asLong();
      case "last_within", "last_before", "first_within": {
        Instant edge = asOf.minus(DAY.multipliedBy(t.get("days").asLong()));
        Instant first = null;
        Instant last = null;
        for (Map<String, Object> e : evs) {
          Instant ts = (Instant) e.get("ts");
          first = first == null || ts.isBefore(first) ? ts : first;
          last = last == null || ts.isAfter(last) ? ts : last;
        }
        return switch (op) {
          case "last_within" -> last != null && last.isAfter(edge);
          case "last_before" -> last != null && !last.isAfter(edge);
          default -> first != null && first.isAfter(edge);
        };
      }
      default:
        return aggregateTest(t, op, evs);
    }
  }

  private boolean aggregateTest(JsonNode t, String op, List<Map<String, Object>> evs) {
    String fn = t.get("aggregate").get("fn").asText();
    String of = t.get("aggregate").get("of").asText();
    Type type = d.events.columns().get(of);
    List<Object> values = new ArrayList<>();
    for (Map<String, Object> e : evs) {
      Object v = e.get(of);
      if (v != null) {
        values.add(v);
      }
    }
    JsonNode lit = t.get("value");
    switch (fn) {
      case "count_distinct":
        return numberTest(op, BigDecimal.valueOf(new HashSet<>(values).size()), lit);
      case "sum":
        return numberTest(op, exactSum(values), lit);
      case "avg":
        return !values.isEmpty() && numberTest(op,
            exactSum(values).divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128),
            lit);
      case "min", "max": {
        if (values.isEmpty()) {
          return false;
        }
        Object best = values.get(0);
        for (Object v : values) {
          int c = compareValues(v, best, type.kind());
          if (fn.equals("min") ? c < 0 : c > 0) {
            best = v;
          }
        }
        if (op.equals("between")) {
          return compare(best, type, lit.get(0), false) >= 0
              && compare(best, type, lit.get(1), false) <= 0;
        }
        return compareResult(op, compare(best, type, lit, false));
      }
      default:
        throw new IllegalArgumentException("unknown aggregate " + fn);
    }
  }

  /** The exact sum of numbers (doubles by their exact binary value). */
  private static BigDecimal exactSum(List<Object> values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Object v : values) {
      sum = sum.add(v instanceof Long l ? BigDecimal.valueOf(l)
          : v instanceof Double x ? new BigDecimal(x) : (BigDecimal) v);
    }
    return sum;
  }

  private static boolean numberTest(String op, BigDecimal value, JsonNode lit) {
    if (op.equals("between")) {
      return value.compareTo(lit.get(0).decimalValue()) >= 0
          && value.compareTo(lit.get(1).decimalValue()) <= 0;
    }
    return compareResult(op, value.compareTo(lit.decimalValue()));
  }

  // ------------------------------------------------------------------------------------------
  // 3.3 Subscriptions

  private boolean subscriptionTest(JsonNode t, Map<String, Object> p) {
    String op = t.get("op").asText();
    boolean any = false;
    for (Map<String, Object> s : d.subscriptionsById.getOrDefault(p.get(d.idColumn), List.of())) {
      Instant updated = (Instant) s.get("updated_at");
      if (updated != null && updated.isAfter(asOf)) {
        continue;
      }
      if (!listed(t.get("subscription"), s.get("channel"))
          || !listed(t.get("resource"), s.get("resource"))) {
        continue;
      }
      any = true;
      if (op.equals("active") && "active".equals(s.get("status"))
          || op.equals("status_in") && listed(t.get("value"), s.get("status"))) {
        return true;
      }
    }
    return op.equals("none") && !any;
  }

  // ------------------------------------------------------------------------------------------
  // 3.5 Static segments

  private boolean staticTest(JsonNode t, Map<String, Object> p) {
    String name = t.get("static_segment").asText();
    String op = t.get("op").asText();
    JsonNode window = t.get("window");
    boolean in = false;
    boolean ever = false;
    boolean everInWindow = false;
    for (Map<String, Object> r : d.staticById.getOrDefault(p.get(d.idColumn), List.of())) {
      if (!name.equals(r.get("segment"))) {
        continue;
      }
      Instant added = (Instant) r.get("added_at");
      Instant removed = (Instant) r.get("removed_at");
      if (added == null || added.isAfter(asOf)) {
        continue;
      }
      ever = true;
      if (inWindow(window, added)) {
        everInWindow = true;
      }
      if (removed == null || removed.isAfter(asOf)) {
        in = true;
      }
    }
    return switch (op) {
      case "in" -> in;
      case "not_in" -> !in;
      case "ever_in" -> everInWindow;
      case "never_in" -> !everInWindow;
      case "left" -> ever && !in;
      default -> throw new IllegalArgumentException("unknown static op " + op);
    };
  }

  // ------------------------------------------------------------------------------------------
  // 3.6 External tables

  private boolean externalTest(JsonNode t, Map<String, Object> p) {
    String name = t.get("external").asText();
    ReferenceData.External ext = d.external.get(name);
    Map<Object, List<Map<String, Object>>> byKey = externalByKey.computeIfAbsent(name, n -> {
      Map<Object, List<Map<String, Object>>> m = new HashMap<>();
      for (Map<String, Object> r : ext.table().rows()) {
        if (r.get(ext.key()) != null) {
          m.computeIfAbsent(r.get(ext.key()), k -> new ArrayList<>()).add(r);
        }
      }
      return m;
    });
    Object key = resolve(ext.profileField(), p, d.profiles.columns()).value;
    boolean exists = false;
    if (key != null) {
      for (Map<String, Object> r : byKey.getOrDefault(key, List.of())) {
        if (!t.has("where") || evalRow(t.get("where"), r, ext.table().columns())) {
          exists = true;
          break;
        }
      }
    }
    return t.get("op").asText().equals("exists") == exists;
  }

  // ------------------------------------------------------------------------------------------
  // 3.8 Sequences

  private boolean sequenceTest(JsonNode t, Map<String, Object> p) {
    JsonNode steps = t.get("sequence");
    Object id = p.get(d.idColumn);
    List<List<Instant>> times = new ArrayList<>();
    for (JsonNode step : steps) {
      List<Instant> ts = new ArrayList<>();
      for (Map<String, Object> e : events(step, t.get("window"), id)) {
        ts.add((Instant) e.get("ts"));
      }
      ts.sort(Comparator.naturalOrder());
      times.add(ts);
    }
    Duration within = t.has("within_days")
        ? DAY.multipliedBy(t.get("within_days").asLong()) : null;
    for (Instant first : times.get(0)) {
      Instant at = first;
      boolean ok = true;
      for (int i = 1; i < times.size() && ok; i++) {
        Instant next = null;
        for (Instant x : times.get(i)) {
          if (x.isAfter(at)) {
            next = x;
            break;
          }
        }
        if (next == null) {
          ok = false;
        } else {
          at = next;
        }
      }
      if (ok && (within == null || !at.isAfter(first.plus(within)))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "ReferenceEvaluator[" + d.name + " as of " + asOf + "]";
  }
}
