package org.sparksegments.jobs.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.sparksegments.jobs.reference.ReferenceData.Kind;
import org.sparksegments.jobs.reference.ReferenceData.Type;

/**
 * A seeded generator of random segment documents over one database: field tests over every
 * profile path (struct fields and map keys included) with literals drawn from the data, event
 * tests with every operator and window, subscriptions, static segments, external tables,
 * sequences, nested all/any/not, references to earlier segments of the same batch
 * ({@code segment} and {@code conditions_of}), ranges, salts and limits.
 *
 * <p>Value pools are sorted, so the same data and seed give the same documents whatever the
 * order in which Spark returned the rows.
 */
public final class RandomTrees {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern(
      "yyyy-MM-dd'T'HH:mm:ssxxx");
  private static final Duration DAY = Duration.ofDays(1);
  private static final String[] STATUSES = {"active", "unsubscribed", "suppressed", "bounced",
      "unconfirmed"};

  /** A testable path of a table with the sorted distinct non-null values found there. */
  record PathInfo(String path, Type type, List<Object> pool) {}

  private final ReferenceData d;
  private final Instant asOf;
  private final Random r;
  private final List<PathInfo> profilePaths;
  private final List<PathInfo> orderPaths = new ArrayList<>();
  private final List<PathInfo> eventPaths;
  private final Map<String, List<PathInfo>> externalPaths = new TreeMap<>();
  private final Map<String, List<Object>> eventPools = new LinkedHashMap<>();
  private final Map<String, List<String>> resourcesByChannel = new TreeMap<>();
  private final List<String> staticNames;
  private final List<Instant> eventTimes;
  /** While true, literals are the pool values themselves (bounds of between stay ordered). */
  private boolean exact;

  public RandomTrees(ReferenceData data, Instant asOf, long seed) {
    this.d = data;
    this.asOf = asOf;
    this.r = new Random(seed);
    this.profilePaths = paths(data.profiles, null);
    for (PathInfo p : profilePaths) {
      Kind k = p.type().kind();
      if (k != Kind.ARRAY && k != Kind.MAP && k != Kind.STRUCT && k != Kind.OTHER) {
        orderPaths.add(p);
      }
    }
    this.eventPaths = paths(data.events, data.idColumn);
    for (String c : List.of("event", "channel", "campaign", "message")) {
      eventPools.put(c, pool(data.events.rows(), c));
    }
    data.external.forEach((name, ext) -> externalPaths.put(name, paths(ext.table(), null)));
    for (Map<String, Object> s : data.subscriptions.rows()) {
      resourcesByChannel.computeIfAbsent((String) s.get("channel"), k -> new ArrayList<>());
      List<String> l = resourcesByChannel.get((String) s.get("channel"));
      if (!l.contains((String) s.get("resource"))) {
        l.add((String) s.get("resource"));
      }
    }
    resourcesByChannel.values().forEach(l -> l.sort(String::compareTo));
    List<String> names = new ArrayList<>();
    for (Object o : pool(data.staticSegments.rows(), "segment")) {
      names.add((String) o);
    }
    this.staticNames = names;
    List<Instant> ts = new ArrayList<>();
    for (Object o : pool(data.events.rows(), "ts")) {
      ts.add((Instant) o);
    }
    this.eventTimes = ts;
  }

  // ------------------------------------------------------------------------------------------
  // Pools

  private static List<Object> pool(List<Map<String, Object>> rows, String column) {
    Set<Object> seen = new LinkedHashSet<>();
    for (Map<String, Object> row : rows) {
      if (row.get(column) != null) {
        seen.add(row.get(column));
      }
    }
    return sorted(seen);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Object> sorted(Collection<Object> values) {
    TreeSet<Object> set = new TreeSet<>((a, b) -> ((Comparable) a).compareTo(b));
    set.addAll(values);
    return new ArrayList<>(set);
  }

  /** Every path of a table: columns, struct fields, map keys found in the data. */
  private static List<PathInfo> paths(ReferenceData.Table t, String skip) {
    List<PathInfo> out = new ArrayList<>();
    for (Map.Entry<String, Type> c : t.columns().entrySet()) {
      String name = c.getKey();
      if (name.equals(skip)) {
        continue;
      }
      Type type = c.getValue();
      List<Object> values = new ArrayList<>();
      for (Map<String, Object> row : t.rows()) {
        values.add(row.get(name));
      }
      addPaths(name, type, values, out);
    }
    return out;
  }

  private static void addPaths(String path, Type type, List<Object> values, List<PathInfo> out) {
    Set<Object> distinct = new LinkedHashSet<>();
    switch (type.kind()) {
      case STRUCT -> {
        out.add(new PathInfo(path, type, List.of()));
        for (Map.Entry<String, Type> f : type.fields().entrySet()) {
          List<Object> sub = new ArrayList<>();
          for (Object v : values) {
            sub.add(v == null ? null : ((Map<?, ?>) v).get(f.getKey()));
          }
          addPaths(path + "." + f.getKey(), f.getValue(), sub, out);
        }
      }
      case MAP -> {
        out.add(new PathInfo(path, type, List.of()));
        TreeSet<String> keys = new TreeSet<>();
        for (Object v : values) {
          if (v != null) {
            ((Map<?, ?>) v).keySet().forEach(k -> keys.add(String.valueOf(k)));
          }
        }
        keys.add("nokey");
        for (String k : keys) {
          List<Object> sub = new ArrayList<>();
          for (Object v : values) {
            sub.add(v == null ? null : ((Map<?, ?>) v).get(k));
          }
          addPaths(path + "." + k, type.value(), sub, out);
        }
      }
      case ARRAY -> {
        for (Object v : values) {
          if (v != null) {
            for (Object e : (List<?>) v) {
              if (e != null) {
                distinct.add(e);
              }
            }
          }
        }
        out.add(new PathInfo(path, type, sorted(distinct)));
      }
      case OTHER -> { }
      default -> {
        for (Object v : values) {
          if (v != null) {
            distinct.add(v);
          }
        }
        out.add(new PathInfo(path, type, sorted(distinct)));
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Small random helpers

  private <T> T pick(List<T> l) {
    return l.get(r.nextInt(l.size()));
  }

  @SafeVarargs
  private <T> T pick(T... a) {
    return a[r.nextInt(a.length)];
  }

  private boolean chance(double p) {
    return r.nextDouble() < p;
  }

  // ------------------------------------------------------------------------------------------
  // Segments

  /**
   * {@code n} segment documents with ids {@code prefix0 ..}; references point only to earlier
   * segments of the batch, so there are never cycles.
   */
  public List<ObjectNode> batch(String prefix, int n) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(segment(prefix + i, out));
    }
    return out;
  }

  private ObjectNode segment(String id, List<ObjectNode> earlier) {
    ObjectNode s = F.objectNode();
    s.put("id", id);
    s.put("database", d.name);
    if (chance(0.25)) {
      ObjectNode range = s.putObject("range");
      int a = r.nextInt(10_000);
      int b = r.nextInt(10_000);
      int from = Math.min(a, b);
      int to = Math.max(a, b) + 1;
      if (chance(0.3)) {
        from = 0;
      }
      if (from > 0 || chance(0.5)) {
        range.put("from", BigDecimal.valueOf(from, 2));
      }
      range.put("to", BigDecimal.valueOf(Math.min(to + 2_000, 10_000), 2));
      if (chance(0.4)) {
        range.put("salt", pick("holdout", "exp-7", "Q3 test", "sälz"));
      }
    }
    if (chance(0.2)) {
      int max = 1 + r.nextInt(chance(0.5) ? 10 : 200);
      if (chance(0.3)) {
        s.put("limit", max);
      } else {
        ObjectNode limit = s.putObject("limit");
        if (chance(0.9)) {
          limit.put("max", max);
        }
        ArrayNode ob = limit.putArray("order_by");
        int keys = 1 + r.nextInt(2);
        for (int k = 0; k < keys; k++) {
          ObjectNode o = ob.addObject();
          o.put("field", pick(orderPaths).path());
          if (chance(0.7)) {
            o.put("direction", pick("asc", "desc"));
          }
        }
      }
    }
    if (chance(0.96)) {
      s.set("conditions", condition(1, 1 + r.nextInt(4), earlier));
    }
    return s;
  }

  private JsonNode condition(int depth, int maxDepth, List<ObjectNode> earlier) {
    if (depth < maxDepth && chance(0.45)) {
      double g = r.nextDouble();
      if (g < 0.2) {
        ObjectNode n = F.objectNode();
        n.set("not", condition(depth + 1, maxDepth, earlier));
        return n;
      }
      ObjectNode n = F.objectNode();
      ArrayNode a = n.putArray(g < 0.6 ? "all" : "any");
      int k = 1 + r.nextInt(4);
      for (int i = 0; i < k; i++) {
        a.add(condition(depth + 1, maxDepth, earlier));
      }
      return n;
    }
    double w = r.nextDouble();
    if (w < 0.38) {
      return fieldTest(profilePaths);
    }
    if (w < 0.62) {
      return eventTest();
    }
    if (w < 0.69) {
      return subscriptionTest();
    }
    if (w < 0.76) {
      return staticTest();
    }
    if (w < 0.81 && !externalPaths.isEmpty()) {
      return externalTest();
    }
    if (w < 0.88) {
      return sequence();
    }
    if (!earlier.isEmpty() && w < 0.95) {
      ObjectNode n = F.objectNode();
      n.put("segment", pick(earlier).get("id").asText());
      n.put("op", chance(0.7) ? "in" : "not_in");
      return n;
    }
    if (!earlier.isEmpty()) {
      ObjectNode n = F.objectNode();
      n.put("conditions_of", pick(earlier).get("id").asText());
      return n;
    }
    return fieldTest(profilePaths);
  }

  // ------------------------------------------------------------------------------------------
  // Field tests

  private ObjectNode fieldTest(List<PathInfo> paths) {
    PathInfo p = pick(paths);
    if (chance(0.2)) {
      // array, map and time paths are few among the columns: give them more tests
      List<PathInfo> rare = paths.stream().filter(x -> x.type().kind() == Kind.ARRAY
          || x.type().kind() == Kind.MAP || x.type().kind() == Kind.DATE).toList();
      if (!rare.isEmpty()) {
        p = pick(rare);
      }
    }
    ObjectNode n = F.objectNode();
    n.put("field", p.path());
    Kind k = p.type().kind();
    String op;
    switch (k) {
      case STRUCT -> op = pick("exists", "not_exists");
      case MAP -> op = pick("exists", "not_exists", "empty", "not_empty", "size_eq", "size_gt",
          "size_gte", "size_lt", "size_lte");
      case ARRAY -> op = pick("has", "has", "has_any", "has_all", "has_none", "size_eq", "size_gt",
          "size_gte", "size_lt", "size_lte", "empty", "not_empty", "exists", "not_exists");
      case STRING -> op = pick("eq", "eq", "neq", "in", "in", "not_in", "gt", "gte", "lt", "lte",
          "between", "not_between", "contains", "not_contains", "starts_with", "ends_with",
          "matches", "matches", "exists", "not_exists", "empty", "not_empty");
      case BOOLEAN -> op = pick("eq", "eq", "neq", "in", "not_in", "exists", "not_exists");
      case DATE, TIMESTAMP, TIMESTAMP_NTZ -> op = pick("eq", "neq", "in", "not_in", "gt", "gte",
          "lt", "lte", "lt", "gte", "between", "between", "not_between", "exists", "not_exists",
          "anniversary", "anniversary");
      default -> op = pick("eq", "neq", "in", "not_in", "gt", "gte", "lt", "lte", "between",
          "between", "not_between", "exists", "not_exists");
    }
    n.put("op", op);
    if (p.pool().isEmpty() && !op.matches("exists|not_exists|empty|not_empty|size_.*"
        + "|anniversary")) {
      n.put("op", "exists");
      return n;
    }
    boolean ic = k == Kind.STRING && chance(0.3) && op.matches("eq|neq|in|not_in|gt|gte|lt|lte"
        + "|between|not_between|contains|not_contains|starts_with|ends_with|matches");
    switch (op) {
      case "exists", "not_exists", "empty", "not_empty" -> { }
      case "size_eq", "size_gt", "size_gte", "size_lt", "size_lte" -> n.put("value", r.nextInt(5));
      case "has" -> n.set("value", literal(p.type().element(), pick(p.pool()), false));
      case "has_any", "has_all", "has_none" -> {
        ArrayNode a = n.putArray("value");
        int c = 1 + r.nextInt(3);
        for (int i = 0; i < c; i++) {
          a.add(chance(0.9) ? literal(p.type().element(), pick(p.pool()), false)
              : F.textNode("nothing"));
        }
      }
      case "anniversary" -> n.putObject("value").put("within_days",
          pick(0, 0, 1, 2, 3, 6, 7, 8, 30, 200, 366));
      case "in", "not_in" -> {
        ArrayNode a = n.putArray("value");
        int c = 1 + r.nextInt(4);
        for (int i = 0; i < c; i++) {
          a.add(literal(p.type(), pick(p.pool()), ic));
        }
      }
      case "between", "not_between" -> {
        Object x = pick(p.pool());
        Object y = pick(p.pool());
        if (k == Kind.STRING) {
          String sx = ic ? ((String) x).toLowerCase(Locale.ROOT) : (String) x;
          String sy = ic ? ((String) y).toLowerCase(Locale.ROOT) : (String) y;
          if (ReferenceEvaluator.utf8Compare(sx, sy) > 0
              || ReferenceEvaluator.utf8Compare((String) x, (String) y) > 0) {
            // keep low <= high both raw and lower-cased; otherwise compare a value with itself
            y = x;
          }
          if (ReferenceEvaluator.utf8Compare(sx, sy) > 0) {
            Object t = x;
            x = y;
            y = t;
          }
        } else if (ReferenceEvaluator.compareValues(x, y, k) > 0) {
          Object t = x;
          x = y;
          y = t;
        }
        int form = r.nextInt(5);
        ArrayNode a = n.putArray("value");
        exact = true;
        a.add(literal(p.type(), x, ic, form));
        a.add(literal(p.type(), y, ic, form));
        exact = false;
      }
      case "contains", "not_contains", "starts_with", "ends_with" -> {
        String v = (String) pick(p.pool());
        String part = v;
        if (!v.isEmpty()) {
          int len = 1 + r.nextInt(Math.min(4, v.length()));
          part = switch (op) {
            case "starts_with" -> v.substring(0, len);
            case "ends_with" -> v.substring(v.length() - len);
            default -> {
              int at = r.nextInt(v.length() - len + 1);
              yield v.substring(at, at + len);
            }
          };
        }
        if (ic && chance(0.6)) {
          part = part.toUpperCase(Locale.ROOT);
        }
        n.put("value", part);
      }
      case "matches" -> n.put("value", regex((String) pick(p.pool()), ic));
      default -> n.set("value", literal(p.type(), pick(p.pool()), ic));
    }
    if (ic) {
      n.put("ignore_case", true);
    } else if (k == Kind.STRING && op.matches("eq|contains|in") && chance(0.05)) {
      n.put("ignore_case", false);
    }
    return n;
  }

  private String regex(String v, boolean ic) {
    if (v.isEmpty()) {
      return "^$";
    }
    String head = v.substring(0, Math.min(v.length(), 1 + r.nextInt(3)));
    String tail = v.substring(v.length() - Math.min(v.length(), 1 + r.nextInt(3)));
    String q = ic && chance(0.5) ? head.toUpperCase(Locale.ROOT) : head;
    return switch (r.nextInt(6)) {
      case 0 -> "^" + Pattern.quote(q);
      case 1 -> Pattern.quote(tail) + "$";
      case 2 -> "^" + Pattern.quote(v) + "$";
      case 3 -> "[aeiou]{2}";
      case 4 -> "\\d{2}";
      default -> "^(" + Pattern.quote(q) + "|B|m)";
    };
  }

  private JsonNode literal(Type type, Object v, boolean ic) {
    return literal(type, v, ic, r.nextInt(5));
  }

  /**
   * A literal for a value of the pool, sometimes moved a little so that comparisons fall between
   * values, for time types in one of several forms (date, instant with Z or an offset, local
   * time, relative).
   */
  private JsonNode literal(Type type, Object v, boolean ic, int form) {
    switch (type.kind()) {
      case STRING -> {
        String s = (String) v;
        if (ic && chance(0.5)) {
          s = chance(0.5) ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
        } else if (!exact && chance(0.05)) {
          s = "Nowhere";
        }
        return F.textNode(s);
      }
      case BOOLEAN -> {
        return F.booleanNode((Boolean) v);
      }
      case INTEGER -> {
        long x = (Long) v;
        if (!exact && chance(0.2)) {
          x += r.nextInt(5) - 2;
        }
        return chance(0.1) ? F.numberNode(new BigDecimal(x + ".0")) : F.numberNode(x);
      }
      case DOUBLE -> {
        double x = (Double) v;
        if (!exact && chance(0.2)) {
          return F.numberNode(BigDecimal.valueOf(x).add(new BigDecimal("0.25")));
        }
        return F.numberNode(BigDecimal.valueOf(x));
      }
      case DECIMAL -> {
        BigDecimal x = (BigDecimal) v;
        if (!exact && chance(0.2)) {
          x = x.add(new BigDecimal(pick("0.005", "-0.005", "0.001")));
        }
        return F.numberNode(x);
      }
      case DATE -> {
        LocalDate x = (LocalDate) v;
        return switch (form) {
          case 0, 1 -> F.textNode(x.toString());
          case 2 -> F.textNode(x.atTime(r.nextInt(24), 30).atZone(d.zone)
              .withEarlierOffsetAtOverlap().format(OFFSET));
          default -> relative(x.atStartOfDay(d.zone).toInstant().plusSeconds(43_200));
        };
      }
      case TIMESTAMP -> {
        return instantLiteral((Instant) v, form);
      }
      case TIMESTAMP_NTZ -> {
        LocalDateTime x = (LocalDateTime) v;
        return switch (form) {
          case 0 -> F.textNode(x.toLocalDate().toString());
          case 1 -> F.textNode(x.format(LOCAL));
          case 2 -> F.textNode(ZonedDateTime.ofLocal(x, d.zone, null).withEarlierOffsetAtOverlap()
              .toInstant().toString());
          default -> relative(ZonedDateTime.ofLocal(x, d.zone, null)
              .withEarlierOffsetAtOverlap().toInstant());
        };
      }
      default -> throw new IllegalArgumentException("no literal for " + type);
    }
  }

  /** An instant as a date, as Z, with an offset, as local time, or relative to the as-of. */
  private JsonNode instantLiteral(Instant x, int form) {
    return switch (form) {
      case 0 -> F.textNode(LocalDate.ofInstant(x, d.zone).toString());
      case 1 -> F.textNode(!exact && chance(0.2) ? x.plusMillis(500).toString() : x.toString());
      case 2 -> F.textNode(OffsetDateTime.ofInstant(x, ZoneOffset.ofHours(r.nextInt(11) - 5))
          .format(OFFSET));
      case 3 -> F.textNode(LocalDateTime.ofInstant(x, d.zone).format(LOCAL));
      default -> relative(x);
    };
  }

  /** {days_ago: N} or {days_ahead: N} near an instant. */
  private JsonNode relative(Instant x) {
    long days = Math.round((double) Duration.between(x, asOf).getSeconds() / DAY.getSeconds());
    ObjectNode o = F.objectNode();
    if (days >= 0) {
      o.put("days_ago", days);
    } else {
      o.put("days_ahead", -days);
    }
    return o;
  }

  // ------------------------------------------------------------------------------------------
  // Events

  private void filters(ObjectNode n, boolean whereAllowed) {
    List<Object> events = eventPools.get("event");
    if (chance(0.8)) {
      n.put("event", (String) pick(events));
    } else {
      ArrayNode a = n.putArray("event");
      a.add((String) pick(events));
      a.add((String) pick(events));
    }
    if (chance(0.2)) {
      n.put("channel", (String) pick(eventPools.get("channel")));
    }
    if (chance(0.15)) {
      if (chance(0.5)) {
        n.put("campaign", (String) pick(eventPools.get("campaign")));
      } else {
        ArrayNode a = n.putArray("campaign");
        a.add((String) pick(eventPools.get("campaign")));
        a.add((String) pick(eventPools.get("campaign")));
      }
    }
    if (chance(0.07)) {
      n.put("message", (String) pick(eventPools.get("message")));
    }
    if (whereAllowed && chance(0.2)) {
      n.set("where", where(eventPaths));
    }
  }

  private JsonNode where(List<PathInfo> paths) {
    double g = r.nextDouble();
    if (g < 0.6) {
      return fieldTest(paths);
    }
    ObjectNode n = F.objectNode();
    if (g < 0.75) {
      n.set("not", fieldTest(paths));
      return n;
    }
    ArrayNode a = n.putArray(g < 0.9 ? "all" : "any");
    a.add(fieldTest(paths));
    a.add(chance(0.3) ? where(paths) : fieldTest(paths));
    return n;
  }

  private ObjectNode window() {
    ObjectNode w = F.objectNode();
    switch (r.nextInt(4)) {
      case 0 -> w.put("last_days", pick(1, 3, 7, 14, 30, 60, 90, 180, 365, 1000));
      case 1 -> {
        int b = pick(0, 0, 1, 7, 30, 90);
        int a = b + pick(1, 7, 30, 60, 200);
        w.putArray("days_ago").add(a).add(b);
      }
      case 2 -> {
        LocalDate x = LocalDate.ofInstant(pick(eventTimes), d.zone);
        LocalDate y = LocalDate.ofInstant(pick(eventTimes), d.zone);
        if (x.isAfter(y)) {
          LocalDate t = x;
          x = y;
          y = t;
        }
        w.put("from", x.toString());
        w.put("to", y.toString());
      }
      default -> {
        Instant x = pick(eventTimes);
        Instant y = pick(eventTimes);
        if (!x.isBefore(y)) {
          Instant t = x;
          x = y;
          y = t.plusSeconds(1);
        }
        w.set("since", instantText(x));
        w.set("until", instantText(y));
      }
    }
    return w;
  }

  private JsonNode instantText(Instant x) {
    return switch (r.nextInt(4)) {
      case 0 -> F.textNode(LocalDate.ofInstant(x, d.zone).toString());
      case 1 -> F.textNode(x.toString());
      case 2 -> F.textNode(LocalDateTime.ofInstant(x, d.zone).format(LOCAL));
      default -> F.textNode(OffsetDateTime.ofInstant(x, ZoneOffset.ofHours(2)).format(OFFSET));
    };
  }

  private ObjectNode eventTest() {
    ObjectNode n = F.objectNode();
    filters(n, true);
    if (chance(0.55)) {
      n.set("window", window());
    }
    double o = r.nextDouble();
    if (o < 0.2) {
      n.put("op", pick("exists", "not_exists"));
    } else if (o < 0.45) {
      n.put("op", pick("at_least", "at_most", "exactly"));
      n.put("count", pick(0, 1, 1, 2, 2, 3, 5, 10));
    } else if (o < 0.65) {
      n.put("op", pick("last_within", "last_before", "first_within"));
      n.put("days", pick(0, 1, 7, 30, 30, 90, 180, 365));
    } else {
      aggregate(n);
    }
    return n;
  }

  private void aggregate(ObjectNode n) {
    List<PathInfo> scalars = new ArrayList<>();
    for (PathInfo p : eventPaths) {
      Kind k = p.type().kind();
      if (!p.pool().isEmpty() && k != Kind.ARRAY && k != Kind.MAP && k != Kind.STRUCT) {
        scalars.add(p);
      }
    }
    List<PathInfo> numbers = scalars.stream().filter(p -> p.type().kind() == Kind.INTEGER
        || p.type().kind() == Kind.DOUBLE).toList();
    String fn = pick("sum", "sum", "avg", "min", "max", "count_distinct");
    PathInfo of = fn.equals("sum") || fn.equals("avg") ? pick(numbers)
        : fn.equals("count_distinct") ? pick(scalars)
        : chance(0.6) ? pick(numbers) : pick(scalars);
    ObjectNode a = n.putObject("aggregate");
    a.put("fn", fn);
    a.put("of", of.path());
    Kind k = of.type().kind();
    boolean exactTies = fn.equals("count_distinct") || fn.equals("min") || fn.equals("max")
        || fn.equals("sum") && k == Kind.INTEGER;
    String op = exactTies ? pick("gt", "gte", "lt", "lte", "eq", "between")
        : pick("gt", "gte", "lt", "lte", "between");
    n.put("op", op);
    if (op.equals("between")) {
      JsonNode x = aggregateLiteral(fn, of);
      JsonNode y = aggregateLiteral(fn, of);
      if (fn.equals("min") || fn.equals("max")) {
        int form = r.nextInt(5);
        Object vx = pick(of.pool());
        Object vy = pick(of.pool());
        if (ReferenceEvaluator.compareValues(vx, vy, k) > 0) {
          Object t = vx;
          vx = vy;
          vy = t;
        }
        exact = true;
        x = literal(of.type(), vx, false, form);
        y = literal(of.type(), vy, false, form);
        exact = false;
        if (k != Kind.TIMESTAMP && k != Kind.STRING) {
          // a moved number could cross the other bound: order the literals themselves
          if (x.decimalValue().compareTo(y.decimalValue()) > 0) {
            JsonNode t = x;
            x = y;
            y = t;
          }
        }
      } else if (x.decimalValue().compareTo(y.decimalValue()) > 0) {
        JsonNode t = x;
        x = y;
        y = t;
      }
      n.putArray("value").add(x).add(y);
    } else {
      n.set("value", aggregateLiteral(fn, of));
    }
  }

  /**
   * A literal for an aggregate: counts and integer sums whole; double sums and averages with a
   * fourth decimal 7, so that no sum of two-decimal values (or their average, in practice) ties
   * with it and floating-point summation order cannot matter; min and max from the pool.
   */
  private JsonNode aggregateLiteral(String fn, PathInfo of) {
    Kind k = of.type().kind();
    switch (fn) {
      case "count_distinct":
        return F.numberNode(pick(0, 1, 1, 2, 3, 5, 10));
      case "sum":
        if (k == Kind.INTEGER) {
          return F.numberNode(pick(0, 1, 5, 20, 50, 100, 300, 1000));
        }
        return F.numberNode(new BigDecimal(pick("0.0007", "4.9907", "10.0007", "50.0037",
            "100.0007", "250.0007", "1000.0007")));
      case "avg": {
        BigDecimal base = of.pool().isEmpty() ? BigDecimal.TEN
            : new BigDecimal(String.valueOf(pick(of.pool())));
        return F.numberNode(base.setScale(3, RoundingMode.HALF_UP).add(new BigDecimal("0.0007")));
      }
      default:
        return literal(of.type(), pick(of.pool()), false);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Subscriptions, static segments, external tables, sequences

  private ObjectNode subscriptionTest() {
    ObjectNode n = F.objectNode();
    List<String> channels = new ArrayList<>(resourcesByChannel.keySet());
    String channel = pick(channels);
    if (chance(0.8)) {
      n.put("subscription", channel);
    } else {
      n.putArray("subscription").add(channel).add(pick(channels));
    }
    if (chance(0.4)) {
      List<String> res = resourcesByChannel.get(channel);
      if (chance(0.7)) {
        n.put("resource", pick(res));
      } else {
        n.putArray("resource").add(pick(res)).add(pick(res));
      }
    }
    String op = pick("active", "active", "status_in", "none");
    n.put("op", op);
    if (op.equals("status_in")) {
      ArrayNode a = n.putArray("value");
      int c = 1 + r.nextInt(2);
      for (int i = 0; i < c; i++) {
        a.add(pick(STATUSES));
      }
    }
    return n;
  }

  private ObjectNode staticTest() {
    ObjectNode n = F.objectNode();
    n.put("static_segment", chance(0.05) ? "no-such-list" : pick(staticNames));
    String op = pick("in", "not_in", "ever_in", "never_in", "left");
    n.put("op", op);
    if ((op.equals("ever_in") || op.equals("never_in")) && chance(0.5)) {
      n.set("window", window());
    }
    return n;
  }

  private ObjectNode externalTest() {
    String name = pick(new ArrayList<>(externalPaths.keySet()));
    ObjectNode n = F.objectNode();
    n.put("external", name);
    n.put("op", chance(0.7) ? "exists" : "not_exists");
    if (chance(0.6)) {
      List<PathInfo> cols = new ArrayList<>(externalPaths.get(name));
      cols.removeIf(p -> p.path().equals(d.external.get(name).key()) && chance(0.8));
      n.set("where", where(cols));
    }
    return n;
  }

  private ObjectNode sequence() {
    ObjectNode n = F.objectNode();
    ArrayNode steps = n.putArray("sequence");
    int c = 2 + (chance(0.3) ? 1 : 0);
    for (int i = 0; i < c; i++) {
      ObjectNode step = steps.addObject();
      filters(step, chance(0.5));
    }
    if (chance(0.5)) {
      n.put("within_days", pick(0, 1, 2, 7, 30));
    }
    if (chance(0.3)) {
      n.set("window", window());
    }
    return n;
  }

  /** The documents as one JSON array text. */
  public static String toJson(List<ObjectNode> segments) {
    try {
      ArrayNode a = F.arrayNode();
      segments.forEach(a::add);
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(a);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
