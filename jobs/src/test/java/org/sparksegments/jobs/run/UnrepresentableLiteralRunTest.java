package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;

/**
 * Spec 7: a run over a folder where one segment compares lifetime_value with 1e400 (no decimal
 * holds it) reports that one {@code invalid} with BAD_LITERAL at its pointer, computes the
 * others, writes the manifest with a digest for every segment, and exits 2.
 */
class UnrepresentableLiteralRunTest {
  private static final List<String> VALID = List.of("berlin-customers", "big-spenders");

  @Test
  void theUnrepresentableSegmentIsInvalidAndTheOthersAreComputed(@TempDir Path dir)
      throws Exception {
    Path segments = Files.createDirectories(dir.resolve("segments"));
    for (String id : VALID) {
      Files.copy(TestSample.examples().resolve(id + ".json"), segments.resolve(id + ".json"));
    }
    Files.writeString(segments.resolve("huge-ltv.json"), """
        { "id": "huge-ltv", "database": "shop",
          "conditions": { "field": "lifetime_value", "op": "gt", "value": 1e400 } }
        """);
    Path out = dir.resolve("out");
    RunHarness.Started cli = RunHarness.start("", "run", "--catalog",
        TestSample.catalog().toString(), "--segments", segments.toString(), "--out",
        out.toString(), "--as-of", "2026-06-01T00:00:00Z", "--quiet");
    assertEquals(2, cli.finish(300), "an invalid segment: exit 2\n" + cli.report());

    Path run = RunHarness.runFolders(out).get(0);
    Map<String, JsonNode> segs = RunHarness.manifestSegments(RunHarness.manifest(run));
    assertEquals(Set.of("berlin-customers", "big-spenders", "huge-ltv"), segs.keySet());
    JsonNode bad = segs.get("huge-ltv");
    assertEquals("invalid", bad.path("status").asText(), bad.toString());
    assertEquals(64, bad.path("definition_sha256").asText().length(), bad.toString());
    JsonNode err = bad.path("errors").get(0);
    assertEquals("BAD_LITERAL", err.path("code").asText(), bad.toString());
    assertEquals("/conditions/value", err.path("pointer").asText(), bad.toString());
    for (String id : VALID) {
      JsonNode s = segs.get(id);
      assertEquals("ok", s.path("status").asText(), s.toString());
      assertTrue(s.path("selected").asLong() > 0, s.toString());
    }
  }
}
