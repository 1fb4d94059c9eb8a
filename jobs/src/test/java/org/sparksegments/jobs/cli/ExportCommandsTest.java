package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/** export and export-history run as a user runs them: scripts/segments in its own process. */
@ExtendWith(SharedSpark.class)
class ExportCommandsTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";

  /** scripts/segments COMMAND on the sample and the examples, as of the sample's as-of. */
  private static Cli.Result run(String command, String segment, String... more)
      throws Exception {
    List<String> a = new java.util.ArrayList<>(List.of(command, "--catalog",
        TestSample.catalog().toString(), "--segments", TestSample.examples().toString(),
        "--segment", segment, "--as-of", AS_OF));
    a.addAll(List.of(more));
    return Cli.run(a.toArray(String[]::new));
  }

  @Test
  void exportWritesTheFileAndRefusesToOverwriteIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("power.csv");
    Cli.Result r = run("export", "power-users", "--format", "csv", "--fields", "sessions",
        "--out", out.toString());
    assertEquals(0, r.exit(), r.toString());
    JsonNode line = new ObjectMapper().readTree(r.out());
    assertEquals("power-users", line.get("segment").asText());
    assertEquals(AS_OF, line.get("as_of").asText());
    assertEquals("csv", line.get("format").asText());
    assertEquals(100, line.get("rows").asLong());
    assertEquals("file:" + out, line.get("out").asText(), "the qualified URI");
    List<String> lines = Files.readAllLines(out);
    assertEquals("user_id,sessions", lines.get(0));
    assertEquals(101, lines.size());
    byte[] before = Files.readAllBytes(out);

    Cli.Result again = run("export", "power-users", "--format", "jsonl", "--out",
        out.toString());
    assertEquals(2, again.exit(), again.toString());
    assertTrue(again.err().contains("Cannot write to --out"), again.err());
    assertEquals("", again.out());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(out)), "nothing changed");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList());
    }
  }

  @Test
  void exportHistoryWritesBothTablesAndRefusesAnEmptyWindow(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("history");
    Cli.Result r = run("export-history", "newcomers-90d", "--since", "2026-01-01", "--until",
        "2026-07-01T00:00:00+02:00", "--format", "jsonl", "--out", out.toString());
    assertEquals(0, r.exit(), r.toString());
    JsonNode line = new ObjectMapper().readTree(r.out());
    assertEquals("2025-12-31T23:00:00Z", line.get("since").asText(), "midnight in Berlin");
    assertEquals("2026-06-30T22:00:00Z", line.get("until").asText());
    assertTrue(line.get("members").asLong() > 0, r.out());
    assertEquals(line.get("events").asLong(), Files.readAllLines(out.resolve("events.jsonl"))
        .size());
    assertEquals(line.get("subscriptions").asLong(),
        Files.readAllLines(out.resolve("subscriptions.jsonl")).size());

    Path empty = dir.resolve("empty-window");
    Cli.Result bad = run("export-history", "newcomers-90d", "--since", "2026-05-01T00:00:00Z",
        "--until", "2026-05-01T02:00:00+02:00", "--format", "csv", "--out", empty.toString());
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("--since before --until"), bad.err());
    assertFalse(Files.exists(empty));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList(), "nothing else written");
    }
  }
}
