package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 5, 6 and 9: the same run as of the same instant under {@code local[1]} and
 * {@code local[4]} (two {@code scripts/segments run} processes, one output folder) writes the
 * same members in the same order, in the engine's order; the second run changes nothing; and the
 * manifest has every field of spec 9, with {@code definition_sha256} the SHA-256 of the RFC 8785
 * canonical JSON of the segment document, checked against canonical forms written by hand.
 */
@ExtendWith(SharedSpark.class)
class DeterminismAndManifestTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";

  /** Keys out of order, spaces, a float with a trailing zero, a tiny double, escapes. */
  private static final String HALF = """
      { "name": "Z\\u00fcrich \\"quoted\\" \\u0007 \\/ 😀",
        "range" : { "to": 50.0, "from": 0 },
        "id": "half-shop", "database":"shop", "limit": 10,
        "conditions": { "value": 1E-7, "op": "gt", "field": "score" } }
      """;
  private static final String HALF_CANONICAL = "{\"conditions\":{\"field\":\"score\",\"op\":\"gt\","
      + "\"value\":1e-7},\"database\":\"shop\",\"id\":\"half-shop\",\"limit\":10,"
      + "\"name\":\"Zürich \\\"quoted\\\" \\u0007 / 😀\",\"range\":{\"from\":0,\"to\":50}}";
  private static final String ALL = "{ \"id\" : \"all-shop\",\n  \"database\" : \"shop\" }\n";
  private static final String ALL_CANONICAL = "{\"database\":\"shop\",\"id\":\"all-shop\"}";

  private static final Set<String> SEGMENT_FIELDS = Set.of("id", "database", "definition_sha256",
      "status", "in_range", "matched", "selected", "entered", "left", "errors");

  @Test
  void localOneAndLocalFourWriteTheSameMembersAndACompleteManifest(@TempDir Path dir)
      throws Exception {
    Path catalog = TestSample.catalog();
    Path segments = RunHarness.copyExamples(dir.resolve("segments"));
    Files.writeString(segments.resolve("half-shop.json"), HALF);
    Files.writeString(segments.resolve("all-shop.json"), ALL);
    Path out = dir.resolve("out");

    Path[] runs = new Path[2];
    String[] masters = {"local[1]", "local[4]"};
    for (int i = 0; i < 2; i++) {
      RunHarness.Started cli = RunHarness.start("-Dspark.master=" + masters[i], "run",
          "--catalog", catalog.toString(), "--segments", segments.toString(),
          "--out", out.toString(), "--as-of", AS_OF, "--quiet");
      assertEquals(0, cli.finish(300), masters[i] + "\n" + cli.report());
      List<Path> folders = RunHarness.runFolders(out);
      assertEquals(i + 1, folders.size(), "" + folders);
      runs[i] = folders.get(i);
      assertEquals(RunHarness.qualified(runs[i]), cli.stdout(),
          "the run folder on stdout, as a qualified URI");
    }

    RunHarness.Prepared p = RunHarness.prepare(catalog, segments);
    assertEquals(21, p.ids().size());
    Map<String, List<String>> expected = RunHarness.expectedMembersAll(p, Instant.parse(AS_OF));
    JsonNode first = RunHarness.manifest(runs[0]);
    JsonNode second = RunHarness.manifest(runs[1]);
    Map<String, JsonNode> segs1 = RunHarness.manifestSegments(first);
    Map<String, JsonNode> segs2 = RunHarness.manifestSegments(second);
    int withMembers = 0;
    for (String id : p.ids()) {
      String idColumn = p.idColumn(id);
      List<String> one = RunHarness.members(runs[0], id, idColumn);
      List<String> four = RunHarness.members(runs[1], id, idColumn);
      FrameAssert.assertIds(one, four, id + ": local[1] vs local[4], in file order");
      FrameAssert.assertIds(expected.get(id), one, id + ": the engine's order");
      withMembers += one.isEmpty() ? 0 : 1;
      // The second run, same as-of and data: nothing entered or left.
      Map<String, Set<String>> changes = RunHarness.changes(runs[1], id, idColumn);
      assertEquals(Set.of(), changes.get("entered"), "entered in the repeated run: " + id);
      assertEquals(Set.of(), changes.get("left"), "left in the repeated run: " + id);
      JsonNode a = segs1.get(id);
      JsonNode b = segs2.get(id);
      for (String n : List.of("database", "definition_sha256", "status", "in_range", "matched",
          "selected")) {
        assertEquals(a.get(n), b.get(n), n + " of " + id + " in both runs");
      }
      assertEquals(0, b.path("entered").asLong(), id);
      assertEquals(0, b.path("left").asLong(), id);
      assertEquals(one.size(), a.path("entered").asLong(), "first run: all entered: " + id);
      assertEquals(0, a.path("left").asLong(), id);
    }
    assertTrue(withMembers >= 18, "segments with members: " + withMembers);
    assertEquals(10, RunHarness.members(runs[0], "half-shop", "profile_id").size());

    checkManifest(first, runs[0], p, catalog);
    checkManifest(second, runs[1], p, catalog);
  }

  /** Every field of spec 9, with values computed here independently. */
  private static void checkManifest(JsonNode m, Path run, RunHarness.Prepared p, Path catalog)
      throws Exception {
    assertEquals(Set.of("run_id", "as_of", "started_at", "finished_at", "engine_version",
        "inputs", "segments"), names(m), "manifest keys");
    assertEquals(run.getFileName().toString(), m.path("run_id").asText());
    assertEquals(AS_OF, m.path("as_of").asText());
    Instant started = utc(m, "started_at");
    Instant finished = utc(m, "finished_at");
    assertFalse(finished.isBefore(started), m.toString());
    assertTrue(m.path("engine_version").isTextual()
        && !m.path("engine_version").asText().isBlank(), m.toString());

    // inputs: one per table read, source as the catalog writes it, the data files counted here.
    JsonNode catalogJson = RunHarness.JSON.readTree(catalog.toFile()).path("databases");
    Map<String, String> expectedSources = new TreeMap<>();
    for (String t : List.of("profiles", "events", "subscriptions", "static_segments")) {
      expectedSources.put("shop " + t, catalogJson.path("shop").path(t).asText());
    }
    expectedSources.put("shop external:crm",
        catalogJson.path("shop").path("external").path("crm").path("source").asText());
    for (String t : List.of("profiles", "events")) {
      expectedSources.put("app " + t, catalogJson.path("app").path(t).asText());
    }
    Map<String, String> sources = new TreeMap<>();
    for (JsonNode in : m.path("inputs")) {
      // spec 9: a version where the format has one (none for plain Parquet).
      assertEquals(Set.of("database", "table", "source", "format", "location", "version",
          "files", "bytes", "last_modified"), names(in), "input keys: " + in);
      assertTrue(in.path("version").isNull(), "Parquet has no version: " + in);
      assertEquals("parquet", in.path("format").asText(), in.toString());
      String key = in.path("database").asText() + " " + in.path("table").asText();
      assertTrue(sources.put(key, in.path("source").asText()) == null, "duplicate input " + in);
      Path folder = catalog.getParent().resolve(in.path("source").asText());
      List<Path> files = dataFiles(folder);
      assertFalse(files.isEmpty(), in.toString());
      long bytes = 0;
      long modified = 0;
      for (Path f : files) {
        bytes += Files.size(f);
        modified = Math.max(modified, Files.getLastModifiedTime(f).toMillis());
      }
      assertEquals(files.size(), in.path("files").asLong(), "files of " + in);
      assertEquals(bytes, in.path("bytes").asLong(), "bytes of " + in);
      assertEquals(Instant.ofEpochMilli(modified), utc(in, "last_modified"),
          "last_modified of " + in);
    }
    assertEquals(expectedSources, sources, "inputs: the tables the segments need");

    // segments: every field; the digest of the canonical document.
    Map<String, JsonNode> segs = RunHarness.manifestSegments(m);
    assertEquals(p.ids(), List.copyOf(segs.keySet()));
    for (JsonNode s : segs.values()) {
      String id = s.path("id").asText();
      assertEquals(SEGMENT_FIELDS, names(s), "segment keys of " + id);
      assertEquals("ok", s.path("status").asText(), s.toString());
      assertTrue(s.path("errors").isArray() && s.path("errors").isEmpty(), s.toString());
      assertEquals(p.bound(id).database().name(), s.path("database").asText());
      for (String n : List.of("in_range", "matched", "selected", "entered", "left")) {
        assertTrue(s.path(n).isIntegralNumber() && s.path(n).asLong() >= 0, n + " of " + s);
      }
      assertEquals(RunHarness.members(run, id, p.idColumn(id)).size(),
          s.path("selected").asLong(), s.toString());
      String canonical = switch (id) {
        case "half-shop" -> HALF_CANONICAL;
        case "all-shop" -> ALL_CANONICAL;
        default -> canonical(RunHarness.JSON.readTree(
            TestSample.examples().resolve(id + ".json").toFile()));
      };
      assertEquals(RunHarness.sha256(canonical), s.path("definition_sha256").asText(),
          "definition_sha256 of " + id + " = SHA-256 of " + canonical);
    }
  }

  private static Instant utc(JsonNode n, String field) {
    String v = n.path(field).asText();
    assertTrue(v.endsWith("Z"), field + " in ISO-8601 UTC: " + n);
    return Instant.parse(v);
  }

  private static Set<String> names(JsonNode n) {
    Set<String> out = new TreeSet<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Data files as Spark reads them: no file or folder on the way starting with _ or . */
  private static List<Path> dataFiles(Path folder) throws Exception {
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).filter(f -> {
        for (Path part : folder.relativize(f)) {
          if (part.toString().startsWith("_") || part.toString().startsWith(".")) {
            return false;
          }
        }
        return true;
      }).toList();
    }
  }

  /**
   * RFC 8785 for the example documents, written here apart from the engine: keys sorted,
   * no whitespace, integers as digits, minimal string escapes. The examples hold no fraction
   * (checked); the hand-written forms above cover fractions and escapes.
   */
  static String canonical(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      keys.sort(null);
      List<String> parts = new ArrayList<>();
      for (String k : keys) {
        parts.add(string(k) + ":" + canonical(n.get(k)));
      }
      return "{" + String.join(",", parts) + "}";
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(x -> parts.add(canonical(x)));
      return "[" + String.join(",", parts) + "]";
    }
    if (n.isTextual()) {
      return string(n.asText());
    }
    if (n.isNumber()) {
      assertTrue(n.isIntegralNumber(), "an example with a fraction needs a hand form: " + n);
      return n.bigIntegerValue().toString();
    }
    return sb.append(n.isBoolean() ? String.valueOf(n.asBoolean()) : "null").toString();
  }

  private static String string(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        assertTrue(false, "an example with a control character needs a hand form");
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
