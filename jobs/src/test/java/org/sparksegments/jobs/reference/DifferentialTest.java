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
import org.sparksegments.jobs.eval.Evaluation;
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
  static final int BATCHES = Integer.getInteger("differential.batches", 6);
  static final long SEED = 20260601L;

  static Path catalogFile;
  static Catalog catalog;
  static final Map<String, ReferenceData> DATA = new LinkedHashMap<>();

  @BeforeAll
  static void load() throws Exception {
    catalogFile = TestSample.catalog();
    catalog = CatalogLoader.load(catalogFile);
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
    for (int b = 0; b < BATCHES; b++) {
      Instant asOf = AS_OFS[b % AS_OFS.length];
      RandomTrees gen = new RandomTrees(data, asOf, seed * 1_000 + b);
      List<ObjectNode> segments = gen.batch(db + "-b" + b + "-", BATCH);
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
    assertTrue(empty < trees / 3, "too many empty results: " + empty + " of " + trees);
    assertTrue(full < trees / 3, "too many full results: " + full + " of " + trees);
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + trees + " random trees on " + db
          + " differ between the engine and the reference:\n\n"
          + String.join("\n\n", mismatches.subList(0, Math.min(15, mismatches.size()))));
    }
  }

  // ------------------------------------------------------------------------------------------
  // The comparison

  /** The reference's answers and every difference found. */
  record Result(ReferenceEvaluator reference, Map<String, Set<Object>> engine,
      List<String> mismatches, int orderChecks) {}

  /**
   * Validates the segments (all must be valid), evaluates them in one Evaluation with one Spark
   * job for the matched flags, and compares with the reference; {@code orderChecks} segments
   * with a limit also have their selected ids compared in order.
   */
  static Result run(SparkSession spark, Path dir, String db, Instant asOf,
      List<ObjectNode> segments, int orderChecks) throws Exception {
    Path file = Files.createTempFile(dir, db + "-", ".json");
    Files.writeString(file, RandomTrees.toJson(segments), StandardCharsets.UTF_8);
    SegmentSet set = SegmentSet.load(file);
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
    Evaluation e = ev.evaluate(bound, asOf);
    List<Column> cols = new ArrayList<>();
    cols.add(org.apache.spark.sql.functions.col(idColumn));
    for (int i = 0; i < bound.size(); i++) {
      cols.add(e.matched(bound.get(i).id()).as("s" + i));
    }
    List<Row> rows = e.wide().select(cols.toArray(Column[]::new)).collectAsList();
    Map<String, Set<Object>> engine = new LinkedHashMap<>();
    bound.forEach(s -> engine.put(s.id(), new LinkedHashSet<>()));
    List<Object> wideIds = new ArrayList<>();
    Map<String, Integer> nulls = new LinkedHashMap<>();
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

    List<String> mismatches = new ArrayList<>();
    // The base: every profile of the base exactly once in the wide frame.
    Set<Object> wideSet = new LinkedHashSet<>(wideIds);
    if (wideSet.size() != wideIds.size() || !wideSet.equals(ref.baseIds())) {
      mismatches.add("BASE as of " + asOf + " differs: " + diff(wideSet, ref.baseIds())
          + (wideSet.size() != wideIds.size() ? " (the wide frame repeats ids: "
              + wideIds.size() + " rows for " + wideSet.size() + " ids)" : ""));
    }
    for (BoundSegment s : bound) {
      Set<Object> want = ref.matched(s.id());
      Set<Object> got = engine.get(s.id());
      if (!want.equals(got) || nulls.containsKey(s.id())) {
        mismatches.add("MATCHED of " + s.id() + " on " + db + " as of " + asOf + ": "
            + diff(got, want) + (nulls.containsKey(s.id()) ? "; the engine's flag is NULL for "
                + nulls.get(s.id()) + " profiles" : "") + "\n" + context(byId, s.id()));
      }
    }
    int checked = 0;
    for (BoundSegment s : bound) {
      if (checked >= orderChecks || !byId.get(s.id()).has("limit")) {
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

  private static ObjectNode find(List<ObjectNode> segments, String id) {
    return segments.stream().filter(s -> s.get("id").asText().equals(id)).findFirst()
        .orElse(null);
  }

  static String diff(Set<Object> engine, Set<Object> reference) {
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
    return "engine " + engine.size() + " ids, reference " + reference.size() + " ids; only in"
        + " engine (" + onlyEngine.size() + "): " + first(onlyEngine, 20) + "; only in reference ("
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

  static void assertNoMismatch(Result r) {
    assertFalse(!r.mismatches.isEmpty(), () -> String.join("\n\n", r.mismatches));
  }
}
