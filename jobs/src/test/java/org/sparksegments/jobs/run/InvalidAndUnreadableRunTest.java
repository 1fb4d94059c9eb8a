package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 7 and 9: a batch run with valid shop segments, one invalid segment (unknown field) and
 * the segments of a database whose profiles folder does not exist ("broken", found at
 * validation) computes the valid ones, reports the others in the manifest and the update log,
 * and exits 1 (failed wins over invalid, RunCommand); with only an invalid one it exits 2.
 * And a database whose profiles folder holds a garbage Parquet file after a good one
 * ("corrupt": valid by its first footer, failing only when Spark reads it) fails only its own
 * segments.
 */
@ExtendWith(SharedSpark.class)
class InvalidAndUnreadableRunTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";
  private static final List<String> VALID = List.of("berlin-customers", "big-spenders",
      "winback-candidates", "spring-openers");

  @Test
  void invalidAndUnreadableSegmentsAreReportedAndTheOthersComputed(@TempDir Path dir)
      throws Exception {
    Path sample = TestSample.catalog().getParent();
    Path catalog = brokenCatalog(sample, dir);
    Path segments = Files.createDirectories(dir.resolve("segments"));
    for (String id : VALID) {
      Files.copy(TestSample.examples().resolve(id + ".json"), segments.resolve(id + ".json"));
    }
    Files.writeString(segments.resolve("typo.json"), """
        { "id": "typo", "database": "shop",
          "conditions": { "field": "cityy", "op": "eq", "value": "Berlin" } }
        """);
    Files.writeString(segments.resolve("broken.json"), """
        [ { "id": "broken-all", "database": "broken" },
          { "id": "broken-berlin", "database": "broken",
            "conditions": { "field": "city", "op": "eq", "value": "Berlin" } } ]
        """);
    Path out = dir.resolve("out");

    RunHarness.Started cli = RunHarness.start("", "run", "--catalog", catalog.toString(),
        "--segments", segments.toString(), "--out", out.toString(), "--as-of", AS_OF);
    int exit = cli.finish(300);
    assertEquals(1, exit, "some segment failed: exit 1 (failed wins over invalid)\n"
        + cli.report());
    assertTrue(cli.stderr().contains("UNKNOWN_FIELD"), "the invalid segment on stderr\n"
        + cli.report());

    List<Path> runs = RunHarness.runFolders(out);
    assertEquals(1, runs.size(), "" + runs);
    Path run = runs.get(0);
    assertTrue(Files.exists(run.resolve("manifest.json")), "the run completed\n" + cli.report());
    assertTrue(cli.stdout().contains(run.getFileName().toString()), cli.report());
    JsonNode manifest = RunHarness.manifest(run);
    Map<String, JsonNode> segs = RunHarness.manifestSegments(manifest);
    assertEquals(Set.of("berlin-customers", "big-spenders", "winback-candidates",
        "spring-openers", "typo", "broken-all", "broken-berlin"),
        segs.keySet(), "every segment in the manifest");

    // The invalid one: status invalid, its error with code and pointer, no output.
    JsonNode typo = segs.get("typo");
    assertEquals("invalid", typo.path("status").asText(), typo.toString());
    assertEquals("shop", typo.path("database").asText());
    assertEquals(64, typo.path("definition_sha256").asText().length(), typo.toString());
    assertEquals(1, typo.path("errors").size(), typo.toString());
    JsonNode err = typo.path("errors").get(0);
    assertEquals("UNKNOWN_FIELD", err.path("code").asText(), err.toString());
    assertEquals("/conditions/field", err.path("pointer").asText(), err.toString());
    assertTrue(err.path("message").asText().contains("cityy")
        && err.path("message").asText().contains("city"), err.toString());

    // Database broken: its profiles folder does not exist.
    for (String id : List.of("broken-all", "broken-berlin")) {
      JsonNode s = segs.get(id);
      assertEquals("failed", s.path("status").asText(), s.toString());
      assertEquals("broken", s.path("database").asText(), s.toString());
      assertFalse(s.path("errors").isEmpty(), s.toString());
      String message = s.path("errors").get(0).path("message").asText();
      assertTrue(message.contains("broken") && message.contains("profiles"),
          "a clear message for " + id + ": " + s);
    }
    // Failed and invalid segments: zero counts, no members, no changes.
    assertNoOutput(run, segs, List.of("typo", "broken-all", "broken-berlin"));

    // The valid ones: ok, members as the engine selects them, all entered.
    RunHarness.Prepared p = RunHarness.prepare(catalog, segments);
    for (String id : VALID) {
      JsonNode s = segs.get(id);
      assertEquals("ok", s.path("status").asText(), s.toString());
      assertEquals(0, s.path("errors").size(), s.toString());
      List<String> members = RunHarness.members(run, id, "profile_id");
      FrameAssert.assertIds(RunHarness.expectedMembers(p, id,
          java.time.Instant.parse(AS_OF)), members, id);
      assertFalse(members.isEmpty(), id + " has members");
      assertEquals(members.size(), s.path("selected").asLong(), s.toString());
      FrameAssert.assertSameIds(members, RunHarness.changes(run, id, "profile_id")
          .get("entered"), "entered of " + id);
    }

    assertCountsRows(out, segs);

    // Only invalid (no failing database): exit 2, the valid one computed.
    Path out2 = dir.resolve("out2");
    RunHarness.Started only = RunHarness.start("", "run", "--catalog", catalog.toString(),
        "--segments", segments.toString(), "--out", out2.toString(), "--as-of", AS_OF,
        "--only", "typo,berlin-customers", "--quiet");
    assertEquals(2, only.finish(300), "only an invalid segment: exit 2\n" + only.report());
    Path run2 = RunHarness.runFolders(out2).get(0);
    Map<String, JsonNode> segs2 = RunHarness.manifestSegments(RunHarness.manifest(run2));
    assertEquals(List.of("berlin-customers", "typo"), List.copyOf(new TreeSet<>(segs2.keySet())));
    assertEquals("invalid", segs2.get("typo").path("status").asText());
    assertEquals("ok", segs2.get("berlin-customers").path("status").asText());
    FrameAssert.assertIds(RunHarness.members(run, "berlin-customers", "profile_id"),
        RunHarness.members(run2, "berlin-customers", "profile_id"), "berlin-customers");
  }

  /**
   * A database that passes validation (its first footer is good) but fails when Spark reads its
   * profiles: its segment fails with a message naming it, the shop segments of the same run are
   * computed, the manifest is written. The run must not abort (spec 9: "a database whose tables
   * cannot be read fails only its segments").
   */
  @Test
  void aDatabaseFailingWhileComputedFailsOnlyItsSegments(@TempDir Path dir) throws Exception {
    Path catalog = brokenCatalog(TestSample.catalog().getParent(), dir);
    Path segments = Files.createDirectories(dir.resolve("segments"));
    for (String id : List.of("berlin-customers", "spring-openers")) {
      Files.copy(TestSample.examples().resolve(id + ".json"), segments.resolve(id + ".json"));
    }
    Files.writeString(segments.resolve("corrupt.json"), """
        { "id": "corrupt-berlin", "database": "corrupt",
          "conditions": { "field": "city", "op": "eq", "value": "Berlin" } }
        """);
    RunHarness.Prepared p = RunHarness.prepare(catalog, segments);
    for (BatchRun.Planned planned : p.planned()) {
      assertTrue(planned.bound() != null, planned.id() + " valid: " + planned.errors());
    }
    Path out = dir.resolve("out");
    RunHarness.Ran result;
    try {
      result = RunHarness.run(p, out, java.time.Instant.parse(AS_OF));
    } catch (Exception e) {
      // A SparkException is a checked exception that Scala code throws undeclared.
      throw new AssertionError("the run aborted instead of failing only the segments of"
          + " database corrupt (no manifest: " + RunHarness.runFolders(out) + "): " + e, e);
    }
    assertEquals(List.of("corrupt-berlin"), result.failed());
    assertEquals(List.of(), result.invalid());
    Map<String, JsonNode> segs = RunHarness.manifestSegments(RunHarness.manifest(result.run()));
    JsonNode corrupt = segs.get("corrupt-berlin");
    assertEquals("failed", corrupt.path("status").asText(), corrupt.toString());
    assertEquals("corrupt", corrupt.path("database").asText(), corrupt.toString());
    assertFalse(corrupt.path("errors").isEmpty(), corrupt.toString());
    String message = corrupt.path("errors").get(0).path("message").asText();
    assertTrue(message.contains("'corrupt'"), "a message naming the database: " + corrupt);
    assertNoOutput(result.run(), segs, List.of("corrupt-berlin"));
    for (String id : List.of("berlin-customers", "spring-openers")) {
      assertEquals("ok", segs.get(id).path("status").asText(), segs.get(id).toString());
      FrameAssert.assertIds(RunHarness.expectedMembers(p, id, java.time.Instant.parse(AS_OF)),
          RunHarness.members(result.run(), id, "profile_id"), id);
    }
    assertCountsRows(out, segs);
  }

  /** Failed and invalid segments: zero counts, no members, no changes. */
  private static void assertNoOutput(Path run, Map<String, JsonNode> segs, List<String> ids) {
    for (String id : ids) {
      JsonNode s = segs.get(id);
      for (String n : List.of("in_range", "matched", "selected", "entered", "left")) {
        assertEquals(0, s.path(n).asLong(), n + " of " + s);
      }
      assertFalse(Files.exists(run.resolve("members/segment=" + id)), "members of " + id);
      assertFalse(Files.exists(run.resolve("changes/segment=" + id)), "changes of " + id);
    }
  }

  /** The update log has one row for each segment of the manifest, with its status. */
  private static void assertCountsRows(Path out, Map<String, JsonNode> segs) {
    List<Row> counts = SharedSpark.session().read().parquet(out.resolve("counts").toString())
        .select("segment", "status").collectAsList();
    Set<String> rows = new TreeSet<>();
    counts.forEach(r -> rows.add(r.getString(0) + ":" + r.getString(1)));
    Set<String> expected = new TreeSet<>();
    segs.forEach((id, s) -> expected.add(id + ":" + s.path("status").asText()));
    assertEquals(expected, rows, "counts rows");
    assertEquals(segs.size(), counts.size(), "one counts row per segment: " + counts);
  }

  /**
   * The sample's catalog with absolute sources (shop only), plus database "broken" whose
   * profiles folder does not exist and database "corrupt" whose profiles folder holds the
   * shop's profile files followed by a garbage .parquet file.
   */
  private static Path brokenCatalog(Path sample, Path dir) throws Exception {
    ObjectNode root = (ObjectNode) RunHarness.JSON.readTree(sample.resolve("catalog.json")
        .toFile());
    ObjectNode dbs = (ObjectNode) root.get("databases");
    dbs.remove("app");
    ObjectNode shop = (ObjectNode) dbs.get("shop");
    for (String t : List.of("profiles", "subscriptions", "events", "static_segments")) {
      shop.put(t, sample.resolve(shop.get(t).asText()).toString());
    }
    ObjectNode crm = (ObjectNode) shop.get("external").get("crm");
    crm.put("source", sample.resolve(crm.get("source").asText()).toString());

    ObjectNode broken = dbs.putObject("broken");
    broken.put("id_column", "profile_id");
    broken.put("profiles", dir.resolve("nowhere/profiles").toString());

    Path corruptProfiles = Files.createDirectories(dir.resolve("corrupt/profiles"));
    try (Stream<Path> s = Files.list(sample.resolve("shop/profiles"))) {
      for (Path f : s.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
        Files.copy(f, corruptProfiles.resolve(f.getFileName()));
      }
    }
    Files.write(corruptProfiles.resolve("zz-garbage.parquet"),
        "this is not a parquet file, only some text long enough to have a tail\n"
            .repeat(20).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ObjectNode corrupt = dbs.putObject("corrupt");
    corrupt.put("id_column", "profile_id");
    corrupt.put("timezone", "Europe/Berlin");
    corrupt.put("profiles", corruptProfiles.toString());

    Path file = dir.resolve("catalog.json");
    RunHarness.JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    return file;
  }
}
