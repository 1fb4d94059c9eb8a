package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 9: "a failure or a kill midway leaves earlier runs readable". A complete run as of May,
 * then {@code scripts/segments run} as of June killed with SIGKILL once it has written members
 * but no manifest; the earlier run stays byte for byte, the partial run has no manifest and is
 * ignored, and the next complete run's changes are against the earlier complete run.
 */
@ExtendWith(SharedSpark.class)
class KillMidRunTest {
  private static final Instant EARLIER = Instant.parse("2026-05-01T00:00:00Z");
  private static final Instant LATER = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void aKilledRunLeavesTheEarlierRunAndIsIgnored(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out");
    Path catalog = TestSample.catalog();
    RunHarness.Prepared p = RunHarness.prepare(catalog, TestSample.examples());
    Path earlier = RunHarness.run(p, out, EARLIER).run();
    Map<String, String> before = RunHarness.hashTree(out);
    assertTrue(before.containsKey("runs/" + earlier.getFileName() + "/manifest.json"), "" + before);

    RunHarness.Started cli = RunHarness.start("", "run", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString(), "--out", out.toString(),
        "--as-of", LATER.toString());
    Path partial = null;
    long deadline = System.nanoTime() + 240_000_000_000L;
    try {
      while (partial == null) {
        if (!cli.process().isAlive()) {
          fail("the run ended (exit " + cli.process().exitValue() + ") before it could be killed"
              + " midway\n" + cli.report());
        }
        if (System.nanoTime() > deadline) {
          fail("no members written in time\n" + cli.report());
        }
        for (Path run : RunHarness.runFolders(out)) {
          if (!run.equals(earlier) && hasMembers(run) && !Files.exists(run.resolve(
              "manifest.json"))) {
            partial = run;
          }
        }
        if (partial == null) {
          Thread.sleep(5);
        }
      }
      cli.process().destroyForcibly(); // SIGKILL: the script execs java, so this is the JVM
      assertTrue(cli.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      cli.process().destroyForcibly();
    }
    assertEquals(137, cli.process().exitValue(), "killed by SIGKILL\n" + cli.report());
    assertFalse(Files.exists(partial.resolve("manifest.json")),
        "the killed run got its manifest: it was not killed midway\n" + cli.report());
    String partialState = listing(partial);

    // The earlier run (and its counts) byte for byte; the killed run published no counts.
    assertUnchanged(before, out, "after the kill");
    assertEquals(List.of("run_id=" + earlier.getFileName()), countsEntries(out), "counts/");

    // The next complete run ignores the partial one: changes against the earlier run.
    RunHarness.Ran next = RunHarness.run(p, out, LATER);
    assertEquals(List.of(), next.failed());
    assertUnchanged(before, out, "after the next run");
    assertFalse(Files.exists(partial.resolve("manifest.json")), "the partial run stays partial");
    assertEquals(List.of(earlier, next.run()), RunHarness.completeRuns(out));
    assertEquals(List.of("run_id=" + earlier.getFileName(), "run_id=" + next.run().getFileName()),
        countsEntries(out), "counts/ after the next run (staged rows of the killed run gone)");

    int moved = 0;
    Map<String, com.fasterxml.jackson.databind.JsonNode> manifest =
        RunHarness.manifestSegments(RunHarness.manifest(next.run()));
    for (String id : p.ids()) {
      String idColumn = p.idColumn(id);
      List<String> was = RunHarness.members(earlier, id, idColumn);
      List<String> now = RunHarness.members(next.run(), id, idColumn);
      Map<String, Set<String>> changes = RunHarness.changes(next.run(), id, idColumn);
      String where = id + " (earlier run " + earlier.getFileName() + ", killed run "
          + partial.getFileName() + ": " + partialState + ")";
      FrameAssert.assertSameIds(RunHarness.minus(now, was), changes.get("entered"),
          "entered = now - earlier for " + where);
      FrameAssert.assertSameIds(RunHarness.minus(was, now), changes.get("left"),
          "left = earlier - now for " + where);
      assertEquals(changes.get("entered").size(), manifest.get(id).path("entered").asLong(), id);
      assertEquals(changes.get("left").size(), manifest.get(id).path("left").asLong(), id);
      moved += changes.get("entered").isEmpty() || changes.get("left").isEmpty() ? 0 : 1;
    }
    assertTrue(moved >= 2, "at least two segments both gain and lose members from May to June");
  }

  private static boolean hasMembers(Path run) throws Exception {
    Path members = run.resolve("members");
    if (!Files.isDirectory(members)) {
      return false;
    }
    try (Stream<Path> s = Files.list(members)) {
      return s.anyMatch(f -> f.getFileName().toString().startsWith("segment="));
    }
  }

  private static void assertUnchanged(Map<String, String> before, Path out, String when)
      throws Exception {
    Map<String, String> now = RunHarness.hashTree(out);
    Map<String, String> changed = new TreeMap<>();
    for (Map.Entry<String, String> e : before.entrySet()) {
      if (!e.getValue().equals(now.get(e.getKey()))) {
        changed.put(e.getKey(), now.containsKey(e.getKey()) ? "changed" : "deleted");
      }
    }
    assertEquals(Map.of(), changed, "files of the earlier run " + when);
  }

  private static List<String> countsEntries(Path out) throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(out.resolve("counts"))) {
      s.map(x -> x.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().forEach(names::add);
    }
    return names;
  }

  /** What the killed run left, for messages: its top-level entries and member folders. */
  private static String listing(Path run) throws Exception {
    try (Stream<Path> s = Files.walk(run, 2)) {
      return s.filter(x -> !x.equals(run)).map(x -> run.relativize(x).toString()).sorted()
          .toList().toString();
    }
  }
}
