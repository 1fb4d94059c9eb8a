package org.sparksegments.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.TestSample;

/**
 * The SQL table functions and the Java API in a fresh session that only spark-submit configured:
 * {@code --conf spark.sql.extensions=…SegmentsExtensions --jars spark-segments.jar}, as a
 * notebook gets them. Results equal the command line's, id by id.
 */
class NotebookIT {
  private static final String EXTENSION = "org.sparksegments.jobs.sql.SegmentsExtensions";
  private static final String QUICK = "{\"id\":\"quick-berlin\",\"database\":\"shop\","
      + "\"conditions\":{\"field\":\"city\",\"op\":\"eq\",\"value\":\"Berlin\"}}";

  @Test
  void tableFunctionsAndTheApiGiveTheCommandLinesMembers(@TempDir Path dir) throws Exception {
    String catalog = ItSample.catalog().toString();
    String examples = TestSample.examples().toString();
    String at = ItSample.AS_OF;

    SparkProcesses.Result members = SparkProcesses.submit("local[2]", List.of(), List.of(
        "members", "--catalog", catalog, "--segments", examples, "--segment", "newcomers-90d",
        "--as-of", at, "--quiet"));
    assertEquals(0, members.exit(), members.toString());
    List<String> expected = members.lines();
    assertTrue(expected.size() > 5, expected.toString());
    Path quick = Files.writeString(dir.resolve("quick.json"), QUICK);
    SparkProcesses.Result count = SparkProcesses.submit("local[2]", List.of(), List.of(
        "count", "--catalog", catalog, "--segments", quick.toString(), "--segment",
        "quick-berlin", "--as-of", at, "--quiet"));
    assertEquals(0, count.exit(), count.toString());

    SparkProcesses.Result probe = SparkProcesses.submit("local[2]", List.of(
        "--conf", "spark.sql.extensions=" + EXTENSION,
        "--jars", SparkProcesses.appJar().toString(),
        "--class", NotebookProbe.class.getName(), probeJar(dir).toString()), List.of(
        "sql:SELECT profile_id FROM segment_members('" + catalog + "', '" + examples
            + "', 'newcomers-90d', '" + at + "')",
        "sql:SELECT * FROM segment_count('" + catalog + "', '" + QUICK + "', '" + at + "')",
        "api:" + catalog + "|" + examples + "|newcomers-90d|" + at + "|profile_id",
        "sql:SELECT * FROM segment_members('" + catalog + "', '"
            + QUICK.replace("\"city\"", "\"cty\"") + "')",
        "sql:SELECT count(*) AS n FROM segment_members('" + catalog + "', '" + QUICK + "', '"
            + at + "') m JOIN segment_members('" + catalog + "', '" + examples
            + "', 'berlin-customers', '" + at + "') v USING (profile_id)"));
    assertEquals(0, probe.exit(), probe.toString());

    assertEquals(expected, ids(probe, 0), "segment_members of a saved segment");
    JsonNode c = Json.MAPPER.readTree(only(probe, 1));
    JsonNode cli = Json.MAPPER.readTree(count.lines().get(0));
    for (String k : List.of("segment", "in_range", "matched", "selected")) {
      assertEquals(cli.get(k).asText(), c.get(k).asText(), k + " of segment_count vs count");
    }
    assertEquals(expected, ids(probe, 2), "Segments.evaluateSaved");
    String error = only(probe, 3);
    assertTrue(error.startsWith("error: ") && error.contains("UNKNOWN_FIELD at /conditions/field")
        && error.contains("city"), error);
    // berlin-customers takes every spelling of Berlin: the join keeps every quick-berlin member.
    assertEquals(cli.get("selected").asInt(), Json.MAPPER.readTree(only(probe, 4)).get("n")
        .asInt());
  }

  private static List<String> ids(SparkProcesses.Result r, int index) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : r.lines()) {
      if (line.startsWith("#" + index + " ")) {
        out.add(Json.MAPPER.readTree(line.substring(line.indexOf(' ') + 1)).get("profile_id")
            .asText());
      }
    }
    return out;
  }

  private static String only(SparkProcesses.Result r, int index) {
    List<String> lines = r.lines().stream().filter(l -> l.startsWith("#" + index + " "))
        .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
    assertEquals(1, lines.size(), r.toString());
    return lines.get(0);
  }

  /** A jar with only the probe class: our engine must come from --jars. */
  private static Path probeJar(Path dir) throws Exception {
    String entry = NotebookProbe.class.getName().replace('.', '/') + ".class";
    Path classes = Path.of(NotebookProbe.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    Path jar = dir.resolve("probe.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, m)) {
      j.putNextEntry(new JarEntry(entry));
      j.write(Files.readAllBytes(classes.resolve(entry)));
      j.closeEntry();
    }
    return jar;
  }
}
