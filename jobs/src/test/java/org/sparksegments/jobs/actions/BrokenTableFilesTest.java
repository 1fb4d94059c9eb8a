package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 7: a table file that cannot be read, or whose column types disagree with the table's
 * other files, is an error naming that file. validate reads every footer (BAD_TABLE at the
 * table's declaration in the catalog); count fails with exit 2 and the file named, no trace; a
 * run fails that database's segments only, naming the file. Built on a private copy of the
 * sample: database "broken" (the shop profiles plus a truncated Parquet file) and "mixed" (the
 * shop profiles plus a file where age is a string).
 */
@ExtendWith(SharedSpark.class)
class BrokenTableFilesTest {

  @Test
  void corruptFilesAndTypeConflictsAreNamed(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path sample = catalog.getParent();
    Path good;
    try (Stream<Path> s = Files.list(sample.resolve("shop/profiles"))) {
      good = s.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst()
          .orElseThrow();
    }
    Path broken = Files.createDirectories(sample.resolve("broken/profiles"));
    Files.copy(good, broken.resolve(good.getFileName()));
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = broken.resolve("zz-truncated.parquet");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));

    Path mixed = Files.createDirectories(sample.resolve("mixed/profiles"));
    Files.copy(good, mixed.resolve(good.getFileName()));
    Path staged = dir.resolve("age-text");
    SharedSpark.session().read().parquet(good.toString())
        .selectExpr("profile_id", "created_at", "cast(age as string) as age").limit(5)
        .coalesce(1).write().parquet(staged.toString());
    Path textAge = mixed.resolve("zz-age-text.parquet");
    try (Stream<Path> s = Files.list(staged)) {
      Files.copy(s.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst()
          .orElseThrow(), textAge);
    }

    ObjectNode root = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ObjectNode dbs = (ObjectNode) root.get("databases");
    for (String db : List.of("broken", "mixed")) {
      ObjectNode o = dbs.putObject(db);
      o.put("timezone", "Europe/Berlin");
      o.put("profiles", db + "/profiles");
    }
    Sandbox.JSON.writerWithDefaultPrettyPrinter().writeValue(catalog.toFile(), root);
    Map<String, String> before = Sandbox.hashes(sample);

    Path segments = Files.createDirectories(dir.resolve("segments"));
    Files.copy(TestSample.examples().resolve("berlin-customers.json"),
        segments.resolve("berlin-customers.json"));
    for (String db : List.of("broken", "mixed")) {
      Files.writeString(segments.resolve(db + "-age.json"), """
          { "id": "%s-age", "database": "%s",
            "conditions": { "field": "age", "op": "gt", "value": 30 } }
          """.formatted(db, db));
    }
    String c = catalog.toString();
    String sg = segments.toString();

    // validate: every footer read; both tables refused at their declaration, files named.
    Sandbox.Run v = Sandbox.main("validate", "--catalog", c, "--segments", sg);
    assertEquals(2, v.exit(), v.toString());
    assertTrue(v.out().startsWith("1 valid, 2 invalid"), v.toString());
    assertTrue(v.err().contains("segment broken-age: BAD_TABLE at /databases/broken/profiles:"
        + " Cannot read the file file:" + truncated), v.toString());
    assertTrue(v.err().contains("segment mixed-age: BAD_TABLE at /databases/mixed/profiles:"
        + " Cannot read table file:" + mixed + ": column 'age' is string in the file file:"
        + textAge + " but int in the file file:" + mixed.resolve(good.getFileName())),
        v.toString());
    assertFalse(v.err().contains("@"), "no object names such as LocalInputFile@1a2b: " + v);
    assertFalse(v.err().contains("REDACTED"), v.toString());

    // count: exit 2, the file named, no stack trace.
    for (String db : List.of("broken", "mixed")) {
      Sandbox.Run r = Sandbox.main("count", "--catalog", c, "--segments", sg, "--segment",
          db + "-age", "--as-of", Sandbox.AS_OF, "--quiet");
      assertEquals(2, r.exit(), r.toString());
      assertTrue(r.err().contains("BAD_TABLE"), r.toString());
      assertTrue(r.err().contains("cannot read the file file:" + sample.resolve(db)
          + "/profiles/"), "names the file: " + r);
      assertFalse(r.err().contains("\tat "), "no trace: " + r);
      assertTrue(r.err().strip().lines().count() <= 2, r.toString());
    }

    // run: those databases fail, naming the file; shop is computed.
    Path out = dir.resolve("out");
    Sandbox.Run run = Sandbox.main("run", "--catalog", c, "--segments", sg, "--out",
        out.toString(), "--as-of", Sandbox.AS_OF, "--quiet");
    assertEquals(1, run.exit(), run.toString());
    Path runDir;
    try (Stream<Path> s = Files.list(out.resolve("runs"))) {
      runDir = s.toList().get(0);
    }
    JsonNode manifest = Sandbox.JSON.readTree(runDir.resolve("manifest.json").toFile());
    Map<String, JsonNode> segs = new HashMap<>();
    manifest.path("segments").forEach(n -> segs.put(n.path("id").asText(), n));
    assertEquals("ok", segs.get("berlin-customers").path("status").asText(), segs.toString());
    assertTrue(segs.get("berlin-customers").path("selected").asLong() > 0, segs.toString());
    assertEquals("failed", segs.get("broken-age").path("status").asText(), segs.toString());
    assertTrue(segs.get("broken-age").path("errors").get(0).path("message").asText()
        .contains("cannot read the file file:" + truncated), segs.toString());
    assertEquals("failed", segs.get("mixed-age").path("status").asText(), segs.toString());
    JsonNode mixedError = segs.get("mixed-age").path("errors").get(0);
    assertEquals("BAD_TABLE", mixedError.path("code").asText(), mixedError.toString());
    assertTrue(mixedError.path("message").asText().contains("cannot read the file file:"
        + mixed + "/"), mixedError.toString());

    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(sample)), "inputs unchanged");
  }
}
