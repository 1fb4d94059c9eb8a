package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.CommandResultExec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.ReusedSubqueryExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.execution.exchange.ReusedExchangeExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spec 9: a run reads each table once, however many segments it computes. A listener on the
 * shared session counts, per table of the sample, the Parquet scans of every executed plan
 * (cached plans counted once, when they are built; reused exchanges and subqueries not at all)
 * and the Spark jobs, for a run of 1 segment and a run of 50 segments over database shop.
 */
@ExtendWith(SharedSpark.class)
class ScanCountTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static Path catalog;

  @BeforeAll
  static void sample() throws Exception {
    catalog = TestSample.catalog();
  }

  /** One segment that needs every table of shop: profiles, events, subscriptions, static, crm. */
  private static final String ONE = """
      { "id": "one", "database": "shop", "conditions": { "all": [
          { "field": "country", "op": "eq", "value": "DE" },
          { "event": "opened", "window": { "last_days": 30 }, "op": "at_least", "count": 1 },
          { "subscription": "email", "op": "active" },
          { "static_segment": "vip-list", "op": "not_in" },
          { "external": "crm", "op": "exists" } ] } }
      """;

  private static final String[] FIELDS = {
      "{ \"field\": \"city\", \"op\": \"eq\", \"value\": \"Berlin\" }",
      "{ \"field\": \"country\", \"op\": \"in\", \"value\": [\"AT\", \"CH\"] }",
      "{ \"field\": \"lifetime_value\", \"op\": \"between\", \"value\": [100, 2000] }",
      "{ \"field\": \"age\", \"op\": \"gte\", \"value\": 30 }",
      "{ \"field\": \"tags\", \"op\": \"has_any\", \"value\": [\"eco\", \"sale\"] }",
      "{ \"field\": \"email\", \"op\": \"ends_with\", \"value\": \"example.org\","
          + " \"ignore_case\": true }",
      "{ \"field\": \"attrs.color\", \"op\": \"eq\", \"value\": \"red\" }",
      "{ \"field\": \"address.zip\", \"op\": \"starts_with\", \"value\": \"1\" }",
      "{ \"field\": \"created_at\", \"op\": \"gt\", \"value\": { \"days_ago\": 365 } }",
      "{ \"field\": \"birthday\", \"op\": \"anniversary\", \"value\": { \"within_days\": 60 } }",
      "{ \"field\": \"score\", \"op\": \"lt\", \"value\": 60.5 }",
      "{ \"not\": { \"field\": \"is_vip\", \"op\": \"eq\", \"value\": true } }",
      "{ \"field\": \"loyalty_points\", \"op\": \"gt\", \"value\": 1000 }",
      "{ \"field\": \"language\", \"op\": \"in\", \"value\": [\"de\", \"en\"] }",
  };

  private static final String[] EVENTS = {
      "{ \"event\": \"opened\", \"window\": { \"last_days\": 7 }, \"op\": \"exists\" }",
      "{ \"event\": \"clicked\", \"channel\": \"email\", \"window\": { \"last_days\": 30 },"
          + " \"op\": \"at_least\", \"count\": 2 }",
      "{ \"event\": \"purchase\", \"window\": { \"last_days\": 365 }, \"op\": \"gte\","
          + " \"aggregate\": { \"fn\": \"sum\", \"of\": \"value\" }, \"value\": 50 }",
      "{ \"event\": \"sent\", \"campaign\": [\"spring-1\", \"spring-2\"],"
          + " \"window\": { \"days_ago\": [60, 30] }, \"op\": \"at_most\", \"count\": 1 }",
      "{ \"event\": \"purchase\", \"op\": \"last_before\", \"days\": 90 }",
      "{ \"event\": \"page_view\", \"op\": \"first_within\", \"days\": 120 }",
      "{ \"event\": \"delivered\", \"window\": { \"from\": \"2026-04-01\", \"to\": \"2026-04-30\" },"
          + " \"op\": \"exactly\", \"count\": 1 }",
      "{ \"event\": [\"opened\", \"clicked\"], \"window\": { \"last_days\": 90 },"
          + " \"op\": \"not_exists\" }",
      "{ \"event\": \"purchase\", \"op\": \"last_within\", \"days\": 60 }",
      "{ \"event\": \"purchase\", \"where\": { \"field\": \"value\", \"op\": \"gte\", \"value\": 20 },"
          + " \"window\": { \"since\": \"2026-01-01\", \"until\": \"2026-05-15T12:00:00Z\" },"
          + " \"op\": \"between\", \"aggregate\": { \"fn\": \"max\", \"of\": \"value\" },"
          + " \"value\": [20, 500] }",
      "{ \"sequence\": [ { \"event\": \"opened\" }, { \"event\": \"clicked\" } ],"
          + " \"within_days\": 3, \"window\": { \"last_days\": 60 } }",
      "{ \"event\": \"page_view\", \"op\": \"gt\", \"aggregate\": { \"fn\": \"count_distinct\","
          + " \"of\": \"url\" }, \"value\": 2, \"window\": { \"last_days\": 180 } }",
  };

  private static final String[] OTHERS = {
      "{ \"subscription\": \"email\", \"resource\": \"news\", \"op\": \"active\" }",
      "{ \"subscription\": \"sms\", \"op\": \"status_in\", \"value\": [\"unsubscribed\","
          + " \"bounced\"] }",
      "{ \"subscription\": [\"push\", \"telegram\"], \"op\": \"none\" }",
      "{ \"static_segment\": \"vip-list\", \"op\": \"in\" }",
      "{ \"static_segment\": \"control-group\", \"op\": \"not_in\" }",
      "{ \"static_segment\": \"beta-testers\", \"op\": \"ever_in\","
          + " \"window\": { \"last_days\": 365 } }",
      "{ \"static_segment\": \"control-group\", \"op\": \"left\" }",
      "{ \"external\": \"crm\", \"op\": \"exists\","
          + " \"where\": { \"field\": \"tier\", \"op\": \"eq\", \"value\": \"gold\" } }",
      "{ \"external\": \"crm\", \"op\": \"not_exists\" }",
  };

  /** 50 varied segments over shop; some limited, some referring to others (limited ones too). */
  static List<String> fifty() {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      List<String> parts = new ArrayList<>();
      parts.add(FIELDS[i % FIELDS.length]);
      if (i % 5 != 3) {
        parts.add(EVENTS[i % EVENTS.length]);
      }
      if (i % 3 != 1) {
        parts.add(OTHERS[i % OTHERS.length]);
      }
      if (i % 10 == 9) {
        parts.add("{ \"segment\": \"" + id(i - 2) + "\", \"op\": \"in\" }");
      }
      if (i % 10 == 6) {
        parts.add("{ \"segment\": \"" + id(i - 6) + "\", \"op\": \"not_in\" }");
      }
      if (i % 10 == 4) {
        parts.add("{ \"conditions_of\": \"" + id(i - 3) + "\" }");
      }
      String conditions = i % 4 == 2 ? "{ \"any\": [ " + String.join(", ", parts) + " ] }"
          : "{ \"all\": [ " + String.join(", ", parts) + " ] }";
      StringBuilder doc = new StringBuilder("{ \"id\": \"" + id(i) + "\", \"database\": \"shop\"");
      if (i % 7 == 0) {
        doc.append(", \"limit\": { \"max\": ").append(20 + i)
            .append(", \"order_by\": [ { \"field\": \"lifetime_value\", \"direction\": \"desc\" }")
            .append(" ] }");
      }
      if (i % 8 == 5) {
        doc.append(", \"range\": { \"from\": 10, \"to\": 70 }");
      }
      doc.append(", \"conditions\": ").append(conditions).append(" }");
      docs.add(doc.toString());
    }
    return docs;
  }

  static String id(int i) {
    return String.format("gen-%02d", i);
  }

  /** The fifty, with the two references to limited segments pointed at unlimited ones. */
  static List<String> fiftyWithoutLimitedReferences() {
    return fifty().stream()
        .map(d -> d.replace("\"segment\": \"gen-00\"", "\"segment\": \"gen-01\"")
            .replace("\"segment\": \"gen-07\"", "\"segment\": \"gen-08\""))
        .toList();
  }

  private static Scans oneScans;

  /** The scans of a run of the one segment (once per class). */
  private static synchronized Scans one(Path dir) throws Exception {
    if (oneScans == null) {
      Path segments = Files.createDirectories(dir.resolve("one"));
      Files.writeString(segments.resolve("one.json"), ONE);
      RunHarness.Prepared one = valid(RunHarness.prepare(catalog, segments));
      oneScans = Scans.during(SharedSpark.session(),
          () -> RunHarness.run(one, dir.resolve("out-1"), AS_OF));
      // Every table of shop is read by the one segment.
      for (String table : List.of("shop/profiles", "shop/events", "shop/subscriptions",
          "shop/static_segments", "shop/crm")) {
        assertEquals(1, oneScans.tables().getOrDefault(table, 0),
            table + " read once by one segment: " + oneScans);
      }
    }
    return oneScans;
  }

  private static RunHarness.Prepared valid(RunHarness.Prepared p) {
    for (BatchRun.Planned planned : p.planned()) {
      assertTrue(planned.bound() != null, planned.id() + " invalid: " + planned.errors());
    }
    return p;
  }

  /** Runs {@code docs} (one array file) under the listener; returns the scans and the run. */
  private static Object[] runFifty(Path dir, List<String> docs) throws Exception {
    Path segments = Files.createDirectories(dir.resolve("fifty"));
    Files.writeString(segments.resolve("fifty.json"), "[\n" + String.join(",\n", docs)
        + "\n]\n");
    RunHarness.Prepared many = valid(RunHarness.prepare(catalog, segments));
    assertEquals(50, many.planned().size());
    Scans scans = Scans.during(SharedSpark.session(),
        () -> RunHarness.run(many, dir.resolve("out-50"), AS_OF));
    return new Object[] {scans, many, RunHarness.runFolders(dir.resolve("out-50")).get(0)};
  }

  /** Members of {@code ids} in the run are the engine's own selections, id by id. */
  private static int checkMembers(RunHarness.Prepared many, Path run, List<String> ids)
      throws Exception {
    Map<String, JsonNode> manifest = RunHarness.manifestSegments(RunHarness.manifest(run));
    int nonEmpty = 0;
    for (String id : ids) {
      List<String> expected = RunHarness.expectedMembers(many, id, AS_OF);
      FrameAssert.assertIds(expected, RunHarness.members(run, id, "profile_id"), id);
      assertEquals("ok", manifest.get(id).path("status").asText(), id);
      assertEquals(expected.size(), manifest.get(id).path("selected").asLong(), id);
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    return nonEmpty;
  }

  /**
   * Fifty segments (fields, event windows and ops, sequences, subscriptions, static, external,
   * limits, ranges, references and imported conditions, no reference to a limited segment):
   * each table is scanned once, as for one segment. Measured: profiles, events, subscriptions,
   * static_segments and crm 1 scan each in both runs (jobs: about 24 for 1 segment, 73 for 50:
   * jobs may grow, scans may not).
   */
  @Test
  void fiftySegmentsScanEachTableAsOftenAsOne(@TempDir Path dir) throws Exception {
    Scans one = one(dir);
    Object[] r = runFifty(dir, fiftyWithoutLimitedReferences());
    Scans many = (Scans) r[0];
    String report = "1 segment: " + one + "; 50 segments: " + many;
    System.out.println("[ScanCountTest] without references to limited segments: " + report);
    assertScansBounded(one, many, report);
    // The segments whose references changed, and a few others.
    checkMembers((RunHarness.Prepared) r[1], (Path) r[2],
        List.of("gen-00", "gen-06", "gen-07", "gen-09", "gen-16", "gen-19", "gen-24", "gen-35"));
  }

  /**
   * The same fifty where gen-06 refers to gen-00 (limit 20) and gen-09 to gen-07 (limit 27): the
   * target is still one scan per table: the wide frame is cached and each limited segment's top
   * is taken from the cache (Flags, Scratch.memory), so the tables are read once.
   */
  @Test
  void referencesToLimitedSegmentsScanEachTableAsOftenAsOne(@TempDir Path dir)
      throws Exception {
    Scans one = one(dir);
    Object[] r = runFifty(dir, fifty());
    Scans many = (Scans) r[0];
    String report = "1 segment: " + one + "; 50 segments: " + many;
    System.out.println("[ScanCountTest] with references to limited segments: " + report);
    RunHarness.Prepared prepared = (RunHarness.Prepared) r[1];
    Path run = (Path) r[2];
    // The referring and referred segments evaluated alone; all fifty in one other evaluation.
    checkMembers(prepared, run, List.of("gen-00", "gen-06", "gen-07", "gen-09"));
    Map<String, List<String>> expected = RunHarness.expectedMembersAll(prepared, AS_OF);
    int nonEmpty = 0;
    for (String id : prepared.ids()) {
      FrameAssert.assertIds(expected.get(id), RunHarness.members(run, id, "profile_id"), id);
      nonEmpty += expected.get(id).isEmpty() ? 0 : 1;
    }
    assertTrue(nonEmpty >= 30, "too few segments with members to mean much: " + nonEmpty);
    assertScansBounded(one, many, report);
  }

  /**
   * Each table is scanned as often for fifty segments as for one, but the events: twice when
   * the fifty have distinct counts or sequences (their per-profile values are one aggregation,
   * the plain aggregates another), never more.
   */
  private static void assertScansBounded(Scans one, Scans many, String report) {
    Map<String, Integer> expected = new TreeMap<>(one.tables());
    Map<String, Integer> actual = new TreeMap<>(many.tables());
    assertTrue(actual.getOrDefault("shop/events", 0) <= 2, "events scans: " + report);
    expected.remove("shop/events");
    actual.remove("shop/events");
    assertEquals(expected, actual,
        "each table must be scanned as often for 50 segments as for 1: " + report);
  }

  /** What a listener saw while a body ran: Parquet scans by table, and Spark jobs. */
  static final class Scans implements QueryExecutionListener {
    final Map<String, Integer> byTable = Collections.synchronizedMap(new TreeMap<>());
    /** Cached plans are built once: their scans count at the first plan that reads them. */
    private final Set<Object> caches = Collections.newSetFromMap(new IdentityHashMap<>());
    int jobs;

    @Override
    public String toString() {
      return "scans per table " + byTable + ", " + jobs + " jobs";
    }

    /** The scans of the sample's tables (not of the run's own outputs read back). */
    Map<String, Integer> tables() {
      Map<String, Integer> m = new TreeMap<>(byTable);
      m.keySet().removeIf(k -> k.startsWith("("));
      return m;
    }

    interface Body {
      Object run() throws Exception;
    }

    static Scans during(SparkSession spark, Body body) throws Exception {
      Scans scans = new Scans();
      AtomicInteger jobs = new AtomicInteger();
      SparkListener jobListener = new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart start) {
          jobs.incrementAndGet();
        }
      };
      spark.sparkContext().listenerBus().waitUntilEmpty();
      spark.listenerManager().register(scans);
      spark.sparkContext().addSparkListener(jobListener);
      try {
        body.run();
        spark.sparkContext().listenerBus().waitUntilEmpty();
      } finally {
        spark.listenerManager().unregister(scans);
        spark.sparkContext().removeSparkListener(jobListener);
      }
      scans.jobs = jobs.get();
      return scans;
    }

    @Override
    public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      walk(qe.executedPlan());
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {
      walk(qe.executedPlan());
    }

    private void walk(SparkPlan p) {
      if (p instanceof AdaptiveSparkPlanExec a) {
        walk(a.executedPlan());
        return;
      }
      if (p instanceof ReusedExchangeExec || p instanceof ReusedSubqueryExec) {
        return; // the exchange or subquery output of another node: no new read
      }
      if (p instanceof QueryStageExec q) {
        walk(q.plan());
        return;
      }
      if (p instanceof InMemoryTableScanExec t) {
        if (caches.add(t.relation().cacheBuilder())) {
          walk(t.relation().cachedPlan());
        }
        return;
      }
      if (p instanceof CommandResultExec c) {
        walk(c.commandPhysicalPlan());
      }
      if (p instanceof FileSourceScanExec f) {
        String path = CollectionConverters.asJava(f.relation().location().rootPaths()).stream()
            .map(Object::toString).reduce((a, b) -> a + "," + b).orElse("?");
        byTable.merge(table(path), 1, Integer::sum);
      }
      for (SparkPlan s : CollectionConverters.asJava(p.subqueries())) {
        walk(s);
      }
      for (SparkPlan c : CollectionConverters.asJava(p.children())) {
        walk(c);
      }
    }

    /**
     * "shop/events" for a table of the sample; run outputs (members read back, the flags file
     * of the conditions) by kind.
     */
    private static String table(String path) {
      String[] parts = path.replaceAll("/+$", "").split("/");
      String last2 = parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1]
          : path;
      if (path.contains("/members/") || path.replaceAll("/+$", "").endsWith("/members")) {
        return "(run output: members)";
      }
      if (path.contains("/changes/")) {
        return "(run output: changes)";
      }
      if (path.contains("/_scratch-")) {
        // The run's own stages (features, flags), written once and read back.
        return "(run output: scratch)";
      }
      return last2;
    }
  }
}
