package org.sparksegments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/**
 * Every document of {@code conditions/src/test/resources/invalid} is rejected with exactly the
 * problems (code and JSON pointer) listed for it in {@code expected.tsv}: no fewer, no more. The
 * corpus lives with the parser and binder, whose own tests check it without Spark against a
 * hand-written schema; here it meets the generated sample's real tables.
 */
class InvalidCorpusTest {
  private static final Path DIR = TestSample.root().resolve("conditions/src/test/resources/invalid");
  private static Catalog catalog;

  @BeforeAll
  static void sample() throws Exception {
    catalog = org.sparksegments.jobs.LocalFiles.catalog(TestSample.catalog());
  }

  private static Map<String, Set<String>> expected() throws Exception {
    Map<String, Set<String>> out = new TreeMap<>();
    for (String line : Files.readAllLines(DIR.resolve("expected.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      out.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[1] + " " + f[2]);
    }
    return out;
  }

  private static List<ValidationError> problems(Path file) {
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(file);
    Validator v = new Validator(catalog, new SchemaSource(null, SharedSpark::session), set);
    List<ValidationError> out = new ArrayList<>();
    set.all().forEach(p -> {
      Binder.Result r = v.validate(p);
      out.addAll(r.errors());
    });
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidDocumentIsRejectedExactly() throws Exception {
    Map<String, Set<String>> expected = expected();
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> docs = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      assertTrue(docs.size() >= 40, "corpus of " + docs.size());
      assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(docs.stream()
          .map(d -> d.getFileName().toString().replace(".json", "")).toList()),
          "every document has expectations and every expectation a document");
      return docs.stream().map(doc -> DynamicTest.dynamicTest(doc.getFileName().toString(),
          () -> {
            List<ValidationError> errors = problems(doc);
            Set<String> actual = new TreeSet<>();
            errors.forEach(e -> actual.add(e.code() + " " + e.pointer()));
            String name = doc.getFileName().toString().replace(".json", "");
            assertEquals(expected.get(name), actual, () -> "messages:\n"
                + String.join("\n", errors.stream().map(ValidationError::render).toList()));
            errors.forEach(e -> assertTrue(e.message().startsWith("Cannot "), e.render()));
          }));
    }
  }

  @Test
  void malformedJsonNamesLineAndColumn() {
    List<ValidationError> errors = problems(DIR.resolve("malformed-json.json"));
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).message().contains("line 4, column 3"), errors.get(0).render());
  }

  @Test
  void aFileOverOneMebibyteIsRefusedUnread(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    Files.writeString(big, "{\"id\": \"x\", \"database\": \"shop\", \"description\": \""
        + "a".repeat(1024 * 1024) + "\"}");
    List<ValidationError> errors = problems(big);
    assertEquals(1, errors.size());
    assertEquals("FILE_TOO_LARGE", errors.get(0).code().name());
    assertEquals("", errors.get(0).pointer());
  }
}
