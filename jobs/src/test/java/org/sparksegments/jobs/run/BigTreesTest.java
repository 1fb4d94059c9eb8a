package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.reference.ReferenceData;
import org.sparksegments.jobs.reference.ReferenceEvaluator;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 7: a document within the limits must not fail for its shape. Groups of thousands of
 * siblings (an {@code any} of 1,000 and of 9,999 field tests, an {@code all} of 9,999) are
 * evaluated by count, members and run on the default thread stack, with the reference
 * evaluator's result.
 */
@ExtendWith(SharedSpark.class)
class BigTreesTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static ReferenceData shop;

  @BeforeAll
  static void load() throws Exception {
    shop = ReferenceData.load(SharedSpark.session(), TestSample.catalog(), "shop");
  }

  @Test
  void wideGroupsAreCountedSelectedAndRunAsTheReferenceSays(@TempDir Path dir)
      throws Exception {
    Path segments = Files.createDirectories(dir.resolve("segments"));
    List<ObjectNode> docs = List.of(
        segment("any-1000-eq", "any", equalities(1_000, 1)),
        segment("any-9999-eq", "any", equalities(9_999, 2)),
        segment("all-9999-neq-gt", "all", negativesAndRanges(9_999)));
    for (ObjectNode d : docs) {
      Files.writeString(segments.resolve(d.get("id").asText() + ".json"),
          RunHarness.JSON.writeValueAsString(d));
    }
    RunHarness.Prepared p = RunHarness.prepare(TestSample.catalog(), segments);
    for (BatchRun.Planned planned : p.planned()) {
      assertTrue(planned.bound() != null, planned.id() + " is valid: " + planned.errors()
          .stream().limit(3).toList());
    }
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    docs.forEach(d -> byId.put(d.get("id").asText(), d));
    ReferenceEvaluator ref = new ReferenceEvaluator(shop, AS_OF, byId);
    Evaluator ev = p.evaluator();
    for (String id : byId.keySet()) {
      BoundSegment s = p.bound(id);
      Evaluator.Counts c = ev.count(s, AS_OF);
      assertEquals(ref.baseIds().size(), c.inRange(), "in_range of " + id);
      assertEquals(ref.matched(id).size(), c.matched(), "matched of " + id);
      assertEquals(ref.selected(id).size(), c.selected(), "selected of " + id);
      List<String> members = ev.selected(s, AS_OF).select("profile_id").collectAsList().stream()
          .map(r -> r.getString(0)).toList();
      FrameAssert.assertIds(strings(ref.selected(id)), members, "members of " + id);
    }
    // Each shape matches some profiles and misses some: the comparison means something.
    for (String id : byId.keySet()) {
      int m = ref.matched(id).size();
      assertTrue(m > 0 && m < ref.baseIds().size(), id + " matched " + m);
    }

    RunHarness.Ran run = RunHarness.run(p, dir.resolve("out"), AS_OF);
    assertEquals(List.of(), run.failed(), "nothing failed");
    Map<String, JsonNode> segs = RunHarness.manifestSegments(RunHarness.manifest(run.run()));
    for (String id : byId.keySet()) {
      JsonNode s = segs.get(id);
      assertEquals("ok", s.path("status").asText(), s.toString());
      assertEquals(ref.matched(id).size(), s.path("matched").asLong(), s.toString());
      FrameAssert.assertIds(strings(ref.selected(id)),
          RunHarness.members(run.run(), id, "profile_id"), "run members of " + id);
    }
  }

  static ObjectNode segment(String id, String junction, ArrayNode children) {
    ObjectNode s = RunHarness.JSON.createObjectNode();
    s.put("id", id);
    s.put("database", "shop");
    s.putObject("limit").put("max", 50).putArray("order_by").addObject()
        .put("field", "email");
    s.putObject("conditions").set(junction, children);
    return s;
  }

  /**
   * {@code n} tests of the values of a quarter of the profiles: eq on several string and number
   * fields (with and without ignore_case, on values no profile has too, so that merged sets are
   * larger than the data), and starts_with on emails, which no set lookup can merge.
   */
  private static ArrayNode equalities(int n, int seed) {
    ArrayNode out = RunHarness.JSON.createArrayNode();
    List<Map<String, Object>> rows = shop.profiles.rows();
    String[] fields = {"email", "first_name", "loyalty_points", "city", "age"};
    for (int i = 0; out.size() < n; i++) {
      Map<String, Object> row = rows.get((i * 7 + seed * 13) % (rows.size() / 4));
      String field = fields[i % fields.length];
      Object v = row.get(field);
      ObjectNode t = out.addObject().put("field", field);
      if (field.equals("email") && i % 3 == 0) {
        String e = Objects.toString(v, "");
        t.put("op", "starts_with").put("value", e.substring(0, Math.min(9, e.length())) + i);
      } else if (field.equals("loyalty_points")) {
        t.put("op", "eq").put("value", v == null ? -i : (Long) v);
      } else if (field.equals("age")) {
        t.put("op", "eq").put("value", 1_000 + i);
      } else {
        t.put("op", "eq").put("value", v == null || field.equals("city") ? v + "-" + i
            : (String) v);
        if (i % 4 == 1) {
          t.put("ignore_case", true);
        }
      }
    }
    return out;
  }

  /** neq of values and gt of low bounds: most profiles pass each, a few fail one. */
  private static ArrayNode negativesAndRanges(int n) {
    ArrayNode out = RunHarness.JSON.createArrayNode();
    List<Map<String, Object>> rows = shop.profiles.rows();
    for (int i = 0; out.size() < n; i++) {
      Map<String, Object> row = rows.get((i * 11) % rows.size());
      ObjectNode t = out.addObject();
      switch (i % 3) {
        case 0 -> t.put("field", "email").put("op", "neq")
            .put("value", i % 40 == 0 ? Objects.toString(row.get("email"), "x") : "x" + i);
        case 1 -> t.put("field", "loyalty_points").put("op", "gt").put("value", -1 - i);
        default -> t.put("field", "city").put("op", "neq")
            .put("value", i % 600 == 2 ? "Hamburg" : "nowhere-" + i);
      }
    }
    return out;
  }

  static List<String> strings(java.util.Collection<Object> ids) {
    List<String> out = new ArrayList<>();
    ids.forEach(x -> out.add(String.valueOf(x)));
    return out;
  }

}
