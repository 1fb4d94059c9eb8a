package org.sparksegments.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The pieces of one segment's query, collected while its conditions (and those of the segments
 * it refers to) are translated, then assembled as the engine evaluates: one aggregation per
 * table (every event, subscription and static-segment feature as a conditional aggregate of one
 * scan), joined once to the base profiles, and the counts over that wide table.
 */
final class SqlParts {
  static final String WIDE = "__wide";
  static final String KEY = "__id";

  final DuckDbTables tables;
  final Instant asOf;
  private final List<String> eventColumns = new ArrayList<>();
  private final Set<String> eventNames = new TreeSet<>();
  /** The earliest instant an event window holds, for pruning the scan (none if unbounded). */
  private Instant earliest;
  /** Whether some event feature reads all history (no window). */
  private boolean unbounded;
  private final List<String> subscriptionColumns = new ArrayList<>();
  private final List<String> staticColumns = new ArrayList<>();
  private final Set<String> staticNames = new TreeSet<>();
  private final Set<String> profileColumns = new LinkedHashSet<>();
  private final Map<Optional<String>, String> buckets = new LinkedHashMap<>();
  private final List<String> bucketColumns = new ArrayList<>();
  private final List<String> tops = new ArrayList<>();
  private final Map<String, String> members = new HashMap<>();

  SqlParts(DuckDbTables tables, Instant asOf) {
    this.tables = tables;
    this.asOf = asOf;
  }

  /** The instant as a literal for a column of a table (which must hold instants). */
  String instant(Instant i, String table, String column) {
    String type = tables.type(table, column).orElseThrow(() -> new Untranslatable(
        "the " + table + " table has no column " + column));
    if (!DuckSql.isInstant(type)) {
      throw new Untranslatable(table + "." + column + " is " + type + ", not a timestamp");
    }
    return DuckSql.instant(i, type);
  }

  /** Adds an aggregate over the events by the as-of; returns its column in the wide table. */
  String eventFeature(String aggregate, List<String> names, Instant windowStart) {
    eventNames.addAll(names);
    if (windowStart == null) {
      unbounded = true;
    } else if (earliest == null || windowStart.isBefore(earliest)) {
      earliest = windowStart;
    }
    return add(eventColumns, aggregate, "__e");
  }

  /** Adds a flag over the subscription records updated by the as-of. */
  String subscriptionFeature(String boolOr) {
    return add(subscriptionColumns, boolOr, "__s");
  }

  /** Adds a flag over the static-segment rows of {@code segment}. */
  String staticFeature(String segment, String boolOr) {
    staticNames.add(segment);
    return add(staticColumns, boolOr, "__m");
  }

  /** A profiles column the conditions or an order read. */
  void useProfileColumn(String column) {
    profileColumns.add(column);
  }

  /**
   * The range bucket of each profile (unsalted or with {@code salt}), computed once per row in
   * the base projection however many ranges read it.
   */
  String bucket(Optional<String> salt) {
    return buckets.computeIfAbsent(salt, s -> {
      String id = "CAST(" + DuckSql.ident(tables.idColumn()) + " AS VARCHAR)";
      String text = s.map(v -> DuckSql.string(v + ":") + " || " + id).orElse(id);
      return add(bucketColumns, SparkBucket.of(text), "__b");
    });
  }

  /**
   * The membership predicate of a referenced segment, built once per query: later references to
   * the same segment reuse it.
   */
  String member(String segment, Supplier<String> build) {
    String known = members.get(segment);
    if (known == null) {
      known = build.get();
      members.put(segment, known);
    }
    return known;
  }

  /** Adds the CTE of a limited referenced segment's selected ids; returns its name. */
  String top(String select) {
    String name = "__top" + tops.size();
    tops.add(name + " AS (" + select + ")");
    return name;
  }

  private static String add(List<String> columns, String expression, String prefix) {
    String alias = prefix + columns.size();
    columns.add(expression + " AS " + alias);
    return alias;
  }

  /** The whole query: one row of in_range, matched and selected. */
  String query(String inRange, String condition, long max) {
    String id = DuckSql.ident(tables.idColumn());
    List<String> ctes = new ArrayList<>();
    List<String> joins = new ArrayList<>();
    if (!eventColumns.isEmpty()) {
      String ts = DuckSql.ident("ts");
      String where = ts + " <= " + instant(asOf, "events", "ts") + " AND "
          + DuckSql.ident("event") + " IN ("
          + DuckSql.strings(List.copyOf(eventNames)) + ")";
      if (!unbounded && earliest != null) {
        where += " AND " + ts + " >= " + instant(earliest, "events", "ts");
      }
      ctes.add(aggregate("__events", "events", eventColumns, where));
      joins.add("__events");
    }
    if (!subscriptionColumns.isEmpty()) {
      ctes.add(aggregate("__subscriptions", "subscriptions", subscriptionColumns,
          DuckSql.ident("updated_at") + " <= " + instant(asOf, "subscriptions", "updated_at")));
      joins.add("__subscriptions");
    }
    if (!staticColumns.isEmpty()) {
      ctes.add(aggregate("__static", "static_segments", staticColumns,
          DuckSql.ident("segment") + " IN (" + DuckSql.strings(List.copyOf(staticNames)) + ")"));
      joins.add("__static");
    }
    List<String> columns = new ArrayList<>(List.of(id));
    profileColumns.stream().filter(c -> !c.equals(tables.idColumn()))
        .map(DuckSql::ident).forEach(columns::add);
    columns.addAll(bucketColumns);
    String created = DuckSql.ident("created_at");
    StringBuilder wide = new StringBuilder(WIDE + " AS (SELECT p.*");
    joins.forEach(j -> wide.append(", ").append(j).append(".* EXCLUDE (" + KEY + ")"));
    wide.append(" FROM (SELECT ").append(String.join(", ", columns)).append(" FROM ")
        .append(scan("profiles")).append(" WHERE ").append(id).append(" IS NOT NULL AND (")
        .append(created).append(" IS NULL OR ").append(created).append(" <= ")
        .append(instant(asOf, "profiles", "created_at")).append(")) p");
    joins.forEach(j -> wide.append(" LEFT JOIN ").append(j).append(" ON ").append(j)
        .append('.').append(KEY).append(" = p.").append(id));
    ctes.add(wide.append(')').toString());
    ctes.addAll(tops);
    String matched = "count(*) FILTER (WHERE (" + inRange + ") AND (" + condition + "))";
    return "WITH " + String.join(",\n", ctes) + "\nSELECT count(*) FILTER (WHERE " + inRange
        + ") AS in_range, " + matched + " AS matched, "
        + (max > 0 ? "least(" + matched + ", " + max + ")" : matched) + " AS selected FROM "
        + WIDE;
  }

  private String aggregate(String name, String table, List<String> columns, String where) {
    return name + " AS (SELECT " + DuckSql.ident(tables.idColumn()) + " AS " + KEY + ", "
        + String.join(", ", columns) + " FROM " + scan(table) + " WHERE " + where
        + " GROUP BY " + KEY + ")";
  }

  String scan(String table) {
    return tables.scan(table).orElseThrow(() -> new Untranslatable(
        "database " + tables.database() + " has no " + table + " table"));
  }
}
