package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.LocalFiles;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.jobs.reference.ReferenceData;
import org.sparksegments.jobs.reference.ReferenceEvaluator;
import org.sparksegments.testing.SharedSpark;

/**
 * Imports that double at every level, as a user writes them: one file per segment, s(k) an
 * {@code any} of two {@code conditions_of} of s(k-1). Expanded, s(k) has 2^(k+1) - 1 nodes
 * (s0 is one field test): validate answers in seconds, blaming each segment past 10,000 nodes
 * at the import that crosses the limit, and a valid shared import is counted right.
 */
@ExtendWith(SharedSpark.class)
class ImportLimitsCliTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";

  /** Writes s0 .. s(levels-1) as s0.json .. in {@code dir}. */
  private static void doubling(Path dir, int levels) throws Exception {
    Files.writeString(dir.resolve("s0.json"), "{\"id\": \"s0\", \"database\": \"shop\","
        + " \"conditions\": {\"field\": \"age\", \"op\": \"gte\", \"value\": 30}}");
    for (int k = 1; k < levels; k++) {
      String prev = "s" + (k - 1);
      Files.writeString(dir.resolve("s" + k + ".json"), "{\"id\": \"s" + k + "\","
          + " \"database\": \"shop\", \"conditions\": {\"any\": [{\"conditions_of\": \"" + prev
          + "\"}, {\"conditions_of\": \"" + prev + "\"}]}}");
    }
  }

  /**
   * The problems validate must print: s13 (16,383 nodes) at its second import (8,192 nodes
   * before it, 16,383 after); s14 and later at the first import (16,383 or more alone); from s32
   * on (depth k + 1 > 32) also TOO_DEEP at the first import.
   */
  private static TreeSet<String> expected(int levels) {
    TreeSet<String> out = new TreeSet<>();
    for (int k = 13; k < levels; k++) {
      out.add("s" + k + " TOO_MANY_NODES /conditions/any/" + (k == 13 ? 1 : 0)
          + "/conditions_of");
      if (k >= 32) {
        out.add("s" + k + " TOO_DEEP /conditions/any/0/conditions_of");
      }
    }
    return out;
  }

  /** "id CODE pointer" of each error line validate printed. */
  private static TreeSet<String> reported(String err) {
    TreeSet<String> out = new TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("segment (\\S+): ([A-Z_]+) at (\\S+):").matcher(err);
    while (m.find()) {
      out.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
    }
    return out;
  }

  /**
   * Validates the folder in this JVM (the catalog's real schemas, no process start) within
   * {@code inJvmSeconds}, then with the command: exit 2, every expected problem, and a bounded
   * stderr. The command's own bound is loose, as it includes starting a JVM on a busy machine;
   * before the limits were applied after expansion 41 levels ran for minutes.
   */
  private static void validateFast(Path dir, int levels, int inJvmSeconds) throws Exception {
    doubling(dir, levels);
    long t0 = System.nanoTime();
    SegmentSet set = LocalFiles.segments(dir);
    Validator timed = new Validator(LocalFiles.catalog(TestSample.catalog()),
        new SchemaSource(null, SharedSpark::session), set);
    long invalid = set.all().stream().filter(p -> !timed.validate(p).ok()).count();
    long millis = (System.nanoTime() - t0) / 1_000_000L;
    assertEquals(levels - 13, invalid);
    assertTrue(millis < inJvmSeconds * 1000L, "validation took " + millis + " ms");
    long start = System.nanoTime();
    Cli.Result r = Cli.run("validate", "--catalog", TestSample.catalog().toString(),
        "--segments", dir.toString());
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(2, r.exit(), r.toString());
    assertTrue(seconds < 120, "validate took " + seconds + " s");
    assertEquals(expected(levels), reported(r.err()), r.toString());
    assertTrue(r.err().getBytes(StandardCharsets.UTF_8).length < 10_000, r.toString());
    assertTrue(r.out().startsWith("13 valid, " + (levels - 13) + " invalid"), r.out());
  }

  @Test
  void twentyNineLevelsAreInvalidFromS13InSeconds(@TempDir Path dir) throws Exception {
    validateFast(dir, 29, 10);
  }

  @Test
  void fortyOneLevelsAreInvalidFromS13InSeconds(@TempDir Path dir) throws Exception {
    validateFast(dir, 41, 10);
  }

  /**
   * Ten levels of shared imports, each level mixing both imports with its own test so that the
   * sharing matters: t(k) = any(all(t(k-1), age >= 20 + 3k), not(t(k-1))). Expanded, t(k) has
   * 5 * 2^k - 4 nodes: t10 has 5,116 (valid). The count equals the reference evaluator's, which
   * expands the imports literally.
   */
  @Test
  void aValidSharedImportIsCountedLikeTheReference(@TempDir Path dir) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    List<String> docs = new ArrayList<>();
    docs.add("{\"id\": \"t0\", \"database\": \"shop\", \"conditions\": {\"field\": \"city\","
        + " \"op\": \"eq\", \"value\": \"Berlin\"}}");
    for (int k = 1; k <= 10; k++) {
      String prev = "t" + (k - 1);
      docs.add("{\"id\": \"t" + k + "\", \"database\": \"shop\", \"conditions\": {\"any\": ["
          + "{\"all\": [{\"conditions_of\": \"" + prev + "\"}, {\"field\": \"age\", \"op\":"
          + " \"gte\", \"value\": " + (20 + 3 * k) + "}]}, {\"not\": {\"conditions_of\": \""
          + prev + "\"}}]}}");
    }
    for (int k = 0; k < docs.size(); k++) {
      Files.writeString(dir.resolve("t" + k + ".json"), docs.get(k));
      byId.put("t" + k, json.readTree(docs.get(k)));
    }
    Path catalog = TestSample.catalog();
    ReferenceEvaluator ref = new ReferenceEvaluator(
        ReferenceData.load(SharedSpark.session(), catalog, "shop"), Instant.parse(AS_OF), byId);
    for (String id : List.of("t9", "t10")) {
      Cli.Result r = Cli.run("count", "--catalog", catalog.toString(), "--segments",
          dir.toString(), "--segment", id, "--as-of", AS_OF, "--quiet");
      assertEquals(0, r.exit(), r.toString());
      JsonNode counts = json.readTree(r.out());
      assertEquals(ref.matched(id).size(), counts.get("matched").asInt(), r.toString());
      assertEquals(ref.baseIds().size(), counts.get("in_range").asInt(), r.toString());
    }
  }
}
