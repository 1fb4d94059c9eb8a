package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.run.RunHarness;
import org.sparksegments.testing.SharedSpark;

/**
 * A bulk update killed with SIGKILL midway ({@code scripts/segments} in its own process, paused
 * by the test-only property {@code segments.test.pauseAt} at a point of the rewrite, then
 * killed) leaves the catalog and every file of the current version as they were, and the next
 * update works.
 */
@ExtendWith(SharedSpark.class)
class BulkUpdateKillTest {

  @Test
  void killedWhileTheNewVersionIsWritten(@TempDir Path dir) throws Exception {
    Path root = killAt(dir, "version-writing");
    assertFalse(Files.exists(root.resolve("shop/profiles.v2")));
    String next = Sandbox.ok(update(root.resolve("catalog.json"))).summary()
        .path("new_source").asText();
    assertEquals("shop/profiles.v2", next);
    assertEquals(List.of(), Sandbox.members(root.resolve("catalog.json"), "berlin-customers"),
        "the next update applies: nobody lives in Berlin any more");
  }

  @Test
  void killedWithTheNewVersionInPlaceButTheCatalogNotSwitched(@TempDir Path dir)
      throws Exception {
    Path root = killAt(dir, "version-moved");
    Map<String, String> orphan = Sandbox.hashes(root.resolve("shop/profiles.v2"));
    assertFalse(orphan.isEmpty(), "the killed update had moved its version into place");
    String next = Sandbox.ok(update(root.resolve("catalog.json"))).summary()
        .path("new_source").asText();
    assertEquals("shop/profiles.v3", next, "the unused folder is skipped, never overwritten");
    assertEquals(orphan, Sandbox.hashes(root.resolve("shop/profiles.v2")));
    assertEquals(List.of(), Sandbox.members(root.resolve("catalog.json"), "berlin-customers"));
  }

  /** Starts the update, kills it at {@code point}, checks nothing changed; returns the root. */
  private static Path killAt(Path dir, String point) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    List<String> members = Sandbox.members(catalog, "berlin-customers");
    assertTrue(members.size() > 20, "members " + members.size());
    String count = count(catalog);
    Map<String, String> before = Sandbox.hashes(root);
    byte[] catalogBytes = Files.readAllBytes(catalog);

    RunHarness.Started cli = RunHarness.start("-D" + TestHooks.PROPERTY + "=" + point,
        update(catalog));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    try {
      while (!cli.stderr().contains("[segments test] paused at " + point)) {
        if (!cli.process().isAlive()) {
          fail("the update ended (exit " + cli.process().exitValue() + ") before it could be"
              + " killed at " + point + "\n" + cli.report());
        }
        if (System.nanoTime() > deadline) {
          fail("the update did not reach " + point + " in time\n" + cli.report());
        }
        Thread.sleep(50);
      }
      // Midway indeed: Spark's write of the new version is under way in the hidden work
      // folder, or the complete version is in place and the catalog not yet switched.
      if (point.equals("version-writing")) {
        Path version = stagedVersion(root.resolve("shop"));
        assertTrue(Files.isDirectory(version.resolve("_temporary"))
            && !Files.exists(version.resolve("_SUCCESS")), "being written: " + version);
      } else {
        assertTrue(Files.exists(root.resolve("shop/profiles.v2/_SUCCESS")));
      }
      cli.process().destroyForcibly(); // SIGKILL: the script execs java, so this is the JVM
      assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS));
    } finally {
      cli.process().destroyForcibly();
    }
    assertEquals(137, cli.process().exitValue(), "killed by SIGKILL\n" + cli.report());

    assertArrayEquals(catalogBytes, Files.readAllBytes(catalog), "the catalog as it was");
    Map<String, String> changes = Sandbox.changes(before, Sandbox.hashes(root));
    changes.forEach((file, change) -> assertTrue(change.equals("added")
        && (file.startsWith("shop/.segments-work-") || file.startsWith("shop/profiles.v2/")),
        file + " " + change));
    assertEquals(count, count(catalog), "the old version is current and reads the same");
    assertEquals(members, Sandbox.members(catalog, "berlin-customers"));
    return root;
  }

  private static String[] update(Path catalog) {
    return new String[] {"bulk-update", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of",
        Sandbox.AS_OF, "--set", "city=Hamburg"};
  }

  private static String count(Path catalog) {
    return Sandbox.ok("count", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of",
        Sandbox.AS_OF, "--quiet").out().strip();
  }

  /** The complete version in the killed update's hidden work folder. */
  private static Path stagedVersion(Path shop) throws Exception {
    try (Stream<Path> s = Files.list(shop)) {
      Path work = s.filter(p -> p.getFileName().toString().startsWith(".segments-work-"))
          .findFirst().orElseThrow(() -> new AssertionError("no work folder in " + shop));
      return work.resolve("version");
    }
  }
}
