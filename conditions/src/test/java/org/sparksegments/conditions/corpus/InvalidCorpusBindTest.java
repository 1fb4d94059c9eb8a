package org.sparksegments.conditions.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.fixture.Check;
import org.sparksegments.conditions.fixture.Corpus;

/**
 * The invalid corpus without a session: every document of {@code invalid/} gives exactly the
 * problems {@code expected.tsv} lists for it, parsed and bound against the hand-written shop
 * and app schemas (jobs' {@code InvalidCorpusTest} checks the same lines against the generated
 * sample's files).
 */
class InvalidCorpusBindTest {

  /**
   * Problems the binder alone does not report: jobs' validator blames a reference to a segment
   * that parses but binds with errors, also one hidden inside imported conditions. These lines
   * are left out here, and only here.
   */
  private static final Set<String> VALIDATOR_ONLY = Set.of(
      "reference-to-invalid\tINVALID_REFERENCE /1/conditions/segment",
      "import-hides-invalid-reference\tINVALID_REFERENCE /0/conditions/conditions_of",
      "import-hides-invalid-reference\tINVALID_REFERENCE /1/conditions/segment");

  static Map<String, Set<String>> expected() throws Exception {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String line : Files.readAllLines(Corpus.dir("invalid").resolve("expected.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      Set<String> problems = out.computeIfAbsent(f[0], k -> new TreeSet<>());
      if (!VALIDATOR_ONLY.contains(f[0] + "\t" + f[1] + " " + f[2])) {
        problems.add(f[1] + " " + f[2]);
      }
    }
    return out;
  }

  static List<String> documents() {
    return Corpus.files("invalid", "");
  }

  @Test
  void everyDocumentHasExpectationsAndEveryExpectationADocument() throws Exception {
    assertTrue(documents().size() >= 40, "corpus of " + documents().size());
    assertEquals(expected().keySet(), new TreeSet<>(documents().stream()
        .map(d -> d.replace(".json", "")).toList()));
    // The lines left out here are lines of the file, so the list cannot go stale unseen.
    Set<String> lines = new TreeSet<>();
    for (String line : Files.readAllLines(Corpus.dir("invalid").resolve("expected.tsv"))) {
      String[] f = line.split("\t", -1);
      if (f.length == 3) {
        lines.add(f[0] + "\t" + f[1] + " " + f[2]);
      }
    }
    assertTrue(lines.containsAll(VALIDATOR_ONLY), "stale: " + VALIDATOR_ONLY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void rejectedExactly(String file) throws Exception {
    List<ValidationError> errors = Check.sample(Corpus.read("invalid", file));
    Set<String> expected = expected().get(file.replace(".json", ""));
    Check.assertErrors(errors, expected.toArray(String[]::new));
    List<String> notCannot = new ArrayList<>();
    errors.stream().filter(e -> !e.message().startsWith("Cannot ")).forEach(e -> notCannot.add(
        e.render()));
    assertEquals(List.of(), notCannot, "every message starts with 'Cannot '");
  }
}
