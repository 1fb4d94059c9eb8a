package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 9: a stray or damaged file under runs/ is reported by name and skipped. An output folder
 * with one complete run, plus a stray folder and a folder named like a later run id, each with a
 * truncated manifest.json: the next run succeeds, names both files, and computes its changes
 * against the complete run.
 */
@ExtendWith(SharedSpark.class)
class StrayManifestTest {
  private static final String SEGMENT = "berlin-customers";

  @Test
  void truncatedManifestsUnderRunsAreSkippedByName(@TempDir Path dir) throws Exception {
    String catalog = TestSample.catalog().toString();
    String examples = TestSample.examples().toString();
    Path out = dir.resolve("out");
    Sandbox.ok("run", "--catalog", catalog, "--segments", examples, "--out", out.toString(),
        "--as-of", "2026-03-01T00:00:00Z", "--only", SEGMENT, "--quiet");
    Path first = runs(out).get(0);
    byte[] manifest = Files.readAllBytes(first.resolve("manifest.json"));
    byte[] truncated = java.util.Arrays.copyOf(manifest, manifest.length / 2);
    Path stray = Files.createDirectories(out.resolve("runs/zz-stray"));
    Files.write(stray.resolve("manifest.json"), truncated);
    Path lookalike = Files.createDirectories(out.resolve("runs/29991231T000000.000Z"));
    Files.write(lookalike.resolve("manifest.json"), truncated);

    Sandbox.Run r = Sandbox.main("run", "--catalog", catalog, "--segments", examples, "--out",
        out.toString(), "--as-of", Sandbox.AS_OF, "--only", SEGMENT);
    assertEquals(0, r.exit(), r.toString());
    for (Path p : List.of(stray, lookalike)) {
      assertTrue(r.err().contains(p.resolve("manifest.json") + " is not valid JSON (line "),
          "names " + p + ": " + r);
    }
    assertFalse(r.err().contains("REDACTED"), r.toString());

    Path second = runs(out).stream().filter(p -> !p.equals(first) && !p.equals(stray)
        && !p.equals(lookalike)).findFirst().orElseThrow();
    JsonNode m = Sandbox.JSON.readTree(second.resolve("manifest.json").toFile());
    JsonNode s = m.path("segments").get(0);
    assertEquals("ok", s.path("status").asText(), s.toString());
    Set<String> before = members(first);
    Set<String> now = members(second);
    Set<String> entered = new HashSet<>(now);
    entered.removeAll(before);
    Set<String> left = new HashSet<>(before);
    left.removeAll(now);
    assertEquals(entered.size(), s.path("entered").asLong(), "entered against the first run");
    assertEquals(left.size(), s.path("left").asLong(), "left against the first run");
    assertTrue(now.size() > entered.size(), "not every member entered: compared with the first"
        + " run, not taken as a first run");
  }

  private static List<Path> runs(Path out) throws Exception {
    try (Stream<Path> s = Files.list(out.resolve("runs"))) {
      return s.sorted().toList();
    }
  }

  private static Set<String> members(Path run) {
    Path folder = run.resolve("members/segment=" + SEGMENT);
    Set<String> out = new HashSet<>();
    if (Files.isDirectory(folder)) {
      Sandbox.read(folder).select("profile_id").collectAsList()
          .forEach(row -> out.add(String.valueOf(row.get(0))));
    }
    return out;
  }
}
