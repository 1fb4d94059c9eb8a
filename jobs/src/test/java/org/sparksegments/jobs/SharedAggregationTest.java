package org.sparksegments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/**
 * Many conditions on other tables cost one scan and one aggregation per table: the physical plan
 * of a segment with several event, subscription, static-segment and external conditions scans
 * each of those tables once.
 */
@ExtendWith(SharedSpark.class)
class SharedAggregationTest {

  @Test
  void eachTableIsScannedOnceWhateverTheNumberOfConditions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("many.json");
    Files.writeString(file, """
        { "id": "many", "database": "shop", "conditions": { "all": [
          { "event": "opened", "window": { "last_days": 30 }, "op": "at_least", "count": 2 },
          { "event": "clicked", "channel": "email", "op": "exists" },
          { "not": { "event": "unsubscribed", "op": "exists" } },
          { "event": "purchase", "op": "gte", "aggregate": { "fn": "sum", "of": "value" },
            "value": 10 },
          { "event": "purchase", "op": "last_within", "days": 365 },
          { "any": [ { "event": "opened", "window": { "last_days": 30 }, "op": "at_least",
                       "count": 2 },
                     { "sequence": [ { "event": "opened" }, { "event": "clicked" } ] } ] },
          { "subscription": "email", "op": "active" },
          { "subscription": "sms", "op": "none" },
          { "static_segment": "vip-list", "op": "not_in" },
          { "static_segment": "control-group", "op": "never_in" },
          { "external": "crm", "op": "exists" },
          { "external": "crm", "op": "not_exists",
            "where": { "field": "tier", "op": "eq", "value": "bronze" } } ] } }
        """);
    Catalog catalog = org.sparksegments.jobs.LocalFiles.catalog(TestSample.catalog());
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(file);
    Validator v = new Validator(catalog, new SchemaSource(null, SharedSpark::session), set);
    BoundSegment s = v.validate(set.all().get(0)).segment();
    Flags e = new Evaluator(SharedSpark.session(), catalog, v::bound)
        .evaluate(List.of(s), Instant.parse("2026-06-01T00:00:00Z"));
    String plan = e.selected("many").queryExecution().executedPlan().treeString();
    for (String table : List.of("shop/events", "shop/subscriptions", "shop/static_segments",
        "shop/crm", "shop/profiles")) {
      long scans = plan.lines().filter(l -> l.contains("FileScan") && l.contains(table + "]"))
          .count();
      // The events twice: plain aggregates, and the per-profile values of the sequence.
      assertEquals(table.equals("shop/events") ? 2 : 1, scans, table + " scans in\n" + plan);
    }
    // Two distinct event aggregates are shared by the repeated condition: 5 + 1 sequence.
    long features = e.frame().columns().length;
    assertTrue(plan.contains("HashAggregate"), plan);
    // And the packed flags: in range, matched.
    assertEquals(e.selected("many").columns().length + 6 + 2 + 2 + 2 + 2, features,
        String.join(", ", e.frame().columns()));
  }
}
