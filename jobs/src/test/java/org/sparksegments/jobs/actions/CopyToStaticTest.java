package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.cli.Cli;
import org.sparksegments.testing.SharedSpark;

/**
 * copy-to-static: the members become rows of the static segment, read back id by id; existing
 * files stay byte for byte; copying again adds nothing; the new rows make a static_segment
 * condition select exactly the members; bad input changes nothing.
 */
@ExtendWith(SharedSpark.class)
class CopyToStaticTest {
  private static final Instant AS_OF = Instant.parse(Sandbox.AS_OF);

  @Test
  void membersBecomeRowsAndACopyAgainAddsNothing(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path table = catalog.resolveSibling("shop/static_segments");
    List<String> members = Sandbox.members(catalog, "berlin-customers");
    assertTrue(members.size() > 20, "the case copies a real set: " + members.size());
    Map<String, String> before = Sandbox.hashes(table);

    Sandbox.Run r = Sandbox.ok("copy-to-static", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--static",
        "copied-berlin", "--as-of", Sandbox.AS_OF);
    JsonNode sum = r.summary();
    assertEquals(members.size(), sum.path("members").asLong(), r.toString());
    assertEquals(members.size(), sum.path("added").asLong(), r.toString());
    assertEquals(0, sum.path("already_in").asLong(), r.toString());
    assertEquals("copied-berlin", sum.path("static").asText());

    Map<String, String> after = Sandbox.hashes(table);
    Map<String, String> changes = Sandbox.changes(before, after);
    List<String> added = Sandbox.addedDataFiles(changes);
    assertEquals(List.of(sum.path("file").asText()), added, "one new data file: " + changes);
    assertTrue(changes.entrySet().stream().allMatch(e -> e.getValue().equals("added")),
        "existing files byte for byte: " + changes);

    Dataset<Row> file = Sandbox.read(table.resolve(added.get(0)));
    Dataset<Row> existing = Sandbox.read(table.resolve(before.keySet().stream()
        .filter(k -> k.startsWith("part-") && k.endsWith(".parquet")).findFirst().orElseThrow()));
    assertEquals(existing.schema(), file.schema(), "the new rows have the table's schema");
    assertEquals(Sandbox.sorted(members), Sandbox.sorted(file, "profile_id"), "rows id by id");
    for (Row row : file.collectAsList()) {
      assertEquals("copied-berlin", row.getString(0), row.toString());
      assertEquals(AS_OF, ((Timestamp) row.get(2)).toInstant(), row.toString());
      assertTrue(row.isNullAt(3), row.toString());
    }

    // The static segment now selects exactly the members.
    assertEquals(Sandbox.sorted(members), Sandbox.sorted(inStatic(dir, catalog, "copied-berlin")));

    // Copying again adds nothing.
    Sandbox.Run again = Sandbox.ok("copy-to-static", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString(), "--segment", "berlin-customers",
        "--static", "copied-berlin", "--as-of", Sandbox.AS_OF, "--quiet");
    assertEquals(0, again.summary().path("added").asLong(), again.toString());
    assertEquals(members.size(), again.summary().path("already_in").asLong());
    assertTrue(again.summary().path("file").isNull(), again.toString());
    assertEquals(Map.of(), Sandbox.changes(after, Sandbox.hashes(table)), "nothing added");
  }

  @Test
  void onlyProfilesNotInTheStaticSegmentAsOfTheAsOfGetARow(@TempDir Path dir)
      throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path table = catalog.resolveSibling("shop/static_segments");
    // beta-testers has current members, members that left and rows added after the as-of.
    TreeSet<String> inBefore = new TreeSet<>(inStatic(dir, catalog, "beta-testers"));
    List<String> members = Sandbox.members(catalog, "berlin-customers");
    TreeSet<String> expectedAdded = new TreeSet<>(members);
    expectedAdded.removeAll(inBefore);
    assertTrue(expectedAdded.size() > 0 && expectedAdded.size() < members.size(),
        "the case overlaps: " + expectedAdded.size() + " of " + members.size());
    long rowsBefore = Sandbox.read(table).count();

    Sandbox.Run r = Sandbox.ok("copy-to-static", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--static",
        "beta-testers", "--as-of", Sandbox.AS_OF, "--quiet");
    assertEquals(expectedAdded.size(), r.summary().path("added").asLong(), r.toString());
    assertEquals(members.size() - expectedAdded.size(), r.summary().path("already_in").asLong());
    Dataset<Row> file = Sandbox.read(table.resolve(r.summary().path("file").asText()));
    assertEquals(List.copyOf(expectedAdded), Sandbox.sorted(file, "profile_id"));
    assertEquals(rowsBefore + expectedAdded.size(), Sandbox.read(table).count());

    TreeSet<String> inAfter = new TreeSet<>(inBefore);
    inAfter.addAll(members);
    assertEquals(List.copyOf(inAfter), Sandbox.sorted(inStatic(dir, catalog, "beta-testers")));
  }

  @Test
  void longIdsKeepTheirTypeAndAQuickSegmentFileWorks(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path table = catalog.resolveSibling("app/static_segments");
    Path quick = dir.resolve("quick.json");
    Files.writeString(quick, "{\"id\":\"quick-power\",\"database\":\"app\","
        + "\"conditions\":{\"segment\":\"power-users\",\"op\":\"in\"}}");
    List<String> members = Sandbox.members(catalog, "power-users");
    Sandbox.Run r = Sandbox.ok("copy-to-static", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segments", quick.toString(), "--segment",
        "quick-power", "--static", "copied-power", "--as-of", Sandbox.AS_OF, "--quiet");
    Dataset<Row> file = Sandbox.read(table.resolve(r.summary().path("file").asText()));
    assertEquals("bigint", file.schema().apply("user_id").dataType().simpleString());
    assertEquals(Sandbox.read(table).schema(), file.schema());
    assertEquals(Sandbox.sorted(members), Sandbox.sorted(file, "user_id"));
  }

  @Test
  void refusalsChangeNothing(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    ObjectNode tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ObjectNode shop = (ObjectNode) tree.path("databases").path("shop");

    shop.remove("static_segments");
    Path noTable = write(root.resolve("no-static.json"), tree);
    shop.put("static_segments", "table:analytics.static_segments");
    Path sessionTable = write(root.resolve("session-table.json"), tree);
    SharedSpark.session().read().parquet(root.resolve("shop/static_segments").toString())
        .drop("added_at").withColumn("segment", lit(1))
        .write().parquet(root.resolve("bad_static").toString());
    shop.put("static_segments", "bad_static");
    Path badColumns = write(root.resolve("bad-columns.json"), tree);
    Map<String, String> before = Sandbox.hashes(root);

    expectRefusal(noTable, "copied", "UNKNOWN_TABLE", "has no static_segments table");
    expectRefusal(badColumns, "copied", "BAD_TABLE", "column 'added_at' is missing");
    expectRefusal(badColumns, "copied", "BAD_TABLE", "column 'segment' has type int");
    expectRefusal(catalog, " ", "BAD_OPTION", "--static");
    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(root)));

    // As a user runs it: a table: source is refused with exit status 2, nothing printed.
    Cli.Result cli = Cli.run("copy-to-static", "--catalog", sessionTable.toString(),
        "--segments", TestSample.examples().toString(), "--segment", "berlin-vips",
        "--static", "copied", "--as-of", Sandbox.AS_OF);
    assertEquals(2, cli.exit(), cli.toString());
    assertTrue(cli.err().contains("BAD_TABLE") && cli.err().contains("table:analytics"),
        cli.err());
    assertEquals("", cli.out());
    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(root)));
  }

  private static void expectRefusal(Path catalog, String name, String code, String text) {
    Sandbox.Run r = Sandbox.main("copy-to-static", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-vips", "--static", name,
        "--as-of", Sandbox.AS_OF);
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains(code) && r.err().contains(text), r.toString());
    assertEquals("", r.out());
  }

  private static Path write(Path file, JsonNode tree) throws Exception {
    Sandbox.JSON.writeValue(file.toFile(), tree);
    return file;
  }

  /** The profiles a static_segment "in" condition selects as of the as-of. */
  private static List<String> inStatic(Path dir, Path catalog, String name) throws Exception {
    Path quick = dir.resolve("in-" + name + ".json");
    Files.writeString(quick, "{\"id\":\"in-static\",\"database\":\"shop\",\"conditions\":"
        + "{\"static_segment\":\"" + name + "\",\"op\":\"in\"}}");
    return Sandbox.members(catalog, "in-static", quick.toString());
  }
}
