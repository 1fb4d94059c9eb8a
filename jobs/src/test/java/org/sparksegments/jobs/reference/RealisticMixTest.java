package org.sparksegments.jobs.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.data.mix.RealisticSegments;
import org.sparksegments.jobs.LocalFiles;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/**
 * The benchmark's realistic segment mix ({@code scripts/bench --mix realistic}): the same seed
 * gives the same bytes; all 300 segments of the default seed validate on the generated sample,
 * use every kind of the language and select neither nothing nor everything too often; a sample
 * of them covering every kind, closed under references, gives the engine the reference
 * evaluator's members.
 */
@ExtendWith(SharedSpark.class)
class RealisticMixTest {
  static final int N = 300;
  static final int SAMPLE = 40;
  static final long SEED = RealisticSegments.DEFAULT_SEED;

  @BeforeAll
  static void load() throws Exception {
    if (DifferentialTest.catalog == null) {
      DifferentialTest.load();
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndShorterListsArePrefixes(@TempDir Path dir)
      throws Exception {
    List<ObjectNode> a = RealisticSegments.generate(N, SEED);
    assertEquals(RandomTrees.toJson(a), RandomTrees.toJson(RealisticSegments.generate(N, SEED)));
    assertEquals(a.subList(0, 100), RealisticSegments.generate(100, SEED));
    assertTrue(!a.equals(RealisticSegments.generate(N, SEED + 1)), "another seed, other segments");
    RealisticSegments.write(dir.resolve("x"), 50, SEED);
    RealisticSegments.write(dir.resolve("y"), 50, SEED);
    for (ObjectNode s : a.subList(0, 50)) {
      String f = s.get("id").asText() + ".json";
      assertEquals(Files.readString(dir.resolve("x").resolve(f)),
          Files.readString(dir.resolve("y").resolve(f)));
    }
  }

  @Test
  void everySegmentValidatesAndEveryKindOccurs(@TempDir Path dir) throws Exception {
    List<ObjectNode> segments = RealisticSegments.generate(N, SEED);
    Path file = dir.resolve("mix.json");
    Files.writeString(file, RandomTrees.toJson(segments), StandardCharsets.UTF_8);
    SegmentSet set = LocalFiles.segments(file);
    Validator v = new Validator(DifferentialTest.catalog,
        new SchemaSource(null, SharedSpark::session), set);
    List<String> invalid = new ArrayList<>();
    for (Parsed p : set.all()) {
      Binder.Result r = v.validate(p);
      if (!r.ok()) {
        invalid.add(r.errors().stream().map(ValidationError::render)
            .collect(Collectors.joining("\n  ")));
      }
    }
    assertEquals(N, set.all().size());
    assertTrue(invalid.isEmpty(), invalid.size() + " invalid:\n" + String.join("\n", invalid));

    Map<String, Integer> coverage = new TreeMap<>();
    segments.forEach(s -> DifferentialTest.coverage(s, coverage));
    System.out.println("realistic mix coverage (kind:op, window, range, limit): " + coverage);
    List<String> missing = new ArrayList<>();
    for (String k : List.of("all", "any", "not", "field:eq", "field:neq", "field:in",
        "field:not_in", "field:gt", "field:gte", "field:lt", "field:lte", "field:between",
        "field:not_between", "field:contains", "field:not_contains", "field:starts_with",
        "field:ends_with", "field:matches", "field:exists", "field:not_exists", "field:empty",
        "field:not_empty", "field:has", "field:has_any", "field:has_all", "field:has_none",
        "field:size_eq", "field:size_gte", "field:size_lt", "field:size_lte",
        "field:anniversary", "event:exists", "event:not_exists", "event:at_least",
        "event:at_most", "event:exactly", "event:last_within", "event:last_before",
        "event:first_within", "event:gte", "event:lt", "event:between", "event:eq",
        "aggregate:sum", "aggregate:avg", "aggregate:min", "aggregate:max",
        "aggregate:count_distinct", "window:last_days", "window:days_ago", "window:from",
        "window:since", "sequence", "subscription:active", "subscription:status_in",
        "subscription:none", "static_segment:in", "static_segment:not_in",
        "static_segment:ever_in", "static_segment:never_in", "static_segment:left",
        "external:exists", "external:not_exists", "segment:in", "segment:not_in",
        "conditions_of", "range", "range+salt", "limit", "ignore_case")) {
      if (!coverage.containsKey(k)) {
        missing.add(k);
      }
    }
    assertTrue(missing.isEmpty(), "never generated: " + missing);
    String text = segments.toString();
    for (String shape : List.of("\"days_ago\":", "\"where\":{\"any\"", "\"order_by\"",
        "\"field\":\"address.zip\"", "\"field\":\"attrs.color\"", "\"field\":\"last_seen_local\"",
        "\"field\":\"lifetime_value\"", "\"field\":\"is_vip\"")) {
      assertTrue(text.contains(shape), "never generated: " + shape);
    }

    Map<String, JsonNode> byId = byId(segments);
    int deepest = 0;
    int longestChain = 0;
    int refsToLimited = 0;
    for (ObjectNode s : segments) {
      if (s.has("conditions")) {
        deepest = Math.max(deepest, depth(s.get("conditions"), byId));
      }
      longestChain = Math.max(longestChain, chain(s, byId));
      for (JsonNode ref : s.findValues("segment")) {
        if (byId.get(ref.asText()).has("limit")) {
          refsToLimited++;
        }
      }
    }
    System.out.printf("realistic mix: deepest tree %d (conditions_of inlined), longest reference"
        + " chain %d, %d references to limited segments%n", deepest, longestChain, refsToLimited);
    assertEquals(8, deepest, "trees nest up to depth 8, never deeper");
    assertTrue(longestChain >= 3, "references at several depths: " + longestChain);
    assertTrue(refsToLimited >= 5, "references to limited segments: " + refsToLimited);

    // Non-trivial results on the sample, all 300 by the reference evaluator.
    ReferenceEvaluator ref = new ReferenceEvaluator(DifferentialTest.DATA.get("shop"),
        DifferentialTest.SAMPLE_AS_OF, byId);
    int empty = 0;
    int full = 0;
    for (ObjectNode s : segments) {
      String id = s.get("id").asText();
      Set<Object> m = ref.matched(id);
      long inRange = ref.baseIds().stream().filter(x -> ref.inRange(s.get("range"), x)).count();
      if (m.isEmpty()) {
        empty++;
      } else if (m.size() == inRange) {
        full++;
      }
    }
    System.out.printf("realistic mix on %d profiles: %d of %d segments empty, %d all of their"
        + " range%n", ref.baseIds().size(), empty, N, full);
    // A real list has some empty segments, more so on 600 profiles than on millions.
    assertTrue(empty <= N / 4, "too many empty segments: " + empty);
    assertTrue(full <= N / 10, "too many segments selecting all of their range: " + full);
  }

  @Test
  void aSampleOfEveryKindMatchesTheReferenceEvaluator(SparkSession spark, @TempDir Path dir)
      throws Exception {
    List<ObjectNode> segments = RealisticSegments.generate(N, SEED);
    Map<String, JsonNode> byId = byId(segments);
    Set<String> chosen = new LinkedHashSet<>();
    // First one segment for each feature (the one needing the fewest others), then every
    // seventh segment while the sample stays within SAMPLE (with what they refer to).
    for (String feature : List.of("field", "event", "aggregate", "sequence", "subscription",
        "static_segment", "external", "segment", "conditions_of", "not", "any", "range", "salt",
        "limit", "ref-to-limited", "depth-8", "chain-3")) {
      ObjectNode best = null;
      int bestSize = Integer.MAX_VALUE;
      for (ObjectNode s : segments) {
        if (features(s, byId).contains(feature)) {
          Set<String> closure = closure(s.get("id").asText(), byId);
          closure.removeAll(chosen);
          if (closure.size() < bestSize) {
            best = s;
            bestSize = closure.size();
          }
        }
      }
      assertTrue(best != null, "no segment has " + feature);
      chosen.addAll(closure(best.get("id").asText(), byId));
    }
    for (int i = 0; i < N && chosen.size() < SAMPLE; i += 7) {
      Set<String> closure = closure(segments.get(i).get("id").asText(), byId);
      closure.removeAll(chosen);
      if (chosen.size() + closure.size() <= SAMPLE) {
        chosen.addAll(closure);
      }
    }
    List<ObjectNode> sample = segments.stream()
        .filter(s -> chosen.contains(s.get("id").asText())).toList();
    Map<String, Integer> coverage = new TreeMap<>();
    sample.forEach(s -> DifferentialTest.coverage(s, coverage));
    System.out.println("realistic sample of " + sample.size() + ": " + chosen);
    System.out.println("realistic sample coverage: " + coverage);

    DifferentialTest.Result r = DifferentialTest.run(spark, dir, "shop",
        DifferentialTest.SAMPLE_AS_OF, sample, 8);
    System.out.printf("realistic sample: %d segments, %d limit orders compared, %d mismatching%n",
        sample.size(), r.orderChecks(), r.mismatches().size());
    if (!r.mismatches().isEmpty()) {
      fail(r.mismatches().size() + " of " + sample.size() + " realistic segments differ between"
          + " the engine and the reference:\n\n" + String.join("\n\n", r.mismatches()));
    }
  }

  private static Map<String, JsonNode> byId(List<ObjectNode> segments) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    segments.forEach(s -> m.put(s.get("id").asText(), s));
    return m;
  }

  /** The segment and every segment it refers to or imports, recursively. */
  private static Set<String> closure(String id, Map<String, JsonNode> byId) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(id));
    while (!todo.isEmpty()) {
      String x = todo.remove(todo.size() - 1);
      if (seen.add(x)) {
        byId.get(x).findValues("segment").forEach(n -> todo.add(n.asText()));
        byId.get(x).findValues("conditions_of").forEach(n -> todo.add(n.asText()));
      }
    }
    return seen;
  }

  /** The depth of a tree with every {@code conditions_of} replaced by the imported tree. */
  private static int depth(JsonNode n, Map<String, JsonNode> byId) {
    if (n.has("conditions_of")) {
      JsonNode other = byId.get(n.get("conditions_of").asText());
      return other.has("conditions") ? depth(other.get("conditions"), byId) : 1;
    }
    int below = 0;
    for (String g : List.of("all", "any", "not")) {
      if (n.has(g)) {
        for (JsonNode c : n.get(g).isArray() ? n.get(g) : List.of(n.get(g))) {
          below = Math.max(below, depth(c, byId));
        }
      }
    }
    return 1 + below;
  }

  /** The longest chain of segment references starting at a segment. */
  private static int chain(JsonNode s, Map<String, JsonNode> byId) {
    int best = 0;
    for (JsonNode ref : s.findValues("segment")) {
      best = Math.max(best, 1 + chain(byId.get(ref.asText()), byId));
    }
    for (JsonNode imp : s.findValues("conditions_of")) {
      best = Math.max(best, chain(byId.get(imp.asText()), byId));
    }
    return best;
  }

  private static Set<String> features(ObjectNode s, Map<String, JsonNode> byId) {
    Set<String> f = new HashSet<>();
    Map<String, Integer> c = new TreeMap<>();
    DifferentialTest.coverage(s, c);
    for (String k : c.keySet()) {
      f.add(k.contains(":") ? k.substring(0, k.indexOf(':')) : k);
    }
    if (s.has("range") && s.get("range").has("salt")) {
      f.add("salt");
    }
    for (JsonNode ref : s.findValues("segment")) {
      if (byId.get(ref.asText()).has("limit")) {
        f.add("ref-to-limited");
      }
    }
    if (s.has("conditions") && depth(s.get("conditions"), byId) == 8) {
      f.add("depth-8");
    }
    if (chain(s, byId) >= 3) {
      f.add("chain-3");
    }
    return f;
  }
}
