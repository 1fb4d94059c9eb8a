package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.reference.ReferenceData;
import org.sparksegments.jobs.reference.ReferenceEvaluator;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 7 inside a run: whatever goes wrong with one segment costs that segment only. A has_all
 * of 100,000 values is computed; a file that is not JSON is listed in the manifest as invalid,
 * by its file; an error thrown while one segment is evaluated (a stack overflow, forced by the
 * test-only {@link TestFaults}) fails that segment alone, and the segments evaluated in the same
 * batch are computed all the same.
 */
@ExtendWith(SharedSpark.class)
class RunContainmentTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final List<String> GOOD = List.of("berlin-customers", "big-spenders");

  @Test
  void aHugeHasAllAndAMalformedFileCostNothingElse(@TempDir Path dir) throws Exception {
    Path segments = Files.createDirectories(dir.resolve("segments"));
    for (String id : GOOD) {
      Files.copy(TestSample.examples().resolve(id + ".json"), segments.resolve(id + ".json"));
    }
    ObjectNode hasAll = RunHarness.JSON.createObjectNode();
    hasAll.put("id", "tags-has-all-100k").put("database", "shop");
    ArrayNode values = hasAll.putObject("conditions").put("field", "tags").put("op", "has_all")
        .putArray("value");
    for (int i = 0; i < 100_000; i++) {
      // The same two tags over and over: some profiles have both, so the result means something.
      values.add(i % 2 == 0 ? "sale" : "vip");
    }
    Files.writeString(segments.resolve("tags-has-all-100k.json"),
        RunHarness.JSON.writeValueAsString(hasAll));
    Files.writeString(segments.resolve("not-json.json"), "{ \"id\": \"not-json\", \"database\": ");
    Path out = dir.resolve("out");

    RunHarness.Started cli = RunHarness.start("", "run", "--catalog",
        TestSample.catalog().toString(), "--segments", segments.toString(), "--out",
        out.toString(), "--as-of", AS_OF.toString());
    assertEquals(2, cli.finish(600), "an invalid file: exit 2 at the end\n" + cli.report());
    assertTrue(cli.stderr().contains("MALFORMED_JSON"), cli.report());
    Path run = RunHarness.runFolders(out).get(0);
    JsonNode manifest = RunHarness.manifest(run);
    assertEquals(4, manifest.path("segments").size(), "every file given: " + manifest);

    JsonNode broken = null;
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode s : manifest.path("segments")) {
      if (s.path("id").isNull()) {
        broken = s;
      } else {
        byId.put(s.path("id").asText(), s);
      }
    }
    assertTrue(broken != null, "the malformed file is in the manifest: " + manifest);
    assertEquals("invalid", broken.path("status").asText(), broken.toString());
    assertTrue(broken.path("database").isNull() && broken.path("definition_sha256").isNull(),
        broken.toString());
    assertEquals(1, broken.path("errors").size(), broken.toString());
    JsonNode err = broken.path("errors").get(0);
    assertEquals("MALFORMED_JSON", err.path("code").asText(), err.toString());
    assertEquals("", err.path("pointer").asText(), err.toString());
    assertTrue(err.path("message").asText().startsWith("In "
        + RunHarness.qualified(segments.resolve("not-json.json")) + ": ")
        && err.path("message").asText().contains("line 1, column"), err.toString());

    Map<String, JsonNode> docs = new LinkedHashMap<>();
    for (String id : List.of("berlin-customers", "big-spenders", "tags-has-all-100k")) {
      docs.put(id, RunHarness.JSON.readTree(segments.resolve(id + ".json").toFile()));
    }
    ReferenceEvaluator ref = new ReferenceEvaluator(
        ReferenceData.load(SharedSpark.session(), TestSample.catalog(), "shop"), AS_OF, docs);
    for (String id : docs.keySet()) {
      JsonNode s = byId.get(id);
      assertEquals("ok", s.path("status").asText(), s.toString());
      assertEquals(ref.matched(id).size(), s.path("matched").asLong(), s.toString());
      assertEquals(ref.selected(id).size(), s.path("selected").asLong(), s.toString());
      FrameAssert.assertIds(BigTreesTest.strings(ref.selected(id)),
          RunHarness.members(run, id, "profile_id"), "members of " + id);
    }
    assertTrue(ref.matched("tags-has-all-100k").size() > 0, "some profiles have both tags");
  }

  @Test
  void anErrorInOneSegmentFailsThatSegmentOnly(@TempDir Path dir) throws Exception {
    Path segments = Files.createDirectories(dir.resolve("segments"));
    List<String> ids = List.of("berlin-customers", "big-spenders", "winback-candidates",
        "spring-openers", "eco-or-sport");
    for (String id : ids) {
      Files.copy(TestSample.examples().resolve(id + ".json"), segments.resolve(id + ".json"));
    }
    RunHarness.Prepared p = RunHarness.prepare(TestSample.catalog(), segments);
    List<String> progress = new ArrayList<>();
    RunHarness.Ran ran;
    System.setProperty(TestFaults.PROPERTY, "winback-candidates");
    try {
      ran = RunHarness.run(p, dir.resolve("out"), AS_OF, progress::add,
          java.time.Clock.systemUTC());
    } finally {
      System.clearProperty(TestFaults.PROPERTY);
    }
    assertEquals(List.of("winback-candidates"), ran.failed(), String.join("\n", progress));
    Map<String, JsonNode> segs = RunHarness.manifestSegments(RunHarness.manifest(ran.run()));
    assertEquals(ids.size(), segs.size(), segs.keySet().toString());
    JsonNode failed = segs.get("winback-candidates");
    assertEquals("failed", failed.path("status").asText(), failed.toString());
    JsonNode err = failed.path("errors").get(0);
    assertEquals("EVALUATION_FAILED", err.path("code").asText(), err.toString());
    assertTrue(err.path("message").asText().contains("StackOverflowError"), err.toString());
    assertTrue(err.path("message").asText().length() < 700, err.toString());
    for (String n : List.of("in_range", "matched", "selected", "entered", "left")) {
      assertEquals(0, failed.path(n).asLong(), n + " of " + failed);
    }
    assertFalse(Files.exists(ran.run().resolve("members/segment=winback-candidates")));
    assertFalse(Files.exists(ran.run().resolve("changes/segment=winback-candidates")));
    for (String id : ids) {
      if (id.equals("winback-candidates")) {
        continue;
      }
      JsonNode s = segs.get(id);
      assertEquals("ok", s.path("status").asText(), s.toString());
      List<String> members = RunHarness.members(ran.run(), id, "profile_id");
      FrameAssert.assertIds(RunHarness.expectedMembers(p, id, AS_OF), members, id);
      assertEquals(members.size(), s.path("selected").asLong(), s.toString());
      FrameAssert.assertSameIds(members, RunHarness.changes(ran.run(), id, "profile_id")
          .get("entered"), "entered of " + id);
    }
    // Each table once in the inputs, however many attempts read it.
    List<String> tables = new ArrayList<>();
    RunHarness.manifest(ran.run()).path("inputs").forEach(i -> tables.add(
        i.path("database").asText() + "/" + i.path("table").asText()));
    assertEquals(tables.stream().distinct().toList(), tables, "inputs listed once");
  }
}
