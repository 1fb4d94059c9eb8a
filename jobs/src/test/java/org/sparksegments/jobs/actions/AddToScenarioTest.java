package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.cli.Cli;
import org.sparksegments.testing.SharedSpark;

/**
 * add-to-scenario: the hand-off rows read back id by id; running again for the same scenario
 * and as-of leaves the same rows; segments of both databases share one table; bad input writes
 * nothing.
 */
@ExtendWith(SharedSpark.class)
class AddToScenarioTest {
  private static final String BATCH = "20260601T000000.000000Z";

  @Test
  void membersAreHandedOffOnceAndReadBack(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path handoff = dir.resolve("handoff");
    List<String> members = Sandbox.members(catalog, "berlin-customers");

    JsonNode sum = add(catalog, handoff, "welcome", "berlin-customers", Sandbox.AS_OF);
    Path file = handoff.resolve("welcome/" + BATCH + "/shop.berlin-customers.parquet");
    assertTrue(sum.path("written").asBoolean(), sum.toString());
    assertEquals(members.size(), sum.path("rows").asLong());
    assertTrue(Files.isRegularFile(file), file.toString());
    Dataset<Row> rows = Sandbox.read(file);
    assertEquals("struct<scenario_id:string,profile_id:string,database:string,segment:string,"
        + "enqueued_at:timestamp>", rows.schema().catalogString());
    assertEquals(Sandbox.sorted(members), Sandbox.sorted(rows, "profile_id"));
    for (Row r : rows.collectAsList()) {
      assertEquals(List.of("welcome", "shop", "berlin-customers"),
          List.of(r.getString(0), r.getString(2), r.getString(3)), r.toString());
      assertEquals(Instant.parse(Sandbox.AS_OF), ((Timestamp) r.get(4)).toInstant());
    }

    // Again, as a user runs it: the batch is there, nothing is written.
    Map<String, String> once = Sandbox.hashes(handoff);
    Cli.Result again = Cli.run("add-to-scenario", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--scenario",
        "welcome", "--to", handoff.toString(), "--as-of", Sandbox.AS_OF, "--quiet");
    assertEquals(0, again.exit(), again.toString());
    JsonNode second = Sandbox.JSON.readTree(again.out());
    assertFalse(second.path("written").asBoolean(), again.toString());
    assertEquals(members.size(), second.path("rows").asLong());
    assertEquals(Map.of(), Sandbox.changes(once, Sandbox.hashes(handoff)));

    // Long ids of the other database in the same table, as strings; the whole folder read as
    // the docs say, recursively or with a glob (hidden work folders are skipped either way).
    List<String> power = Sandbox.members(catalog, "power-users");
    add(catalog, handoff, "welcome", "power-users", Sandbox.AS_OF);
    Path killed = handoff.resolve(".segments-work-left-by-a-kill/stage/rows");
    Files.createDirectories(killed);
    Files.copy(file, killed.resolve("part-0.parquet"));
    List<String> expected = new ArrayList<>(members);
    expected.addAll(power);
    for (Dataset<Row> all : List.of(SharedSpark.session().read()
        .option("recursiveFileLookup", "true").parquet(handoff.toString()),
        Sandbox.read(handoff.resolve("*/*/*.parquet")))) {
      assertEquals(5, all.columns().length, "no partition columns: " + all.schema());
      assertEquals(Sandbox.sorted(expected), Sandbox.sorted(all, "profile_id"));
      assertEquals(Sandbox.sorted(power), Sandbox.sorted(
          all.filter("database = 'app' and segment = 'power-users'"), "profile_id"));
    }

    // A later as-of is a new batch; batch folders sort by time.
    add(catalog, handoff, "welcome", "berlin-customers", "2026-06-02T06:30:00.5Z");
    assertEquals(List.of(BATCH, "20260602T063000.500000Z"), batches(handoff.resolve("welcome")));
  }

  @Test
  void badInputWritesNothing(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path handoff = dir.resolve("handoff");
    Files.createDirectories(handoff);
    Path file = dir.resolve("a-file");
    Files.writeString(file, "x");
    Map<String, String> before = Sandbox.hashes(dir);
    for (String[] bad : List.of(new String[] {"wel come", handoff.toString(), "--scenario"},
        new String[] {"welcome", file.toString(), "is a file"},
        new String[] {"welcome", "table:analytics.handoff", "table:analytics.handoff"})) {
      Sandbox.Run r = Sandbox.main("add-to-scenario", "--catalog", catalog.toString(),
          "--segments", TestSample.examples().toString(), "--segment", "berlin-customers",
          "--scenario", bad[0], "--to", bad[1], "--as-of", Sandbox.AS_OF);
      assertEquals(2, r.exit(), r.toString());
      assertTrue(r.err().contains(bad[2]), r.toString());
      assertEquals("", r.out());
    }
    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(dir)));
  }

  private static JsonNode add(Path catalog, Path handoff, String scenario, String segment,
      String asOf) throws Exception {
    return Sandbox.ok("add-to-scenario", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", segment, "--scenario", scenario, "--to",
        handoff.toString(), "--as-of", asOf, "--quiet").summary();
  }

  private static List<String> batches(Path scenario) throws Exception {
    try (Stream<Path> s = Files.list(scenario)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
          .toList();
    }
  }
}
