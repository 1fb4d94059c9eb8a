package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 9 over three runs with the as-of moving forward: members are the engine's own selection,
 * changes are the set differences of consecutive runs (the first run: every member entered), the
 * manifest's counts match, and {@code counts/} holds one matching row per segment per run.
 */
@ExtendWith(SharedSpark.class)
class ChangesOverRunsTest {
  private static final List<Instant> AS_OFS = List.of(
      Instant.parse("2026-05-01T00:00:00Z"),
      Instant.parse("2026-05-15T00:00:00Z"),
      Instant.parse("2026-06-01T00:00:00Z"));
  /** Segments also checked against an evaluation of their own (time windows, a reference). */
  private static final Set<String> ALONE = Set.of("newcomers-90d", "spring-openers",
      "winback-candidates", "app-newcomers-active");

  @Test
  void changesAreTheDifferencesOfConsecutiveRuns(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    RunHarness.Prepared p = RunHarness.prepare(TestSample.catalog(), TestSample.examples());
    for (BatchRun.Planned planned : p.planned()) {
      assertTrue(planned.bound() != null, planned.id() + " invalid: " + planned.errors());
    }
    List<Path> runs = new ArrayList<>();
    for (Instant asOf : AS_OFS) {
      RunHarness.Ran r = RunHarness.run(p, out, asOf);
      assertEquals(List.of(), r.failed());
      assertEquals(List.of(), r.invalid());
      runs.add(r.run());
    }
    assertEquals(runs, RunHarness.runFolders(out), "three run folders, in as-of order");

    Map<String, List<String>> previous = new HashMap<>();
    int[] enteredTotal = new int[AS_OFS.size()];
    int[] leftTotal = new int[AS_OFS.size()];
    List<JsonNode> manifests = new ArrayList<>();
    for (int k = 0; k < runs.size(); k++) {
      Path run = runs.get(k);
      Instant asOf = AS_OFS.get(k);
      JsonNode manifest = RunHarness.manifest(run);
      manifests.add(manifest);
      assertEquals(run.getFileName().toString(), manifest.path("run_id").asText());
      assertEquals(asOf.toString(), manifest.path("as_of").asText());
      Map<String, JsonNode> segs = RunHarness.manifestSegments(manifest);
      Map<String, List<String>> expected = RunHarness.expectedMembersAll(p, asOf);
      assertEquals(p.ids(), List.copyOf(segs.keySet()), "manifest segments of run " + k);
      for (String id : p.ids()) {
        String where = id + " in run " + (k + 1) + " as of " + asOf;
        BoundSegment s = p.bound(id);
        String idColumn = s.database().idColumn();
        List<String> members = RunHarness.members(run, id, idColumn);
        FrameAssert.assertIds(expected.get(id), members, where);
        if (ALONE.contains(id)) {
          FrameAssert.assertIds(RunHarness.expectedMembers(p, id, asOf), members,
              where + ", evaluated alone");
        }

        Map<String, Set<String>> changes = RunHarness.changes(run, id, idColumn);
        List<String> before = previous.getOrDefault(id, List.of());
        FrameAssert.assertSameIds(RunHarness.minus(members, before), changes.get("entered"),
            "entered of " + where);
        FrameAssert.assertSameIds(RunHarness.minus(before, members), changes.get("left"),
            "left of " + where);
        enteredTotal[k] += changes.get("entered").size();
        leftTotal[k] += changes.get("left").size();

        JsonNode m = segs.get(id);
        assertEquals("ok", m.path("status").asText(), where);
        assertEquals(0, m.path("errors").size(), where);
        assertEquals(s.database().name(), m.path("database").asText(), where);
        assertEquals(members.size(), m.path("selected").asLong(), "selected of " + where);
        assertTrue(m.path("in_range").asLong() >= m.path("matched").asLong()
            && m.path("matched").asLong() >= members.size(), "in_range >= matched >= selected: "
            + m);
        assertEquals(changes.get("entered").size(), m.path("entered").asLong(),
            "entered of " + where);
        assertEquals(changes.get("left").size(), m.path("left").asLong(), "left of " + where);
        previous.put(id, members);
      }
    }
    // The first run: everything entered, nothing left; later runs really move.
    assertEquals(0, leftTotal[0]);
    assertTrue(enteredTotal[0] > 0);
    for (int k = 1; k < runs.size(); k++) {
      assertTrue(enteredTotal[k] > 0 && leftTotal[k] > 0,
          "run " + (k + 1) + " should have entries and exits: entered " + enteredTotal[k]
              + ", left " + leftTotal[k]);
    }
    Map<String, Set<String>> newcomers = RunHarness.changes(runs.get(2), "newcomers-90d",
        "profile_id");
    assertFalse(newcomers.get("entered").isEmpty(), "newcomers-90d gains profiles by June");
    assertFalse(newcomers.get("left").isEmpty(), "newcomers-90d loses profiles by June");

    checkCounts(out, runs, manifests, p.ids());
  }

  /** counts/: one row per segment per run, equal to the manifests, readable by Spark and
   *  by a plain Parquet reader. */
  private static void checkCounts(Path out, List<Path> runs, List<JsonNode> manifests,
      List<String> ids) throws Exception {
    List<Row> rows = SharedSpark.session().read().parquet(out.resolve("counts").toString())
        .select("run_id", "as_of", "finished_at", "segment", "database", "status", "in_range",
            "matched", "selected", "entered", "left")
        .collectAsList();
    assertEquals(runs.size() * ids.size(), rows.size(), "rows of counts/: " + rows);
    Set<String> keys = new HashSet<>();
    for (Row r : rows) {
      String runId = r.getString(0);
      int k = runs.stream().map(x -> x.getFileName().toString()).toList().indexOf(runId);
      assertTrue(k >= 0, "counts row of an unknown run: " + r);
      assertTrue(keys.add(runId + "/" + r.getString(3)), "duplicate counts row: " + r);
      JsonNode manifest = manifests.get(k);
      JsonNode m = RunHarness.manifestSegments(manifest).get(r.getString(3));
      String where = "counts row " + r;
      assertEquals(Instant.parse(manifest.path("as_of").asText()),
          ((Timestamp) r.get(1)).toInstant(), where);
      assertEquals(Instant.parse(manifest.path("finished_at").asText()),
          ((Timestamp) r.get(2)).toInstant(), where);
      assertEquals(m.path("database").asText(), r.getString(4), where);
      assertEquals(m.path("status").asText(), r.getString(5), where);
      String[] names = {"in_range", "matched", "selected", "entered", "left"};
      for (int i = 0; i < names.length; i++) {
        assertEquals(m.path(names[i]).asLong(), r.getLong(6 + i), names[i] + " of " + where);
      }
    }
    // Any Parquet reader: the run's folder holds plain Parquet files with the columns.
    for (int k = 0; k < runs.size(); k++) {
      String runId = runs.get(k).getFileName().toString();
      List<Path> files = RunHarness.dataFiles(out.resolve("counts").resolve("run_id=" + runId));
      assertFalse(files.isEmpty(), "counts files of " + runId);
      Set<String> segments = new TreeSet<>();
      for (Path f : files) {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
            new org.apache.hadoop.fs.Path(f.toUri())).withConf(new Configuration()).build()) {
          for (Group g = reader.read(); g != null; g = reader.read()) {
            assertEquals(runId, g.getString("run_id", 0));
            segments.add(g.getString("segment", 0));
            assertEquals(RunHarness.manifestSegments(manifests.get(k)).get(
                g.getString("segment", 0)).path("selected").asLong(), g.getLong("selected", 0));
          }
        }
      }
      assertEquals(new TreeSet<>(ids), segments, "segments in the counts files of " + runId);
    }
    try (var s = Files.list(out.resolve("counts"))) {
      assertEquals(runs.size(), s.filter(x -> x.getFileName().toString().startsWith("run_id="))
          .count());
    }
  }
}
