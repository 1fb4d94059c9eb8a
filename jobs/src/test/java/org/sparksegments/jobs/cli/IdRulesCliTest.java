package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;

/**
 * Segment ids as a user meets them on the command line: an argument that is not an id, ids that
 * differ only in case (one output folder on a case-insensitive file system), a set with one id
 * twice given to a command that picks a segment, validate's summary, and the keys that
 * copy-to-database's help promises.
 */
class IdRulesCliTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";
  private static final String BERLIN = "{\"id\": \"%s\", \"database\": \"shop\","
      + " \"conditions\": {\"field\": \"city\", \"op\": \"eq\", \"value\": \"Berlin\"}}";
  private static String catalog;

  @BeforeAll
  static void sample() throws Exception {
    catalog = TestSample.catalog().toString();
  }

  private static void write(Path dir, String file, String id) throws Exception {
    Files.writeString(dir.resolve(file), String.format(BERLIN, id));
  }

  @Test
  void anIdArgumentThatIsNotAnIdIsRefused() throws Exception {
    String examples = TestSample.examples().toString();
    Cli.Result dependents = Cli.run("dependents", "--segments", examples, "../x");
    assertEquals(2, dependents.exit(), dependents.toString());
    assertTrue(dependents.err().contains("BAD_ID") && dependents.err().contains("'../x'"),
        dependents.err());
    assertEquals("", dependents.out());
    Cli.Result count = Cli.run("count", "--catalog", catalog, "--segments", examples,
        "--segment", "../x", "--as-of", AS_OF, "--quiet");
    assertEquals(2, count.exit(), count.toString());
    assertTrue(count.err().contains("BAD_ID"), count.err());
    Cli.Result delete = Cli.run("delete", "--segments", examples, "../x");
    assertEquals(2, delete.exit(), delete.toString());
    assertTrue(delete.err().contains("BAD_ID"), delete.err());
  }

  @Test
  void idsThatDifferOnlyInCaseAreDuplicatesInValidateAndRun(@TempDir Path dir) throws Exception {
    Path segments = Files.createDirectory(dir.resolve("segments"));
    write(segments, "a.json", "Berlin");
    write(segments, "b.json", "berlin");
    Cli.Result v = Cli.run("validate", "--catalog", catalog, "--segments", segments.toString());
    assertEquals(2, v.exit(), v.toString());
    assertTrue(v.err().contains("b.json: segment berlin: DUPLICATE_ID at /id"), v.err());
    assertFalse(v.err().contains("segment Berlin:"), v.err());
    assertTrue(v.out().startsWith("1 valid, 1 invalid: berlin\nvalid: Berlin"), v.out());

    Path out = dir.resolve("out");
    Cli.Result run = Cli.run("run", "--catalog", catalog, "--segments", segments.toString(),
        "--out", out.toString(), "--as-of", AS_OF, "--quiet");
    assertEquals(2, run.exit(), run.toString());
    Map<String, JsonNode> manifest = manifestSegments(out);
    assertEquals(List.of("Berlin", "berlin"), List.copyOf(manifest.keySet()));
    assertEquals("ok", manifest.get("Berlin").path("status").asText());
    assertEquals("invalid", manifest.get("berlin").path("status").asText());
    assertEquals("DUPLICATE_ID", manifest.get("berlin").path("errors").path(0).path("code")
        .asText());
    assertEquals("/id", manifest.get("berlin").path("errors").path(0).path("pointer").asText());
  }

  @Test
  void cloneRefusesANewIdThatDiffersOnlyInCase(@TempDir Path dir) throws Exception {
    write(dir, "berlin.json", "berlin");
    Cli.Result r = Cli.run("clone", "--segments", dir.toString(), "berlin", "--as", "BERLIN");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("DUPLICATE_ID") && r.err().contains("ignoring case"), r.err());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  /** count, members, show, explain and export refuse a set that defines one id twice. */
  @Test
  void aCommandPickingASegmentRefusesADuplicateId(@TempDir Path dir) throws Exception {
    write(dir, "one.json", "twice");
    Files.writeString(dir.resolve("two.json"), "{\"id\": \"twice\", \"database\": \"shop\"}");
    String[] set = {"--catalog", catalog, "--segments", dir.toString(), "--segment", "twice",
        "--as-of", AS_OF, "--quiet"};
    for (List<String> command : List.of(List.of("count"), List.of("members"), List.of("show"),
        List.of("explain"), List.of("export", "--format", "csv", "--fields", "city", "--out",
            dir.resolve("out.csv").toString()))) {
      String[] args = Stream.concat(command.stream(), Stream.of(set)).toArray(String[]::new);
      Cli.Result r = Cli.run(args);
      assertEquals(2, r.exit(), command + "\n" + r);
      assertTrue(r.err().contains("two.json: segment twice: DUPLICATE_ID at /id"),
          command + "\n" + r.err());
      assertEquals("", r.out(), command + "\n" + r);
    }
    assertFalse(Files.exists(dir.resolve("out.csv")));
  }

  @Test
  void validateNamesTheInvalidSegmentsAfterInvalid(@TempDir Path dir) throws Exception {
    write(dir, "a.json", "ok-a");
    write(dir, "b.json", "ok-b");
    Files.writeString(dir.resolve("c.json"), "{\"id\": \"bad-c\", \"database\": \"shop\","
        + " \"conditions\": {\"field\": \"cityy\", \"op\": \"eq\", \"value\": \"x\"}}");
    Files.writeString(dir.resolve("d.json"), "{\"id\": \"bad-d\", \"database\": \"nowhere\"}");
    Files.writeString(dir.resolve("e.json"), "{not json");
    Cli.Result r = Cli.run("validate", "--catalog", catalog, "--segments", dir.toString());
    assertEquals(2, r.exit(), r.toString());
    assertEquals("2 valid, 3 invalid: bad-c, bad-d, e.json\nvalid: ok-a, ok-b", r.out());
  }

  @Test
  void copyToDatabaseHelpNamesTheKeysItPrints() throws Exception {
    Cli.Result r = Cli.run("copy-to-database", "--help");
    assertEquals(0, r.exit(), r.toString());
    String help = r.out().replaceAll("\\s+", " ");
    for (String key : List.of("members", "kept", "replaced", "added", "filled_with_null",
        "dropped", "file", "old_source", "new_source")) {
      assertTrue(help.contains(key), key + " missing in\n" + r.out());
    }
    assertFalse(help.contains("existing,"), r.out());
  }

  private static Map<String, JsonNode> manifestSegments(Path out) throws Exception {
    Path manifest;
    try (Stream<Path> files = Files.walk(out.resolve("runs"))) {
      manifest = files.filter(f -> f.getFileName().toString().equals("manifest.json"))
          .findFirst().orElseThrow();
    }
    Map<String, JsonNode> bySegment = new TreeMap<>();
    new ObjectMapper().readTree(manifest.toFile()).path("segments")
        .forEach(s -> bySegment.put(s.path("id").asText(), s));
    return bySegment;
  }
}
