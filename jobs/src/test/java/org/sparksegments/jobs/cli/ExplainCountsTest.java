package org.sparksegments.jobs.cli;

import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/**
 * explain --counts: the count of each node equals the count of that subtree evaluated as a
 * segment of its own (same database and range), and the top node's count is matched.
 */
@ExtendWith(SharedSpark.class)
class ExplainCountsTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final String OWN = """
      [ { "id": "own-not-where", "database": "shop", "range": { "from": 10, "to": 60 },
          "conditions": { "any": [
            { "not": { "field": "city", "op": "eq", "value": "Berlin" } },
            { "event": "purchase", "where": { "all": [
                { "field": "value", "op": "gte", "value": 20 },
                { "not": { "field": "channel", "op": "eq", "value": "web" } } ] },
              "op": "at_least", "count": 1 } ] } },
        { "id": "own-import-empty", "database": "app",
          "conditions": { "all": [ { "conditions_of": "holdout-10" },
            { "not": { "conditions_of": "dark-mode-multi-device" } } ] } } ]
      """;
  private static Catalog catalog;

  @BeforeAll
  static void sample() throws Exception {
    catalog = org.sparksegments.jobs.LocalFiles.catalog(TestSample.catalog());
  }

  /** The node lines of the report: pointer and count, the range line keyed "range". */
  private static Map<String, Long> parse(List<String> lines) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : lines) {
      String[] parts = line.strip().split("\\s+", 3);
      out.put(parts[1], Long.parseLong(parts[0]));
    }
    return out;
  }

  @Test
  void eachNodeCountsLikeItsSubtreeAsASegment(@TempDir Path tmp) throws Exception {
    Path own = tmp.resolve("own.json");
    Files.writeString(own, OWN);
    List<Path> paths = List.of(TestSample.examples(), own);
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(paths);
    Validator validator = new Validator(catalog, new SchemaSource(null, SharedSpark::session),
        set);
    Evaluator evaluator = new Evaluator(SharedSpark.session(), catalog, validator::bound);
    int checked = 0;
    for (String id : List.of("berlin-vips", "munich-zip-red", "buyers-not-vip-list",
        "app-newcomers-active", "winback-candidates", "spring-openers", "own-not-where",
        "own-import-empty")) {
      BoundSegment s = validator.bound(id).orElseThrow();
      Map<String, Long> counts = parse(NodeCounts.lines(s,
          evaluator.evaluate(List.of(s), AS_OF), set));
      Evaluator.Counts exact = evaluator.count(s, AS_OF);
      assertEquals(exact.inRange(), counts.get("range"), id);
      assertEquals(exact.matched(), counts.get(s.segment().pointerPrefix() + "/conditions"), id);
      if (s.segment().limit().hasMax()) {
        assertEquals(exact.selected(), counts.get("selected"), id);
      }
      // Every other line is a node: count its subtree as a segment of its own.
      List<String> nodes = new ArrayList<>(counts.keySet());
      nodes.removeAll(List.of("range", "selected"));
      Path file = tmp.resolve("nodes-" + id + ".json");
      List<String> nodeIds = new ArrayList<>();
      StringBuilder json = new StringBuilder("[");
      for (int i = 0; i < nodes.size(); i++) {
        String nodeId = "node-" + i;
        nodeIds.add(nodeId);
        json.append(i == 0 ? "" : ",").append(subtreeSegment(set, s.segment(), nodes.get(i),
            nodeId));
      }
      Files.writeString(file, json.append("]").toString());
      SegmentSet withNodes = org.sparksegments.jobs.LocalFiles.segments(List.of(TestSample.examples(), own, file));
      Validator v = new Validator(catalog, new SchemaSource(null, SharedSpark::session),
          withNodes);
      Evaluator e = new Evaluator(SharedSpark.session(), catalog, v::bound);
      for (int i = 0; i < nodes.size(); i++) {
        BoundSegment node = v.bound(nodeIds.get(i)).orElseThrow(
            () -> new AssertionError("invalid subtree segment: " + withNodes.all()));
        assertEquals(e.count(node, AS_OF).matched(), counts.get(nodes.get(i)),
            id + " " + nodes.get(i));
        checked++;
      }
    }
    assertEquals(38, checked);
  }

  /** A segment with the node's JSON as its conditions, on the segment's database and range. */
  private static String subtreeSegment(SegmentSet set, Segment s, String pointer, String id) {
    Segment in = s;
    String p = pointer;
    int colon = pointer.indexOf(':');
    if (colon > 0) {
      in = set.find(pointer.substring(0, colon)).orElseThrow().segment();
      p = pointer.substring(colon + 1);
    }
    JsonNode node = in.document().at(p.substring(in.pointerPrefix().length()));
    assertFalse(node.isMissingNode(), pointer);
    ObjectNode seg = Json.MAPPER.createObjectNode();
    seg.put("id", id);
    seg.put("database", s.database());
    if (s.document().has("range")) {
      seg.set("range", s.document().get("range"));
    }
    seg.set("conditions", node);
    return seg.toString();
  }

  @Test
  void theReportIsATreeWithoutWhereNodes(@TempDir Path tmp) throws Exception {
    Path own = tmp.resolve("own.json");
    Files.writeString(own, OWN);
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(List.of(TestSample.examples(), own));
    Validator validator = new Validator(catalog, new SchemaSource(null, SharedSpark::session),
        set);
    Evaluator evaluator = new Evaluator(SharedSpark.session(), catalog, validator::bound);
    BoundSegment s = validator.bound("own-not-where").orElseThrow();
    List<String> lines = NodeCounts.lines(s, evaluator.evaluate(List.of(s), AS_OF), set);
    List<String> shape = lines.stream().map(l -> l.replaceFirst("^\\s*\\d+  ", "")).toList();
    assertEquals(List.of("range {\"from\":10,\"to\":60}",
        "/0/conditions  any of 2",
        "  /0/conditions/any/0  not",
        "    /0/conditions/any/0/not  {\"field\":\"city\",\"op\":\"eq\",\"value\":\"Berlin\"}",
        "  /0/conditions/any/1  {\"event\":\"purchase\",\"where\":{\"all\":[{\"field\":\"value\","
            + "\"op\":\"gte\",\"value\":20},{\"not\":{\"fiel…"), shape);
    BoundSegment imp = validator.bound("own-import-empty").orElseThrow();
    List<String> impShape = NodeCounts.lines(imp, evaluator.evaluate(List.of(imp), AS_OF), set)
        .stream().map(l -> l.replaceFirst("^\\s*\\d+  ", "")).toList();
    assertEquals(List.of("range (all: none given)",
        "/1/conditions  all of 2",
        "  /1/conditions/all/0  conditions_of holdout-10 (it has no conditions: true)",
        "  /1/conditions/all/1  not",
        "    /1/conditions/all/1/not  conditions_of dark-mode-multi-device",
        "      dark-mode-multi-device:/conditions  all of 3",
        "        dark-mode-multi-device:/conditions/all/0  {\"field\":\"settings.theme\",\"op\":"
            + "\"eq\",\"value\":\"dark\"}",
        "        dark-mode-multi-device:/conditions/all/1  {\"field\":\"devices\",\"op\":"
            + "\"size_gte\",\"value\":2}",
        "        dark-mode-multi-device:/conditions/all/2  {\"field\":\"country\",\"op\":"
            + "\"not_in\",\"value\":[\"US\"]}"), impShape);
  }

  @Test
  void aNodeCountEqualsAFilterWrittenByHand() throws Exception {
    BoundSegment s = new Validator(catalog, new SchemaSource(null, SharedSpark::session))
        .validate(org.sparksegments.jobs.LocalFiles.segments(TestSample.examples()).find("berlin-vips").orElseThrow())
        .segment();
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(TestSample.examples());
    Map<String, Long> counts = parse(NodeCounts.lines(s,
        new Evaluator(SharedSpark.session(), catalog).evaluate(List.of(s), AS_OF), set));
    var profiles = SharedSpark.session().read()
        .parquet(TestSample.catalog().getParent().resolve("shop/profiles").toString())
        .filter(expr("profile_id is not null and (created_at is null"
            + " or created_at <= timestamp'2026-06-01T00:00:00Z')"))
        .filter(expr("pmod(xxhash64(cast(profile_id as string)), 10000) < 2000"));
    assertEquals(profiles.count(), counts.get("range"));
    long berlin = profiles.filter(expr("lower(city) = 'berlin'")).count();
    long vip = profiles.filter(expr("is_vip = true")).count();
    assertTrue(berlin > 0 && vip > 0 && berlin != vip);
    assertEquals(berlin, counts.get("/conditions/all/0"));
    assertEquals(vip, counts.get("/conditions/all/1"));
    assertEquals(profiles.filter(expr("lower(city) = 'berlin' and is_vip")).count(),
        counts.get("/conditions"));
  }

  @Test
  void explainCountsRunsAsAUserRunsIt() throws Exception {
    Cli.Result r = Cli.run("explain", "--catalog", TestSample.catalog().toString(),
        "--segments", TestSample.examples().toString(), "--segment", "winback-candidates",
        "--as-of", "2026-06-01T00:00:00Z", "--counts", "--quiet");
    assertEquals(0, r.exit(), r.toString());
    String out = r.out();
    int at = out.indexOf("== profiles of the range passing each node (one Spark job) ==");
    assertTrue(at > out.indexOf("== physical plan"), out);
    List<String> lines = List.of(out.substring(at).split("\n")).subList(1, 5);
    assertEquals(List.of("range (all: none given)", "/conditions  all of 2",
        "  /conditions/all/0  {\"event\":\"purchase\",\"op\":\"last_before\",\"days\":90}",
        "  /conditions/all/1  {\"segment\":\"big-spenders\",\"op\":\"not_in\"}"),
        lines.stream().map(l -> l.replaceFirst("^\\s*\\d+  ", "")).toList());
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(TestSample.examples());
    Validator validator = new Validator(catalog, new SchemaSource(null, SharedSpark::session),
        set);
    Evaluator.Counts exact = new Evaluator(SharedSpark.session(), catalog, validator::bound)
        .count(validator.bound("winback-candidates").orElseThrow(), AS_OF);
    assertEquals(List.of(exact.inRange(), exact.matched()),
        parse(lines.subList(0, 2)).values().stream().toList());
  }
}
