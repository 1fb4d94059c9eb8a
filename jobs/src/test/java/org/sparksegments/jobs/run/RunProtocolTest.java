package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 9, the commit protocol: two runs started at the same instant into one output folder get
 * different run ids and both complete; a complete run whose counts are missing (killed between
 * manifest and counts) gets them from its manifest in the next run; stray and damaged entries
 * under {@code runs/} are named on the progress lines and skipped, and left as they are.
 */
@ExtendWith(SharedSpark.class)
class RunProtocolTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final Clock SAME = Clock.fixed(Instant.parse("2026-06-02T03:04:05.678Z"),
      ZoneOffset.UTC);
  private static final List<String> SEGMENTS = List.of("berlin-customers", "spring-openers");

  @Test
  void twoRunsStartedAtOnceGetTheirOwnIdsAndBothComplete(@TempDir Path dir) throws Exception {
    RunHarness.Prepared p = prepare(dir);
    Path out = dir.resolve("out");
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<RunHarness.Ran> ran = new ArrayList<>();
    try {
      List<Future<RunHarness.Ran>> both = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        both.add(pool.submit(() -> {
          start.await(60, TimeUnit.SECONDS);
          return RunHarness.run(p, out, AS_OF, msg -> { }, SAME);
        }));
      }
      for (Future<RunHarness.Ran> f : both) {
        ran.add(f.get(600, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    Set<String> ids = new TreeSet<>();
    ran.forEach(r -> ids.add(r.runId()));
    assertEquals(Set.of("20260602T030405.678Z", "20260602T030405.678Z-2"), ids,
        "one run has the time as its id, the other the next suffix");
    assertEquals(RunHarness.runFolders(out), RunHarness.completeRuns(out), "both complete");
    for (RunHarness.Ran r : ran) {
      assertEquals(List.of(), r.failed(), r.runId());
      assertTrue(Files.isRegularFile(r.run().resolve(RunStore.CLAIM)), "claim of " + r.runId());
      Map<String, JsonNode> segs = RunHarness.manifestSegments(RunHarness.manifest(r.run()));
      assertEquals(new TreeSet<>(SEGMENTS), segs.keySet(), r.runId());
      for (String id : SEGMENTS) {
        // Neither run was complete when the other started: both are first runs.
        assertEquals("ok", segs.get(id).path("status").asText(), id + " in " + r.runId());
        assertEquals(RunHarness.expectedMembers(p, id, AS_OF),
            RunHarness.members(r.run(), id, "profile_id"), id + " in " + r.runId());
        assertEquals(segs.get(id).path("selected").asLong(), segs.get(id).path("entered")
            .asLong(), "first run: all entered: " + id + " in " + r.runId());
      }
      assertCountsAreTheManifest(out, r.run());
    }
  }

  @Test
  void aCompleteRunWithoutCountsGetsThemFromItsManifest(@TempDir Path dir) throws Exception {
    RunHarness.Prepared p = prepare(dir);
    Path out = dir.resolve("out");
    RunHarness.Ran first = RunHarness.run(p, out, AS_OF);
    Path counts = out.resolve("counts").resolve("run_id=" + first.runId());
    assertTrue(Files.isRegularFile(counts.resolve("_SUCCESS")), "counts of the first run");
    Map<String, String> before = RunHarness.hashTree(first.run());
    // A kill between the manifest and the counts leaves no counts folder, or a partial one.
    RunHarness.deleteTree(counts);

    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    RunHarness.Ran second = RunHarness.run(p, out, AS_OF.plusSeconds(86_400), progress::add,
        Clock.systemUTC());
    assertEquals(List.of(), second.failed());
    assertCountsAreTheManifest(out, first.run());
    assertCountsAreTheManifest(out, second.run());
    assertEquals(before, RunHarness.hashTree(first.run()), "the first run's folder unchanged");
    String countsUri = RunHarness.qualified(counts);
    assertTrue(progress.stream().anyMatch(l -> l.contains("counts of run " + first.runId())
        && l.contains(countsUri)), "the repair reported: " + progress);
    List<Row> all = SharedSpark.session().read().parquet(out.resolve("counts").toString())
        .collectAsList();
    assertEquals(2 * SEGMENTS.size(), all.size(), "one row per segment per run: " + all);
  }

  @Test
  void strayAndDamagedEntriesUnderRunsAreNamedAndSkipped(@TempDir Path dir) throws Exception {
    RunHarness.Prepared p = prepare(dir);
    Path out = dir.resolve("out");
    RunHarness.Ran first = RunHarness.run(p, out, AS_OF);
    Path runs = out.resolve("runs");
    Path stray = Files.writeString(runs.resolve("notes.txt"), "not a run\n");
    // Named to sort after every run: were it read as a run, it would be the previous one.
    Path damaged = Files.createDirectories(runs.resolve("29990101T000000.000Z"));
    Files.writeString(damaged.resolve("manifest.json"), "{\"run_id\": \"29990101T000000.000Z\","
        + " \"segments\": [{\"id\": \"berlin-cust", StandardCharsets.UTF_8);
    Path noSegments = Files.createDirectories(runs.resolve("29990102T000000.000Z"));
    Files.writeString(noSegments.resolve("manifest.json"), "{\"run_id\": \"x\"}");
    Map<String, String> before = RunHarness.hashTree(runs);

    List<String> progress = Collections.synchronizedList(new ArrayList<>());
    RunHarness.Ran next = RunHarness.run(p, out, AS_OF, progress::add, Clock.systemUTC());
    assertEquals(List.of(), next.failed());
    assertEquals(List.of(), next.invalid());
    Map<String, JsonNode> segs = RunHarness.manifestSegments(RunHarness.manifest(next.run()));
    for (String id : SEGMENTS) {
      assertEquals("ok", segs.get(id).path("status").asText(), id);
      // Compared with the first run (same as-of), not with the damaged folders: no change.
      assertEquals(0, segs.get(id).path("entered").asLong(), id);
      assertEquals(0, segs.get(id).path("left").asLong(), id);
    }
    for (Path skipped : List.of(stray, damaged, noSegments)) {
      String uri = RunHarness.qualified(skipped);
      assertTrue(progress.stream().anyMatch(l -> l.startsWith("skipped " + uri + ":")),
          "skipped " + uri + " reported: " + progress);
    }
    Map<String, String> after = RunHarness.hashTree(runs);
    after.keySet().removeIf(k -> k.startsWith(next.run().getFileName() + "/"));
    assertEquals(before, after, "earlier and stray entries unchanged");
    assertEquals(List.of(first.run(), next.run()), RunHarness.completeRuns(out));
    assertCountsAreTheManifest(out, next.run());
    assertFalse(Files.exists(out.resolve("counts").resolve("run_id=" + damaged.getFileName())),
        "no counts for a damaged run");
  }

  private static RunHarness.Prepared prepare(Path dir) throws Exception {
    Path segments = Files.createDirectories(dir.resolve("segments"));
    for (String id : SEGMENTS) {
      Files.copy(TestSample.examples().resolve(id + ".json"), segments.resolve(id + ".json"));
    }
    return RunHarness.prepare(TestSample.catalog(), segments);
  }

  /** The run's counts folder holds one Parquet file, a row per segment equal to the manifest. */
  private static void assertCountsAreTheManifest(Path out, Path run) throws Exception {
    String runId = run.getFileName().toString();
    Path folder = out.resolve("counts").resolve("run_id=" + runId);
    assertEquals(1, RunHarness.dataFiles(folder).size(), "one counts file in " + folder);
    assertTrue(Files.isRegularFile(folder.resolve("_SUCCESS")), folder.toString());
    JsonNode manifest = RunHarness.manifest(run);
    Map<String, String> expected = new TreeMap<>();
    for (JsonNode s : manifest.path("segments")) {
      expected.put(s.path("id").asText(), String.join(",", runId,
          Instant.parse(manifest.path("as_of").asText()).toString(),
          Instant.parse(manifest.path("finished_at").asText()).toString(),
          s.path("database").asText(), s.path("status").asText(), s.path("in_range").asText(),
          s.path("matched").asText(), s.path("selected").asText(), s.path("entered").asText(),
          s.path("left").asText()));
    }
    Map<String, String> actual = new TreeMap<>();
    for (Row r : SharedSpark.session().read().parquet(folder.toString())
        .select("run_id", "as_of", "finished_at", "segment", "database", "status", "in_range",
            "matched", "selected", "entered", "left").collectAsList()) {
      actual.put(r.getString(3), String.join(",", r.getString(0),
          ((Timestamp) r.get(1)).toInstant().toString(),
          ((Timestamp) r.get(2)).toInstant().toString(), r.getString(4), r.getString(5),
          String.valueOf(r.getLong(6)), String.valueOf(r.getLong(7)),
          String.valueOf(r.getLong(8)), String.valueOf(r.getLong(9)),
          String.valueOf(r.getLong(10))));
    }
    assertEquals(expected, actual, "counts rows of " + runId);
  }
}
