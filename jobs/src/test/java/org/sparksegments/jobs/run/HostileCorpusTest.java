package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.reference.ReferenceData;
import org.sparksegments.jobs.reference.ReferenceEvaluator;
import org.sparksegments.testing.SharedSpark;

/**
 * The hostile-input corpus ({@code jobs/src/test/resources/hostile}): segment documents that once
 * crashed, hung or misled the engine, each with its expected outcome in {@code expected.tsv}
 * ({@code NAME invalid CODE POINTER}, one line per problem, or {@code NAME valid}). All of them
 * go through validation and then through one batch run together, as a careless colleague's
 * folder would: every invalid document is reported with exactly its problems and listed in the
 * manifest as {@code invalid}, and every valid one is computed with the members the plain-Java
 * reference evaluator selects. One bad document never costs another its result.
 */
class HostileCorpusTest {
  private static final Path DIR = TestSample.root().resolve("jobs/src/test/resources/hostile");
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

  /** Document name → its expected problems ("CODE POINTER"), empty for a valid document. */
  private static Map<String, Set<String>> expected() throws Exception {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String line : Files.readAllLines(DIR.resolve("expected.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Set<String> problems = out.computeIfAbsent(f[0], k -> new TreeSet<>());
      if (f[1].equals("invalid")) {
        problems.add(f[2] + " " + f[3]);
      } else if (!f[1].equals("valid")) {
        throw new AssertionError("bad line in expected.tsv: " + line);
      }
    }
    return out;
  }

  private static String fileName(String source) {
    String name = source.substring(source.lastIndexOf('/') + 1);
    return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
  }

  @Test
  void everyHostileDocumentHasItsOutcomeAndTheOthersAreComputed(@TempDir Path out)
      throws Exception {
    Map<String, Set<String>> expected = expected();
    List<String> names;
    try (Stream<Path> files = Files.list(DIR)) {
      names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length())).sorted().toList();
    }
    assertEquals(expected.keySet(), new TreeSet<>(names),
        "every document has an expected outcome and every outcome a document");

    RunHarness.Prepared p = RunHarness.prepare(TestSample.catalog(), DIR);
    Map<String, Set<String>> validated = new TreeMap<>();
    for (BatchRun.Planned planned : p.planned()) {
      Set<String> problems = new TreeSet<>();
      for (ValidationError e : planned.errors()) {
        problems.add(e.code() + " " + e.pointer());
        assertTrue(e.message().length() < 1000, "a bounded message: " + e.message().length()
            + " characters for " + planned.id());
      }
      // A file with no readable id is known by its file name.
      validated.put(planned.id() != null ? planned.id() : fileName(planned.source()), problems);
    }
    assertEquals(expected, validated, "validation of every document");

    RunHarness.Ran ran = RunHarness.run(p, out, AS_OF);
    JsonNode manifest = RunHarness.JSON.readTree(ran.run().resolve("manifest.json").toFile());
    Map<String, JsonNode> listed = new TreeMap<>();
    for (JsonNode s : manifest.path("segments")) {
      // An unreadable file is listed with id null, its message naming the file.
      String key = s.path("id").isNull() ? names.stream()
          .filter(n -> s.path("errors").path(0).path("message").asText()
              .contains("/" + n + ".json"))
          .findFirst().orElse("?" + s) : s.path("id").asText();
      listed.put(key, s);
    }
    assertEquals(expected.keySet(), listed.keySet(), "the manifest lists every document");

    Map<String, JsonNode> valid = new LinkedHashMap<>();
    for (String name : names) {
      if (expected.get(name).isEmpty()) {
        valid.put(name, RunHarness.JSON.readTree(DIR.resolve(name + ".json").toFile()));
      }
    }
    ReferenceEvaluator reference = new ReferenceEvaluator(
        ReferenceData.load(SharedSpark.session(), TestSample.catalog(), "shop"), AS_OF, valid);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : listed.entrySet()) {
      String name = e.getKey();
      JsonNode s = e.getValue();
      if (!expected.get(name).isEmpty()) {
        Set<String> problems = new TreeSet<>();
        s.path("errors").forEach(x -> problems.add(x.path("code").asText() + " "
            + x.path("pointer").asText()));
        if (!s.path("status").asText().equals("invalid") || !problems.equals(expected.get(name))) {
          wrong.add(name + ": expected invalid " + expected.get(name) + ", manifest " + s);
        }
        continue;
      }
      List<String> want = reference.selected(name).stream().map(String::valueOf).toList();
      List<String> got = RunHarness.members(ran.run(), name, p.idColumn(name));
      if (!s.path("status").asText().equals("ok") || !want.equals(got)) {
        wrong.add(name + ": status " + s.path("status").asText() + ", " + got.size()
            + " members, reference " + want.size() + (want.equals(got) ? "" : " (differ)"));
      }
    }
    assertTrue(wrong.isEmpty(), String.join("\n", wrong));
  }
}
