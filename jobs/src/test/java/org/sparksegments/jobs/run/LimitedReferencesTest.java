package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.testing.SharedSpark;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Segments that refer to several limited segments (spec 3.4: the other segment's final result,
 * its limit applied): the members are right, in a batch run and alone, and the plan grows with
 * the number of references, not doubling with each one (each top is taken from the cached
 * frame unless it reads an earlier limited segment).
 */
@ExtendWith(SharedSpark.class)
class LimitedReferencesTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final String[][] ORDERS = {
      {"lifetime_value", "desc"}, {"age", "asc"}, {"score", "desc"}, {"loyalty_points", "desc"},
      {"created_at", "asc"}, {"city", "asc"}, {"lifetime_value", "asc"}, {"score", "asc"}};
  private static final int TOPS = ORDERS.length;
  private static Path catalog;

  @TempDir
  static Path dir;

  @BeforeAll
  static void sample() throws Exception {
    catalog = TestSample.catalog();
  }

  private static String segments() {
    List<String> docs = new ArrayList<>();
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < TOPS; i++) {
      docs.add(String.format("""
          { "id": "top-%d", "database": "shop", "range": { "from": %d, "to": %d },
            "limit": { "max": 7, "order_by": [ { "field": "%s", "direction": "%s" } ] },
            "conditions": { "field": "country", "op": "in", "value": ["DE", "AT", "FR"] } }
          """, i, i * 5, i * 5 + 60, ORDERS[i][0], ORDERS[i][1]));
      refs.add("{ \"segment\": \"top-" + i + "\", \"op\": \"in\" }");
    }
    docs.add("{ \"id\": \"any-top\", \"database\": \"shop\", \"conditions\": { \"any\": ["
        + String.join(", ", refs) + "] } }");
    // A chain: each link is limited and reads the one before it.
    docs.add("""
        { "id": "chain-1", "database": "shop", "limit": 5,
          "conditions": { "all": [ { "segment": "top-0", "op": "not_in" },
            { "field": "age", "op": "gte", "value": 30 } ] } }""");
    docs.add("""
        { "id": "chain-2", "database": "shop",
          "limit": { "max": 4, "order_by": [ { "field": "age", "direction": "desc" } ] },
          "conditions": { "any": [ { "segment": "chain-1", "op": "in" },
            { "segment": "top-3", "op": "in" } ] } }""");
    docs.add("""
        { "id": "chain-3", "database": "shop", "conditions": { "all": [
            { "segment": "chain-2", "op": "in" }, { "segment": "top-7", "op": "not_in" } ] } }""");
    return "[" + String.join(",\n", docs) + "]";
  }

  private static RunHarness.Prepared prepared() throws Exception {
    Path file = dir.resolve("limited.json");
    if (!Files.exists(file)) {
      Files.writeString(file, segments());
    }
    RunHarness.Prepared p = RunHarness.prepare(catalog, file);
    p.planned().forEach(x -> assertTrue(x.errors().isEmpty(), x.id() + ": " + x.errors()));
    return p;
  }

  @Test
  void aRunWritesEachSegmentsOwnSelection() throws Exception {
    RunHarness.Prepared p = prepared();
    Path run = RunHarness.run(p, dir.resolve("out"), AS_OF).run();
    TreeSet<String> union = new TreeSet<>();
    for (int i = 0; i < TOPS; i++) {
      List<String> alone = RunHarness.expectedMembers(p, "top-" + i, AS_OF);
      assertEquals(7, alone.size(), "top-" + i);
      assertEquals(alone, RunHarness.members(run, "top-" + i, "profile_id"), "top-" + i);
      union.addAll(alone);
    }
    // Distinct ranges and orders: the tops are not all the same profiles.
    assertTrue(union.size() > 20, "union of the tops: " + union);
    assertEquals(List.copyOf(union), RunHarness.members(run, "any-top", "profile_id"));
    for (String id : List.of("chain-1", "chain-2", "chain-3")) {
      List<String> alone = RunHarness.expectedMembers(p, id, AS_OF);
      assertFalse(alone.isEmpty(), id);
      assertEquals(alone, RunHarness.members(run, id, "profile_id"), id);
    }
    List<String> chain1 = RunHarness.members(run, "chain-1", "profile_id");
    List<String> top0 = RunHarness.members(run, "top-0", "profile_id");
    assertEquals(5, chain1.size());
    assertTrue(chain1.stream().noneMatch(top0::contains), "chain-1 excludes top-0");
  }

  @Test
  void thePlanGrowsLinearlyWithTheReferences() throws Exception {
    RunHarness.Prepared p = prepared();
    List<BoundSegment> targets = new ArrayList<>();
    for (int i = 0; i < TOPS; i++) {
      targets.add(p.bound("top-" + i));
    }
    targets.add(p.bound("any-top"));
    Flags e = p.evaluator().evaluate(targets, AS_OF);
    try {
      int nodes = nodes(e.frame().queryExecution().optimizedPlan());
      // About ten nodes per limited reference (join, top-k, filter, cached scan); taking each
      // top from the frame that already holds the earlier joins doubled it: thousands for 8.
      assertTrue(nodes < 20 * TOPS + 40, "plan nodes for " + TOPS + " limited references: "
          + nodes);
    } finally {
      e.release();
    }
  }

  private static int nodes(LogicalPlan plan) {
    int n = 1;
    for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
      n += nodes(child);
    }
    return n;
  }
}
