package org.sparksegments.conditions.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.fixture.Check;
import org.sparksegments.conditions.fixture.Corpus;
import org.sparksegments.conditions.json.Json;

/**
 * The golden corpus without a session: every error case ({@code e-*.json}) gives exactly its
 * expected codes and pointers from parsing and binding against the hand-written {@code fx}
 * schema, as jobs' {@code GoldenCasesTest} asserts against the real Parquet files; every member
 * case ({@code m-*.json}) binds without a problem.
 */
class GoldenCorpusBindTest {

  static List<String> errorCases() {
    return Corpus.files("golden", "e-");
  }

  static List<String> memberCases() {
    return Corpus.files("golden", "m-");
  }

  @Test
  void theCorpusIsAllThere() {
    assertTrue(errorCases().size() >= 60, "error cases: " + errorCases().size());
    assertTrue(memberCases().size() >= 200, "member cases: " + memberCases().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errorCases")
  void errorCase(String name) throws Exception {
    JsonNode golden = Json.MAPPER.readTree(Corpus.read("golden", name));
    List<ValidationError> actual = Check.fx(text(golden));
    List<String> expected = new ArrayList<>();
    for (JsonNode e : golden.get("errors")) {
      expected.add(e.get("code").asText() + " " + e.get("pointer").asText());
    }
    Check.assertErrors(actual, expected.toArray(String[]::new));
    for (JsonNode e : golden.get("errors")) {
      if (e.has("message_contains")) {
        String where = e.get("code").asText() + " " + e.get("pointer").asText();
        String fragment = e.get("message_contains").asText();
        assertTrue(actual.stream().anyMatch(a -> (a.code() + " " + a.pointer()).equals(where)
            && a.message().contains(fragment)), "the message of " + where + " should contain '"
            + fragment + "': " + actual.stream().map(ValidationError::render)
            .collect(Collectors.joining("; ")));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("memberCases")
  void memberCaseBinds(String name) throws Exception {
    JsonNode golden = Json.MAPPER.readTree(Corpus.read("golden", name));
    Check.assertErrors(Check.fx(text(golden)));
  }

  private static String text(JsonNode golden) throws Exception {
    return golden.has("segment_text") ? golden.get("segment_text").asText()
        : Json.MAPPER.writeValueAsString(golden.get("segment"));
  }
}
