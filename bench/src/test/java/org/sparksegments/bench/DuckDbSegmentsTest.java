package org.sparksegments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.data.SampleGenerator;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/**
 * DuckDB's counts of translated segments equal the engine's, segment by segment, on a generated
 * sample (2,000 profiles) as of its fixed instant: the 300 benchmark segments, a set of every
 * other translated kind (limits cut inside ties, references to limited segments, windows,
 * aggregates, subscriptions, static segments, salted ranges, quotes), and the examples of both
 * databases. The buckets are Spark's, id by id.
 */
@ExtendWith(SharedSpark.class)
class DuckDbSegmentsTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

  @TempDir
  static Path dir;
  private static Catalog catalog;
  private static Database shop;
  private static DuckDbRunner duck;

  @BeforeAll
  static void sample() throws Exception {
    SampleGenerator.generate(SharedSpark.session(), dir.resolve("sample"), 2000, 42);
    BenchSegments.write(dir.resolve("segments"), 300);
    catalog = CatalogLoader.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(dir.resolve("sample/catalog.json")));
    shop = catalog.database("shop").orElseThrow();
    duck = DuckDbRunner.open();
  }

  @AfterAll
  static void close() throws Exception {
    duck.close();
  }

  @Test
  void everyTranslatedBenchSegmentCountsAsTheEngine() throws Exception {
    SegmentSet set = SegmentSet.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(dir.resolve("segments")));
    DuckDbRunner.Report report = duck.run(segments(set), shop, AS_OF);
    assertSameCounts(set, report);
    assertTrue(report.results().size() >= 210, "translated only " + report.results().size()
        + " of 300: " + report.untranslated());
    assertEquals(300, report.results().size() + report.untranslated().size());
    assertEquals(Runtime.getRuntime().availableProcessors(), report.threads());

    // The comparison means something: the counts vary, and ranges and references to limited
    // segments are among the compared segments.
    assertTrue(report.results().stream().map(DuckDbRunner.Result::matched).distinct().count()
        > 50, "too few distinct counts");
    assertTrue(report.results().stream().anyMatch(r -> r.inRange() < 1500 && r.matched() > 0));
    assertTrue(report.results().stream().anyMatch(r -> r.sql().contains("__top")));
  }

  @Test
  void bucketsAreSparksForEveryIdAndSalt() throws Exception {
    Map<String, long[]> duckBuckets = new HashMap<>();
    String scan = DuckDbTables.scan(shop.profiles());
    String sql = "SELECT profile_id, spark_bucket(profile_id), spark_bucket('s1:' || profile_id)"
        + " FROM " + scan;
    try (Statement s = duck.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
      while (r.next()) {
        duckBuckets.put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
      }
    }
    List<Row> spark = SharedSpark.session().read().parquet(shop.profiles().location())
        .selectExpr("profile_id", "pmod(xxhash64(profile_id), 10000)",
            "pmod(xxhash64(concat('s1:', profile_id)), 10000)").collectAsList();
    assertEquals(2000, spark.size());
    assertEquals(2000, duckBuckets.size());
    for (Row row : spark) {
      long[] d = duckBuckets.get(row.getString(0));
      assertEquals(row.getLong(1), d[0], row.getString(0));
      assertEquals(row.getLong(2), d[1], row.getString(0));
    }
    // Multi-byte characters and lengths around the hash's 4-, 8- and 32-byte steps.
    for (String s : List.of("", "a", "abcd", "Zoë", "München-ÖÄÜ-ß", "x".repeat(31),
        "y".repeat(32), "Jürgen".repeat(9))) {
      long want = SharedSpark.session().sql("SELECT pmod(xxhash64('" + s + "'), 10000)").first()
          .getLong(0);
      try (Statement st = duck.connection().createStatement();
          ResultSet r = st.executeQuery("SELECT spark_bucket(" + DuckSql.string(s) + ")")) {
        r.next();
        assertEquals(want, r.getLong(1), s);
      }
    }
  }

  @Test
  void otherKindsCountAsTheEngineAndTheRestAreLeftOutWithTheirReason() throws Exception {
    SegmentSet set = SegmentSet.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(
        Path.of(getClass().getResource("/duckdb-kinds.json").toURI())));
    DuckDbRunner.Report report = duck.run(segments(set), shop, AS_OF);
    Map<String, String> reasons = new TreeMap<>();
    report.untranslated().forEach(u -> reasons.put(u.id(), u.reason()));
    assertEquals(Map.of(
        "seq", "sequences are not translated",
        "uses-seq", "refers to segment seq, which is not translated: sequences are not"
            + " translated",
        "regex", "field email: matches is not translated",
        "birthday", "field birthday (DATE): gte with text literal is not translated",
        "app-one", "database app is not the described database shop"), reasons);
    assertSameCounts(set, report);

    Map<String, DuckDbRunner.Result> byId = new HashMap<>();
    report.results().forEach(r -> byId.put(r.id(), r));
    // Limits cut inside ties (a fifth of the profiles have 0 points), and references read the
    // cut: the id order and nulls last decide these counts.
    assertEquals(100, byId.get("lim-asc").selected());
    assertTrue(byId.get("lim-asc").matched() > 1900);
    assertTrue(byId.get("ref-3").matched() > 40 && byId.get("ref-3").selected() == 40);
    assertTrue(byId.get("ref-4").matched() > 0);
    // Quotes and backslashes stay inside their literals.
    assertTrue(byId.get("quoted").matched() > 0 && byId.get("quoted").selected() == 3);
  }

  @Test
  void theExamplesCountAsTheEngineOnBothDatabases() throws Exception {
    SegmentSet set = SegmentSet.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(Path.of("..", "data", "examples")));
    List<Segment> segments = segments(set);
    for (String db : List.of("shop", "app")) {
      DuckDbRunner.Report report = duck.run(segments, catalog.database(db).orElseThrow(), AS_OF);
      assertSameCounts(set, report);
      assertFalse(report.results().isEmpty(), db + ": " + report.untranslated());
    }
  }

  @Test
  void instantsWrittenAsInt64ReadAsTimestampWithTimeZoneGiveTheSameCounts() throws Exception {
    // Spark writes INT96 by default (DuckDB: TIMESTAMP holding UTC); with TIMESTAMP_MICROS it
    // writes adjusted-to-UTC INT64 (DuckDB: TIMESTAMP WITH TIME ZONE). Both are the same instants.
    Path micros = dir.resolve("micros");
    var spark = SharedSpark.session();
    spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    try {
      for (String t : List.of("profiles", "events", "subscriptions", "static_segments")) {
        spark.read().parquet(dir.resolve("sample/shop/" + t).toString()).write()
            .parquet(micros.resolve(t).toString());
      }
    } finally {
      spark.conf().unset("spark.sql.parquet.outputTimestampType");
    }
    Database rewritten = new Database("shop", "profile_id", shop.zone(),
        source(micros.resolve("profiles")), Optional.of(source(micros.resolve("subscriptions"))),
        Optional.of(source(micros.resolve("events"))),
        Optional.of(source(micros.resolve("static_segments"))), Map.of());
    assertEquals(Optional.of("TIMESTAMP WITH TIME ZONE"),
        duck.describe(rewritten).type("events", "ts"));
    assertEquals(Optional.of("TIMESTAMP"), duck.describe(shop).type("events", "ts"));

    List<Segment> segments = segments(SegmentSet.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(
        Path.of(getClass().getResource("/duckdb-kinds.json").toURI()))));
    List<DuckDbRunner.Result> int96 = duck.run(segments, shop, AS_OF).results();
    List<DuckDbRunner.Result> int64 = duck.run(segments, rewritten, AS_OF).results();
    assertEquals(int96.size(), int64.size());
    for (int i = 0; i < int96.size(); i++) {
      DuckDbRunner.Result a = int96.get(i);
      DuckDbRunner.Result b = int64.get(i);
      assertEquals(List.of(a.id(), a.inRange(), a.matched(), a.selected()),
          List.of(b.id(), b.inRange(), b.matched(), b.selected()), b.sql());
    }
    assertTrue(int64.stream().anyMatch(r -> r.sql().contains("TIMESTAMPTZ '2026-06-01")));
  }

  private static TableSource source(Path p) {
    return new TableSource(p.toString(), p.toString(), false);
  }

  private static List<Segment> segments(SegmentSet set) {
    return set.all().stream().map(Parsed::segment).toList();
  }

  /** Every translated segment has the engine's three counts; mismatches are listed with SQL. */
  private static void assertSameCounts(SegmentSet set, DuckDbRunner.Report report) {
    Map<String, Evaluator.Counts> engine = engineCounts(set, report.results().stream()
        .map(DuckDbRunner.Result::id).toList());
    List<String> mismatches = new ArrayList<>();
    for (DuckDbRunner.Result r : report.results()) {
      Evaluator.Counts e = engine.get(r.id());
      Evaluator.Counts d = new Evaluator.Counts(r.inRange(), r.matched(), r.selected());
      if (!e.equals(d)) {
        mismatches.add(r.id() + ": engine " + e + ", DuckDB " + d + "\n" + r.sql());
      }
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches:\n"
        + String.join("\n\n", mismatches));
  }

  /**
   * The engine's counts of {@code ids}, evaluated as a batch run evaluates them (several segments
   * and their references over one wide frame), 25 segments at a time.
   */
  private static Map<String, Evaluator.Counts> engineCounts(SegmentSet set, List<String> ids) {
    Validator v = new Validator(catalog, new SchemaSource(null, SharedSpark::session), set);
    Evaluator evaluator = new Evaluator(SharedSpark.session(), catalog, v::bound);
    Map<String, Evaluator.Counts> out = new HashMap<>();
    for (int from = 0; from < ids.size(); from += 25) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 25));
      List<BoundSegment> bound = new ArrayList<>();
      for (String id : chunk) {
        Optional<BoundSegment> b = v.bound(id);
        assertTrue(b.isPresent(), id + " is not valid: " + set.find(id).map(v::validate));
        bound.add(b.get());
      }
      out.putAll(evaluator.evaluate(bound, AS_OF).counts(chunk));
    }
    return out;
  }
}
