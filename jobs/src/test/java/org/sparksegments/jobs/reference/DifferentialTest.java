package org.sparksegments.jobs.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/**
 * Differential test: seeded random condition trees evaluated by the engine (Spark) and by the
 * plain-Java {@link ReferenceEvaluator} written from the contract, compared id for id on both
 * sample databases ({@code shop}: string ids, Europe/Berlin; {@code app}: long ids, UTC). A
 * mismatch prints the segment (and the segments it refers to) and the differing ids.
 *
 * <p>Reproducible: the trees depend only on the seeds below and the sample data (itself seeded).
 * Change {@code -Ddifferential.batches=N} to run more batches per database.
 */
@ExtendWith(SharedSpark.class)
class DifferentialTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant SAMPLE_AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  /** The as-of of each batch: mostly the sample's, plus days of clock changes and odd times. */
  static final Instant[] AS_OFS = {SAMPLE_AS_OF, SAMPLE_AS_OF,
      Instant.parse("2026-03-29T01:30:00Z"), SAMPLE_AS_OF,
      Instant.parse("2025-10-26T00:59:59.5Z"), Instant.parse("2026-05-17T13:45:10Z")};
  static final int BATCH = 50;
  static final int BATCHES = Integer.getInteger("differential.batches", 5);
  static final long SEED = 20260601L;

  static Path catalogFile;
  static Catalog catalog;
  static final Map<String, ReferenceData> DATA = new LinkedHashMap<>();

  @BeforeAll
  static void load() throws Exception {
    catalogFile = TestSample.catalog();
    catalog = org.sparksegments.jobs.LocalFiles.catalog(catalogFile);
    for (String db : List.of("shop", "app")) {
      DATA.put(db, ReferenceData.load(SharedSpark.session(), catalogFile, db));
    }
  }

  @Test
  void randomTreesOnStringIds(SparkSession spark, @TempDir Path dir) throws Exception {
    randomTrees(spark, dir, "shop", SEED);
  }

  @Test
  void randomTreesOnLongIds(SparkSession spark, @TempDir Path dir) throws Exception {
    randomTrees(spark, dir, "app", SEED + 1);
  }

  private void randomTrees(SparkSession spark, Path dir, String db, long seed) throws Exception {
    ReferenceData data = DATA.get(db);
    List<String> mismatches = new ArrayList<>();
    int trees = 0;
    int empty = 0;
    int full = 0;
    int orderChecks = 0;
    long start = System.nanoTime();
    Map<String, Integer> coverage = new java.util.TreeMap<>();
    for (int b = 0; b < BATCHES; b++) {
      Instant asOf = AS_OFS[b % AS_OFS.length];
      RandomTrees gen = new RandomTrees(data, asOf, seed * 1_000 + b);
      List<ObjectNode> segments = gen.batch(db + "-b" + b + "-", BATCH);
      segments.forEach(x -> coverage(x, coverage));
      Result res = run(spark, dir, db, asOf, segments, 3);
      trees += segments.size();
      for (ObjectNode s : segments) {
        String id = s.get("id").asText();
        Set<Object> m = res.reference.matched(id);
        Set<Object> inRange = new HashSet<>();
        for (Object x : res.reference.baseIds()) {
          if (res.reference.inRange(s.get("range"), x)) {
            inRange.add(x);
          }
        }
        if (m.isEmpty()) {
          empty++;
        } else if (m.size() == inRange.size()) {
          full++;
        }
      }
      mismatches.addAll(res.mismatches);
      orderChecks += res.orderChecks;
    }
    System.out.printf("differential %s: %d trees in %d batches, %d empty, %d full (all of the"
            + " range), %d in between; %d limit orders compared; %d mismatching; %.1f s%n", db,
        trees, BATCHES, empty, full, trees - empty - full, orderChecks, mismatches.size(),
        (System.nanoTime() - start) / 1e9);
    System.out.println("differential " + db + " coverage (kind:op, window, range, limit): "
        + coverage);
    assertTrue(empty < trees / 3, "too many empty results: " + empty + " of " + trees);
    assertTrue(full < trees / 3, "too many full results: " + full + " of " + trees);
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + trees + " random trees on " + db
          + " differ between the engine and the reference:\n\n"
          + String.join("\n\n", mismatches.subList(0, Math.min(15, mismatches.size()))));
    }
  }

  /** Counts the kinds, operators and windows of a generated document. */
  static void coverage(JsonNode n, Map<String, Integer> counts) {
    if (n.isObject()) {
      for (String kind : List.of("all", "any", "not", "field", "event", "subscription", "segment",
          "static_segment", "external", "conditions_of", "sequence")) {
        if (n.has(kind)) {
          String op = n.has("op") && n.get("op").isTextual() ? ":" + n.get("op").asText() : "";
          counts.merge(kind + op, 1, Integer::sum);
          if (n.has("aggregate")) {
            counts.merge("aggregate:" + n.get("aggregate").path("fn").asText(), 1, Integer::sum);
          }
          break;
        }
      }
      if (n.has("window")) {
        counts.merge("window:" + n.get("window").fieldNames().next(), 1, Integer::sum);
      }
      if (n.has("ignore_case")) {
        counts.merge("ignore_case", 1, Integer::sum);
      }
      if (n.has("database")) {
        counts.merge(n.has("range") ? (n.get("range").has("salt") ? "range+salt" : "range")
            : "no-range", 1, Integer::sum);
        if (n.has("limit")) {
          counts.merge("limit", 1, Integer::sum);
        }
      }
    }
    n.forEach(c -> coverage(c, counts));
  }

  // ------------------------------------------------------------------------------------------
  // The comparison

  /** The reference's answers and every difference found. */
  record Result(ReferenceEvaluator reference, Map<String, Set<Object>> engine,
      List<String> mismatches, int orderChecks) {}

  /**
   * Validates the segments (all must be valid), evaluates them in one evaluation (Flags) with one Spark
   * job for the matched flags, and compares with the reference; {@code orderChecks} segments
   * with a limit also have their selected ids compared in order.
   */
  static Result run(SparkSession spark, Path dir, String db, Instant asOf,
      List<ObjectNode> segments, int orderChecks) throws Exception {
    Path file = Files.createTempFile(dir, db + "-", ".json");
    Files.writeString(file, RandomTrees.toJson(segments), StandardCharsets.UTF_8);
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(file);
    Validator v = new Validator(catalog, new SchemaSource(null, SharedSpark::session), set);
    List<BoundSegment> bound = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (Parsed p : set.all()) {
      Binder.Result r = v.validate(p);
      if (r.ok()) {
        bound.add(r.segment());
      } else {
        invalid.add(r.errors().stream().map(ValidationError::render)
            .collect(Collectors.joining("\n  ")) + "\n  in " + json(find(segments, p.id())));
      }
    }
    assertTrue(invalid.isEmpty(), "every generated segment must be valid:\n"
        + String.join("\n", invalid));
    assertEquals(segments.size(), bound.size());

    Map<String, JsonNode> byId = new LinkedHashMap<>();
    segments.forEach(s -> byId.put(s.get("id").asText(), s));
    ReferenceEvaluator ref = new ReferenceEvaluator(DATA.get(db), asOf, byId);

    String idColumn = DATA.get(db).idColumn;
    Evaluator ev = new Evaluator(spark, catalog, v::bound);
    Map<String, Set<Object>> engine = new LinkedHashMap<>();
    List<Object> wideIds = new ArrayList<>();
    Map<String, Integer> nulls = new LinkedHashMap<>();
    List<String> mismatches = new ArrayList<>();
    Flags e = null;
    boolean baseKnown = true;
    try {
      e = ev.evaluate(bound, asOf);
      collect(e, idColumn, bound, engine, wideIds, nulls);
    } catch (Exception batchFailure) {
      // One segment can make the whole job fail: split the batch to find it, and compare the
      // others all the same.
      e = null;
      baseKnown = false;
      bisect(ev, asOf, idColumn, bound, engine, nulls, mismatches, byId, db);
    }

    // The base: every profile of the base exactly once in the wide frame.
    Set<Object> wideSet = new LinkedHashSet<>(wideIds);
    if (baseKnown && (wideSet.size() != wideIds.size() || !wideSet.equals(ref.baseIds()))) {
      mismatches.add("BASE as of " + asOf + " differs: " + diff(wideSet, ref.baseIds())
          + (wideSet.size() != wideIds.size() ? " (the wide frame repeats ids: "
              + wideIds.size() + " rows for " + wideSet.size() + " ids)" : ""));
    }
    for (BoundSegment s : bound) {
      Set<Object> want = ref.matched(s.id());
      Set<Object> got = engine.get(s.id());
      if (got == null) {
        continue; // reported as an engine failure
      }
      if (!want.equals(got) || nulls.containsKey(s.id())) {
        mismatches.add("MATCHED of " + s.id() + " on " + db + " as of " + asOf + ": "
            + diff(got, want) + (nulls.containsKey(s.id()) ? "; the engine's flag is NULL for "
                + nulls.get(s.id()) + " profiles" : "") + "\n" + context(byId, s.id()));
      }
    }
    int checked = 0;
    for (BoundSegment s : bound) {
      if (e == null || checked >= orderChecks || !byId.get(s.id()).has("limit")) {
        continue;
      }
      checked++;
      List<Object> got = new ArrayList<>();
      for (Row r : e.selected(s.id()).select(idColumn).collectAsList()) {
        got.add(r.get(0));
      }
      List<Object> want = ref.selected(s.id());
      if (!want.equals(got)) {
        mismatches.add("SELECTED (limit order) of " + s.id() + " on " + db + " as of " + asOf
            + ":\n  engine    " + first(got, 30) + "\n  reference " + first(want, 30) + "\n"
            + context(byId, s.id()));
      }
    }
    return new Result(ref, engine, mismatches, checked);
  }

  private static void bisect(Evaluator ev, Instant asOf, String idColumn,
      List<BoundSegment> part, Map<String, Set<Object>> engine, Map<String, Integer> nulls,
      List<String> mismatches, Map<String, JsonNode> byId, String db) {
    try {
      collect(ev.evaluate(part, asOf), idColumn, part, engine, new ArrayList<>(), nulls);
    } catch (Exception failure) {
      if (part.size() == 1) {
        String id = part.get(0).id();
        engine.remove(id);
        mismatches.add("ENGINE FAILED on " + id + " on " + db + " as of " + asOf + ": "
            + rootMessage(failure) + "\n" + context(byId, id));
        return;
      }
      int half = part.size() / 2;
      bisect(ev, asOf, idColumn, part.subList(0, half), engine, nulls, mismatches, byId, db);
      bisect(ev, asOf, idColumn, part.subList(half, part.size()), engine, nulls, mismatches,
          byId, db);
    }
  }

  private static void collect(Flags e, String idColumn, List<BoundSegment> bound,
      Map<String, Set<Object>> engine, List<Object> wideIds, Map<String, Integer> nulls) {
    List<Column> cols = new ArrayList<>();
    cols.add(org.apache.spark.sql.functions.col(idColumn));
    for (int i = 0; i < bound.size(); i++) {
      cols.add(e.matched(bound.get(i).id()).as("s" + i));
    }
    List<Row> rows = e.frame().select(cols.toArray(Column[]::new)).collectAsList();
    bound.forEach(s -> engine.put(s.id(), new LinkedHashSet<>()));
    for (Row row : rows) {
      Object id = row.get(0);
      wideIds.add(id);
      for (int i = 0; i < bound.size(); i++) {
        if (row.isNullAt(i + 1)) {
          nulls.merge(bound.get(i).id(), 1, Integer::sum);
        } else if (row.getBoolean(i + 1)) {
          engine.get(bound.get(i).id()).add(id);
        }
      }
    }
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = String.valueOf(c.getMessage()).replace('\n', ' ');
    return c.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) : m);
  }

  private static ObjectNode find(List<ObjectNode> segments, String id) {
    return segments.stream().filter(s -> s.get("id").asText().equals(id)).findFirst()
        .orElse(null);
  }

  static String diff(Set<Object> engine, Set<Object> reference) {
    return diff(engine, reference, "engine", "reference");
  }

  static String diff(Set<Object> engine, Set<Object> reference, String a, String b) {
    List<Object> onlyEngine = new ArrayList<>();
    List<Object> onlyRef = new ArrayList<>();
    for (Object x : engine) {
      if (!reference.contains(x)) {
        onlyEngine.add(x);
      }
    }
    for (Object x : reference) {
      if (!engine.contains(x)) {
        onlyRef.add(x);
      }
    }
    return a + " " + engine.size() + " ids, " + b + " " + reference.size() + " ids; only in "
        + a + " (" + onlyEngine.size() + "): " + first(onlyEngine, 20) + "; only in " + b + " ("
        + onlyRef.size() + "): " + first(onlyRef, 20);
  }

  private static String first(List<Object> l, int n) {
    List<Object> s = new ArrayList<>(l);
    s.sort((a, b) -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y)
        : String.valueOf(a).compareTo(String.valueOf(b)));
    return (s.size() > n ? s.subList(0, n) + "…" : s.toString());
  }

  /** The segment and, recursively, the segments it refers to. */
  static String context(Map<String, JsonNode> byId, String id) {
    Set<String> seen = new LinkedHashSet<>();
    collect(byId, id, seen);
    StringBuilder sb = new StringBuilder();
    for (String s : seen) {
      sb.append(s.equals(id) ? "  segment: " : "  refers to: ").append(json(byId.get(s)))
          .append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private static void collect(Map<String, JsonNode> byId, String id, Set<String> seen) {
    if (!seen.add(id)) {
      return;
    }
    List<String> refs = new ArrayList<>();
    byId.get(id).findValues("segment").forEach(n -> refs.add(n.asText()));
    byId.get(id).findValues("conditions_of").forEach(n -> refs.add(n.asText()));
    for (String r : refs) {
      if (byId.containsKey(r)) {
        collect(byId, r, seen);
      }
    }
  }

  static String json(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (Exception e) {
      return String.valueOf(n);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Hand-picked edge trees: expectations written from the spec's rules, checked against both
  // the engine and the reference.

  /** One edge case: segments on one database as of one instant, the expected ids of one. */
  record Edge(String name, String db, Instant asOf, List<ObjectNode> segments, String target,
      Set<Object> expected) {}

  static ObjectNode seg(String id, String db, String conditionsJson) {
    try {
      ObjectNode s = JSON.createObjectNode();
      s.put("id", id);
      s.put("database", db);
      if (conditionsJson != null) {
        s.set("conditions", JSON.readTree(conditionsJson));
      }
      return s;
    } catch (Exception e) {
      throw new IllegalArgumentException(conditionsJson, e);
    }
  }

  static String lit(Object id) {
    return id instanceof Long ? id.toString() : "\"" + id + "\"";
  }

  /**
   * An event of a profile that is the only one of its name at its instant, well after the
   * profile's creation: conditions pin it with {@code where ts eq T}.
   */
  static Map<String, Object> pinnedEvent(ReferenceData d, String eventName) {
    List<Object> ids = new ArrayList<>(d.eventsById.keySet());
    ids.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
    for (Object id : ids) {
      Map<String, Object> p = profile(d, id);
      if (p == null) {
        continue;
      }
      Instant created = (Instant) p.get("created_at");
      for (Map<String, Object> e : d.eventsById.get(id)) {
        Instant ts = (Instant) e.get("ts");
        if (!eventName.equals(e.get("event")) || ts.isAfter(SAMPLE_AS_OF)
            || created != null && ts.isBefore(created.plusSeconds(86_400 * 2))) {
          continue;
        }
        long same = d.eventsById.get(id).stream().filter(x -> eventName.equals(x.get("event"))
            && ts.equals(x.get("ts"))).count();
        if (same == 1) {
          return e;
        }
      }
    }
    throw new IllegalStateException("no pinnable " + eventName + " event in " + d.name);
  }

  static Map<String, Object> profile(ReferenceData d, Object id) {
    for (Map<String, Object> p : d.profiles.rows()) {
      if (id.equals(p.get(d.idColumn))) {
        return p;
      }
    }
    return null;
  }

  static List<Edge> edges() {
    List<Edge> out = new ArrayList<>();
    for (String db : List.of("shop", "app")) {
      ReferenceData d = DATA.get(db);
      String ev = db.equals("shop") ? "opened" : "push_opened";
      Map<String, Object> e = pinnedEvent(d, ev);
      Object p = e.get(d.idColumn);
      Instant t = (Instant) e.get("ts");
      String idc = d.idColumn;
      String pin = "{\"field\":\"" + idc + "\",\"op\":\"eq\",\"value\":" + lit(p) + "}";
      String where = "\"where\":{\"field\":\"ts\",\"op\":\"eq\",\"value\":\"" + t + "\"}";
      String evt = "{\"event\":\"" + ev + "\"," + where;
      Set<Object> one = Set.of(p);
      Set<Object> none = Set.of();
      long day = 86_400;
      // last_days N: (as-of - N days, as-of]
      out.add(new Edge(db + ": event exactly at as-of minus 7 days is outside last_days 7", db,
          t.plusSeconds(7 * day), List.of(seg("e", db, "{\"all\":[" + pin + "," + evt
          + ",\"window\":{\"last_days\":7},\"op\":\"exists\"}]}")), "e", none));
      out.add(new Edge(db + ": one second later it is inside", db,
          t.plusSeconds(7 * day - 1), List.of(seg("e", db, "{\"all\":[" + pin + "," + evt
          + ",\"window\":{\"last_days\":7},\"op\":\"exists\"}]}")), "e", one));
      out.add(new Edge(db + ": event exactly at the as-of is inside last_days 1", db, t,
          List.of(seg("e", db, "{\"all\":[" + pin + "," + evt
          + ",\"window\":{\"last_days\":1},\"op\":\"exists\"}]}")), "e", one));
      out.add(new Edge(db + ": event one second after the as-of is never seen (exists)", db,
          t.minusSeconds(1), List.of(seg("e", db, "{\"all\":[" + pin + "," + evt
          + ",\"op\":\"exists\"}]}")), "e", none));
      out.add(new Edge(db + ": event one second after the as-of is never seen (not_exists)", db,
          t.minusSeconds(1), List.of(seg("e", db, "{\"all\":[" + pin + "," + evt
          + ",\"op\":\"not_exists\"}]}")), "e", one));
      // days_ago [A, B]: (as-of - A days, as-of - B days]
      out.add(new Edge(db + ": days_ago [30, 10] excludes as-of minus 30 days", db,
          t.plusSeconds(30 * day), List.of(seg("e", db, "{\"all\":[" + pin + "," + evt
          + ",\"window\":{\"days_ago\":[30,10]},\"op\":\"exists\"}]}")), "e", none));
      out.add(new Edge(db + ": days_ago [40, 30] includes as-of minus 30 days", db,
          t.plusSeconds(30 * day), List.of(seg("e", db, "{\"all\":[" + pin + "," + evt
          + ",\"window\":{\"days_ago\":[40,30]},\"op\":\"exists\"}]}")), "e", one));
      // since <= ts < until
      out.add(new Edge(db + ": since is inclusive", db, SAMPLE_AS_OF, List.of(seg("e", db,
          "{\"all\":[" + pin + "," + evt + ",\"window\":{\"since\":\"" + t + "\",\"until\":\""
          + t.plusSeconds(1) + "\"},\"op\":\"exists\"}]}")), "e", one));
      out.add(new Edge(db + ": until is exclusive", db, SAMPLE_AS_OF, List.of(seg("e", db,
          "{\"all\":[" + pin + "," + evt + ",\"window\":{\"since\":\"" + t.minusSeconds(1)
          + "\",\"until\":\"" + t + "\"},\"op\":\"exists\"}]}")), "e", none));
      // last_within / last_before split at as-of - N days; the latest event with ts <= T is T
      String upTo = "{\"event\":\"" + ev + "\",\"where\":{\"field\":\"ts\",\"op\":\"lte\","
          + "\"value\":\"" + t + "\"}";
      out.add(new Edge(db + ": last event exactly N days ago is not last_within N", db,
          t.plusSeconds(7 * day), List.of(seg("e", db, "{\"all\":[" + pin + "," + upTo
          + ",\"op\":\"last_within\",\"days\":7}]}")), "e", none));
      out.add(new Edge(db + ": last event exactly N days ago is last_before N", db,
          t.plusSeconds(7 * day), List.of(seg("e", db, "{\"all\":[" + pin + "," + upTo
          + ",\"op\":\"last_before\",\"days\":7}]}")), "e", one));
      String from = "{\"event\":\"" + ev + "\",\"where\":{\"field\":\"ts\",\"op\":\"gte\","
          + "\"value\":\"" + t + "\"}";
      out.add(new Edge(db + ": first event exactly N days ago is not first_within N", db,
          t.plusSeconds(7 * day), List.of(seg("e", db, "{\"all\":[" + pin + "," + from
          + ",\"op\":\"first_within\",\"days\":7}]}")), "e", none));
      // a sequence's steps must be strictly later: the same event cannot be two steps
      out.add(new Edge(db + ": a sequence needs strictly later steps", db, SAMPLE_AS_OF,
          List.of(seg("e", db, "{\"all\":[" + pin + ",{\"sequence\":[" + evt + "}," + evt
          + "}]}]}")), "e", none));

      // Profiles without any event: included by not, not_exists, at_most 0, sum < 0.0007
      Set<Object> base = new ReferenceEvaluator(d, SAMPLE_AS_OF, Map.of()).baseIds();
      Set<Object> buyers = new HashSet<>();
      Set<Object> withEvents = new HashSet<>();
      for (Map<String, Object> x : d.events.rows()) {
        if (!((Instant) x.get("ts")).isAfter(SAMPLE_AS_OF)) {
          withEvents.add(x.get(idc));
          if ("purchase".equals(x.get("event"))) {
            buyers.add(x.get(idc));
          }
        }
      }
      Set<Object> nonBuyers = new LinkedHashSet<>(base);
      nonBuyers.removeAll(buyers);
      Set<Object> silent = new LinkedHashSet<>(base);
      silent.removeAll(withEvents);
      assertFalse(silent.isEmpty(), "the sample should have profiles without events");
      assertTrue(nonBuyers.containsAll(silent));
      Set<Object> buyersInBase = new LinkedHashSet<>(base);
      buyersInBase.retainAll(buyers);
      out.add(new Edge(db + ": not over an event test includes profiles without events", db,
          SAMPLE_AS_OF, List.of(seg("e", db,
          "{\"not\":{\"event\":\"purchase\",\"op\":\"exists\"}}")), "e", nonBuyers));
      out.add(new Edge(db + ": not_exists includes profiles without events", db, SAMPLE_AS_OF,
          List.of(seg("e", db, "{\"event\":\"purchase\",\"op\":\"not_exists\"}")), "e",
          nonBuyers));
      out.add(new Edge(db + ": at_most 0 includes profiles without events", db, SAMPLE_AS_OF,
          List.of(seg("e", db, "{\"event\":\"purchase\",\"op\":\"at_most\",\"count\":0}")), "e",
          nonBuyers));
      out.add(new Edge(db + ": sum over no values is 0", db, SAMPLE_AS_OF, List.of(seg("e", db,
          "{\"event\":\"purchase\",\"aggregate\":{\"fn\":\"sum\",\"of\":\"value\"},\"op\":\"lt\","
          + "\"value\":0.0007}")), "e", nonBuyers));
      out.add(new Edge(db + ": count_distinct over no values is 0", db, SAMPLE_AS_OF,
          List.of(seg("e", db, "{\"event\":\"purchase\",\"aggregate\":{\"fn\":\"count_distinct\","
          + "\"of\":\"value\"},\"op\":\"eq\",\"value\":0}")), "e", nonBuyers));
      out.add(new Edge(db + ": avg over no values is null, so false", db, SAMPLE_AS_OF,
          List.of(seg("e", db, "{\"event\":\"purchase\",\"aggregate\":{\"fn\":\"avg\","
          + "\"of\":\"value\"},\"op\":\"lt\",\"value\":1000000}")), "e", buyersInBase));

      // Base: created exactly at the as-of is in; one microsecond earlier it is not
      Map<String, Object> pr = profile(d, p);
      Instant created = (Instant) pr.get("created_at");
      if (created != null) {
        out.add(new Edge(db + ": a profile created exactly at the as-of is in the base", db,
            created, List.of(seg("e", db, pin)), "e", one));
        out.add(new Edge(db + ": a profile created after the as-of is not", db,
            created.minusNanos(1_000), List.of(seg("e", db, pin)), "e", none));
      }

      // A segment reference keeps the other segment's limit: its first 3 ids by id
      List<Object> sorted = new ArrayList<>(base);
      sorted.sort((a, b) -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y)
          : ReferenceEvaluator.utf8Compare(a.toString(), b.toString()));
      ObjectNode top = seg("top", db, null);
      top.put("limit", 3);
      out.add(new Edge(db + ": segment in keeps the other's limit", db, SAMPLE_AS_OF,
          List.of(top, seg("e", db, "{\"segment\":\"top\",\"op\":\"in\"}")), "e",
          new LinkedHashSet<>(sorted.subList(0, 3))));
      out.add(new Edge(db + ": segment not_in is its exact complement", db, SAMPLE_AS_OF,
          List.of(top, seg("e", db, "{\"segment\":\"top\",\"op\":\"not_in\"}")), "e",
          new LinkedHashSet<>(sorted.subList(3, sorted.size()))));

      // Anniversary: 29 February counts as 28 February in years without one
      Set<Object> feb28or29 = new LinkedHashSet<>();
      Instant feb28 = db.equals("shop") ? Instant.parse("2027-02-27T23:30:00Z")
          : Instant.parse("2027-02-28T12:00:00Z");
      for (Object id : new ReferenceEvaluator(d, feb28, Map.of()).baseIds()) {
        LocalDateHolder b = LocalDateHolder.of(profile(d, id).get("birthday"));
        if (b != null && b.month == 2 && (b.day == 28 || b.day == 29)) {
          feb28or29.add(id);
        }
      }
      out.add(new Edge(db + ": anniversary on 28 Feb 2027 includes those born on 29 Feb", db,
          feb28, List.of(seg("e", db, "{\"field\":\"birthday\",\"op\":\"anniversary\","
          + "\"value\":{\"within_days\":0}}")), "e", feb28or29));

      // Static segments: a membership row removed exactly at the as-of is no longer "in"
      Map<String, Object> row = removedMembership(d);
      Object sp = row.get(idc);
      Instant removed = (Instant) row.get("removed_at");
      Instant added = (Instant) row.get("added_at");
      String pinS = "{\"field\":\"" + idc + "\",\"op\":\"eq\",\"value\":" + lit(sp) + "}";
      String name = (String) row.get("segment");
      Set<Object> oneS = Set.of(sp);
      out.add(new Edge(db + ": removed exactly at the as-of: not in", db, removed,
          List.of(seg("e", db, "{\"all\":[" + pinS + ",{\"static_segment\":\"" + name
          + "\",\"op\":\"in\"}]}")), "e", none));
      out.add(new Edge(db + ": removed exactly at the as-of: left", db, removed,
          List.of(seg("e", db, "{\"all\":[" + pinS + ",{\"static_segment\":\"" + name
          + "\",\"op\":\"left\"}]}")), "e", oneS));
      out.add(new Edge(db + ": removed one second after the as-of: in", db,
          removed.minusSeconds(1), List.of(seg("e", db, "{\"all\":[" + pinS
          + ",{\"static_segment\":\"" + name + "\",\"op\":\"in\"}]}")), "e", oneS));
      out.add(new Edge(db + ": added exactly at the as-of: ever_in", db, added,
          List.of(seg("e", db, "{\"all\":[" + pinS + ",{\"static_segment\":\"" + name
          + "\",\"op\":\"ever_in\"}]}")), "e", oneS));
      out.add(new Edge(db + ": added one second after the as-of: never_in", db,
          added.minusSeconds(1), List.of(seg("e", db, "{\"all\":[" + pinS
          + ",{\"static_segment\":\"" + name + "\",\"op\":\"never_in\"}]}")), "e", oneS));
    }

    // matches with ignore_case compiles the pattern case-insensitively (spec 3.1.1): upper-case
    // escapes keep their meaning. \D is "not a digit": every first name has no digit.
    ReferenceData shop = DATA.get("shop");
    Set<Object> named = new LinkedHashSet<>();
    Set<Object> berlin = new LinkedHashSet<>();
    for (Object id : new ReferenceEvaluator(shop, SAMPLE_AS_OF, Map.of()).baseIds()) {
      Map<String, Object> pr = profile(shop, id);
      if (pr.get("first_name") != null && !((String) pr.get("first_name")).isEmpty()) {
        named.add(id);
      }
      if ("berlin".equalsIgnoreCase((String) pr.get("city"))) {
        berlin.add(id);
      }
    }
    out.add(new Edge("shop: matches ignore_case keeps \\D (not a digit)", "shop", SAMPLE_AS_OF,
        List.of(seg("e", "shop", "{\"field\":\"first_name\",\"op\":\"matches\","
        + "\"value\":\"^\\\\D+$\",\"ignore_case\":true}")), "e", named));
    out.add(new Edge("shop: matches ignore_case with a quoted \\Q..\\E literal", "shop",
        SAMPLE_AS_OF, List.of(seg("e", "shop", "{\"field\":\"city\",\"op\":\"matches\","
        + "\"value\":\"^\\\\QBERLIN\\\\E$\",\"ignore_case\":true}")), "e", berlin));
    return out;
  }

  /** A month and day of a date value (null when the value is null). */
  record LocalDateHolder(int month, int day) {
    static LocalDateHolder of(Object v) {
      return v == null ? null : new LocalDateHolder(((java.time.LocalDate) v).getMonthValue(),
          ((java.time.LocalDate) v).getDayOfMonth());
    }
  }

  /**
   * A static membership row with a removal time, the only row of its profile in that static
   * segment, whose profile already exists a second before the row was added.
   */
  static Map<String, Object> removedMembership(ReferenceData d) {
    List<Map<String, Object>> rows = new ArrayList<>(d.staticSegments.rows());
    rows.sort((a, b) -> (String.valueOf(a.get(d.idColumn)) + a.get("segment"))
        .compareTo(String.valueOf(b.get(d.idColumn)) + b.get("segment")));
    for (Map<String, Object> r : rows) {
      Instant added = (Instant) r.get("added_at");
      Instant removed = (Instant) r.get("removed_at");
      Map<String, Object> p = profile(d, r.get(d.idColumn));
      if (removed == null || p == null || added.isAfter(SAMPLE_AS_OF)) {
        continue;
      }
      Instant created = (Instant) p.get("created_at");
      if (created != null && !created.isBefore(added.minusSeconds(1))) {
        continue;
      }
      long rowsOfProfile = d.staticById.get(r.get(d.idColumn)).stream()
          .filter(x -> r.get("segment").equals(x.get("segment"))).count();
      if (rowsOfProfile == 1) {
        return r;
      }
    }
    throw new IllegalStateException("no single removed static membership in " + d.name);
  }

  @Test
  void handPickedEdgeTrees(SparkSession spark, @TempDir Path dir) throws Exception {
    List<String> failures = new ArrayList<>();
    List<Edge> edges = edges();
    // One evaluation per database and as-of: each edge's segment gets its own id.
    Map<String, List<Edge>> groups = new LinkedHashMap<>();
    for (Edge edge : edges) {
      groups.computeIfAbsent(edge.db() + "@" + edge.asOf(), k -> new ArrayList<>()).add(edge);
    }
    for (List<Edge> group : groups.values()) {
      List<ObjectNode> segments = new ArrayList<>();
      Map<Edge, String> target = new LinkedHashMap<>();
      Set<String> ids = new HashSet<>();
      for (Edge edge : group) {
        for (ObjectNode s : edge.segments()) {
          ObjectNode copy = s.deepCopy();
          if (s.get("id").asText().equals(edge.target())) {
            copy.put("id", "e" + target.size());
            target.put(edge, copy.get("id").asText());
          }
          if (ids.add(copy.get("id").asText())) {
            segments.add(copy);
          }
        }
      }
      Edge first = group.get(0);
      Result r = run(spark, dir, first.db(), first.asOf(), segments, 0);
      Map<String, JsonNode> byId = new LinkedHashMap<>();
      segments.forEach(s -> byId.put(s.get("id").asText(), s));
      r.mismatches().stream().filter(m -> m.startsWith("BASE")).forEach(failures::add);
      for (Edge edge : group) {
        String id = target.get(edge);
        Set<Object> ref = r.reference().matched(id);
        Set<Object> eng = r.engine().get(id);
        String what = edge.name() + " (as of " + edge.asOf() + ")\n" + context(byId, id);
        if (!ref.equals(edge.expected())) {
          failures.add("REFERENCE differs from the spec's expectation: " + what + "\n  "
              + diff(ref, edge.expected(), "reference", "expected"));
        }
        if (eng == null) {
          r.mismatches().stream().filter(m -> m.startsWith("ENGINE FAILED on " + id + " "))
              .forEach(m -> failures.add(edge.name() + ": " + m));
        } else if (!eng.equals(edge.expected())) {
          failures.add("ENGINE differs from the spec's expectation: " + what + "\n  "
              + diff(eng, edge.expected(), "engine", "expected"));
        }
      }
    }
    // Empty groups are rejected at validation.
    for (String c : List.of("{\"all\":[]}", "{\"any\":[]}",
        "{\"not\":{\"all\":[{\"field\":\"city\",\"op\":\"exists\"},{\"any\":[]}]}}")) {
      Path f = Files.createTempFile(dir, "empty-", ".json");
      Files.writeString(f, json(seg("g", "shop", c)), StandardCharsets.UTF_8);
      SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(f);
      Validator v = new Validator(catalog, new SchemaSource(null, SharedSpark::session), set);
      Binder.Result r = v.validate(set.all().get(0));
      if (r.ok() || r.errors().stream().noneMatch(x -> x.code().name().equals("EMPTY_GROUP"))) {
        failures.add("EMPTY_GROUP expected for " + c + ", got " + (r.ok() ? "a valid segment"
            : r.errors().stream().map(ValidationError::render).toList()));
      }
    }
    System.out.printf("differential edges: %d edge trees + 3 empty groups, %d failing%n",
        edges.size(), failures.size());
    if (!failures.isEmpty()) {
      fail(failures.size() + " edge cases failed:\n\n" + String.join("\n\n", failures));
    }
  }
}
