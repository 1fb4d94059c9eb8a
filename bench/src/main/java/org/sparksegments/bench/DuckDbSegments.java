package org.sparksegments.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparksegments.conditions.model.Segment;

/**
 * Translates segment definitions into DuckDB SQL, for the benchmark only: one query per segment
 * over the same Parquet files, returning one row {@code (in_range, matched, selected)} with the
 * spec's semantics (base as of the as-of, range by Spark's bucket, two-valued logic, event
 * windows, aggregates, subscriptions, static segments, references with their own range and
 * limit, {@code selected = least(matched, max)}).
 *
 * <p>Values from the definitions become SQL literals (quoted and escaped); the engine itself
 * never builds SQL text. The queries call {@code spark_bucket}, which {@link DuckDbRunner}
 * registers on its connection. What cannot be translated exactly (external tables, sequences,
 * {@code matches}, {@code ignore_case}, {@code anniversary}, relative field literals, tests on
 * date, timestamp, struct or map values, dotted paths, references to any of these) is reported
 * with the reason instead.
 */
public final class DuckDbSegments {

  /** The outcome for one segment: a query, or the reason there is none. */
  public sealed interface Translation permits Query, Untranslated {
    String id();
  }

  /** The query of a segment: one row of {@code in_range}, {@code matched}, {@code selected}. */
  public record Query(String id, String sql) implements Translation {}

  /** A segment left out, with the first part that has no exact translation. */
  public record Untranslated(String id, String reason) implements Translation {}

  private DuckDbSegments() {}

  /**
   * Translates one segment as of {@code asOf}.
   *
   * @param all every segment of the set by id (references and imports are looked up here)
   * @param tables the segment's database as DuckDB reads it
   */
  public static Translation translate(Segment segment, Map<String, Segment> all,
      DuckDbTables tables, Instant asOf) {
    if (!segment.database().equals(tables.database())) {
      return new Untranslated(segment.id(), "database " + segment.database()
          + " is not the described database " + tables.database());
    }
    SqlParts parts = new SqlParts(tables, asOf);
    Set<String> visiting = new HashSet<>(Set.of(segment.id()));
    try {
      String range = ConditionSql.range(segment.range(), parts);
      String cond = segment.conditions()
          .map(c -> c.accept(new ConditionSql(parts, all, "profiles", visiting)))
          .orElse("true");
      return new Query(segment.id(), parts.query(range, cond, segment.limit().max()));
    } catch (Untranslatable u) {
      return new Untranslated(segment.id(), u.getMessage());
    }
  }

  /**
   * Translates every segment of {@code segments} that is on the described database, in order;
   * the others are reported as untranslated.
   */
  public static List<Translation> translateAll(List<Segment> segments, DuckDbTables tables,
      Instant asOf) {
    Map<String, Segment> all = byId(segments);
    List<Translation> out = new ArrayList<>();
    for (Segment s : segments) {
      out.add(translate(s, all, tables, asOf));
    }
    return out;
  }

  /** The segments by id (the first of a repeated id wins, as the engine's set does). */
  public static Map<String, Segment> byId(List<Segment> segments) {
    Map<String, Segment> all = new LinkedHashMap<>();
    segments.forEach(s -> all.putIfAbsent(s.id(), s));
    return all;
  }
}
