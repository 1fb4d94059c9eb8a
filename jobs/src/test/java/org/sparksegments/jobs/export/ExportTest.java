package org.sparksegments.jobs.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.testing.SharedSpark;

/** export: the selected profiles read back from each format, id by id, value by value. */
@ExtendWith(SharedSpark.class)
class ExportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ExportFixture.Result export(String segment, String format, Path out,
      String... more) throws Exception {
    List<String> a = ExportFixture.args("export", segment);
    a.addAll(List.of("--format", format, "--out", out.toString()));
    a.addAll(List.of(more));
    return ExportFixture.run(a);
  }

  /** A qualified local path as a java.nio one, for the test's own writes. */
  private static Path local(org.apache.hadoop.fs.Path p) {
    return Path.of(p.toUri());
  }

  private static String cell(Object v) {
    return v == null ? null : String.valueOf(v);
  }

  @Test
  void csvHasTheHeaderAndTheChosenFieldsInTheSegmentsOrder(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("top.csv");
    ExportFixture.Result r = export("berlin-top", "csv", out, "--fields",
        "city,lifetime_value,address.zip,tags,created_at,birthday,profile_id,attrs.color,"
            + "last_seen_local,first_name");
    assertEquals(0, r.exit(), r.toString());
    List<Row> expected = ExportFixture.selected("berlin-top");
    assertTrue(expected.size() > 5, "too few members to test: " + expected.size());
    List<List<String>> rows = ExportFixture.csv(Files.readString(out));
    assertEquals(List.of("profile_id", "city", "lifetime_value", "address.zip", "tags",
        "created_at", "birthday", "attrs.color", "last_seen_local", "first_name"), rows.get(0));
    assertEquals(expected.size() + 1, rows.size());
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      List<String> a = rows.get(i + 1);
      String id = e.getAs("profile_id");
      assertEquals(id, a.get(0), "row " + i);
      assertEquals(e.getAs("city"), a.get(1), id);
      assertEquals(((java.math.BigDecimal) e.getAs("lifetime_value")).toPlainString(), a.get(2));
      Row address = e.getAs("address");
      assertEquals(address == null ? null : address.getAs("zip"), a.get(3), id);
      List<String> tags = e.isNullAt(e.fieldIndex("tags")) ? null : e.getList(e.fieldIndex("tags"));
      assertEquals(tags, a.get(4) == null ? null : JSON.readValue(a.get(4), List.class), id);
      assertEquals(((java.sql.Timestamp) e.getAs("created_at")).toInstant().toString(), a.get(5));
      assertEquals(cell(e.getAs("birthday")), a.get(6), id);
      Map<String, String> attrs = e.isNullAt(e.fieldIndex("attrs")) ? null
          : e.getJavaMap(e.fieldIndex("attrs"));
      assertEquals(attrs == null ? null : attrs.get("color"), a.get(7), id);
      LocalDateTime seen = e.getAs("last_seen_local");
      assertEquals(seen == null ? null : seen.atZone(berlin).toInstant().toString(), a.get(8));
      assertEquals(e.getAs("first_name"), a.get(9), id);
    }
    assertTrue(r.out().contains("\"rows\":" + expected.size()), r.out());
  }

  @Test
  void jsonlHasEveryProfileColumnIdFirstInOrder(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("power.jsonl");
    ExportFixture.Result r = export("power-users", "jsonl", out);
    assertEquals(0, r.exit(), r.toString());
    List<Row> expected = ExportFixture.selected("power-users");
    List<String> lines = Files.readAllLines(out);
    assertEquals(expected.size(), lines.size());
    List<String> columns = new ArrayList<>(List.of(expected.get(0).schema().fieldNames()));
    columns.remove("user_id");
    columns.add(0, "user_id");
    for (int i = 0; i < expected.size(); i++) {
      Row e = expected.get(i);
      JsonNode a = JSON.readTree(lines.get(i));
      List<String> keys = new ArrayList<>();
      a.fieldNames().forEachRemaining(keys::add);
      assertEquals(columns, keys, "line " + i);
      assertTrue(a.get("user_id").isIntegralNumber(), lines.get(i));
      assertEquals((long) e.getAs("user_id"), a.get("user_id").longValue(), "line " + i);
      Integer sessions = e.getAs("sessions");
      assertEquals(sessions.intValue(), a.get("sessions").intValue());
      Row loc = e.getAs("location");
      if (loc == null) {
        assertTrue(a.get("location").isNull(), lines.get(i));
      } else {
        assertEquals(cell(loc.getAs("city")), a.get("location").get("city").isNull() ? null
            : a.get("location").get("city").asText());
        assertEquals((double) loc.getAs("lat"), a.get("location").get("lat").doubleValue());
      }
      List<String> devices = e.isNullAt(e.fieldIndex("devices")) ? null
          : e.getList(e.fieldIndex("devices"));
      assertEquals(devices, a.get("devices").isNull() ? null
          : JSON.convertValue(a.get("devices"), List.class));
      Map<String, String> settings = e.isNullAt(e.fieldIndex("settings")) ? null
          : e.getJavaMap(e.fieldIndex("settings"));
      assertEquals(settings, a.get("settings").isNull() ? null
          : JSON.convertValue(a.get("settings"), Map.class));
    }
  }

  @Test
  void parquetIsOneFileReadBackInOrder(@TempDir Path dir) throws Exception {
    // berlin-customers has no limit: its order comes from a sort over several partitions.
    for (String segment : List.of("berlin-top", "power-users", "berlin-customers")) {
      Path out = dir.resolve(segment + ".parquet");
      List<String> fields = segment.equals("berlin-top")
          ? List.of("--fields", "lifetime_value,address.zip") : List.of();
      ExportFixture.Result r = export(segment, "parquet", out, fields.toArray(String[]::new));
      assertEquals(0, r.exit(), r.toString());
      try (Stream<Path> files = Files.list(out)) {
        assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
            .count(), "one part file in " + out);
      }
      List<Row> expected = ExportFixture.selected(segment);
      assertTrue(expected.size() > 50, segment + ": too few to test the order");
      List<Row> actual = SharedSpark.session().read().parquet(out.toString()).collectAsList();
      String id = expected.get(0).schema().fieldNames()[0].equals("user_id") ? "user_id"
          : "profile_id";
      assertEquals(expected.stream().map(x -> x.getAs(id)).toList(),
          actual.stream().map(x -> x.getAs(id)).toList(), segment);
      assertEquals(id, actual.get(0).schema().fieldNames()[0]);
      if (segment.equals("berlin-top")) {
        assertEquals(List.of("profile_id", "lifetime_value", "address.zip"),
            List.of(actual.get(0).schema().fieldNames()));
        for (int i = 0; i < expected.size(); i++) {
          Row address = expected.get(i).getAs("address");
          String zip = address == null ? null : address.getAs("zip");
          assertEquals(zip, actual.get(i).getAs("address.zip"));
          assertEquals((Object) expected.get(i).getAs("lifetime_value"),
              actual.get(i).getAs("lifetime_value"));
        }
      } else {
        assertEquals(expected, actual, "every column, value and row order");
      }
    }
  }

  @Test
  void anExistingOutIsRefusedUnlessOverwrite(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("vips.csv");
    Files.writeString(out, "keep me\n");
    Map<String, String> before = ExportFixture.listing(dir);
    ExportFixture.Result r = export("berlin-vips", "csv", out);
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("BAD_OPTION") && r.err().contains("--overwrite"), r.err());
    assertEquals(before, ExportFixture.listing(dir), "nothing changed");

    ExportFixture.Result o = export("berlin-top", "jsonl", out, "--overwrite");
    assertEquals(0, o.exit(), o.toString());
    assertEquals(ExportFixture.selected("berlin-top").size(), Files.readAllLines(out).size());
    assertEquals(java.util.Set.of("", "vips.csv"), ExportFixture.listing(dir).keySet(),
        "no temporary file left");

    Path folder = dir.resolve("folder.parquet");
    Files.createDirectories(folder.resolve("old"));
    Files.writeString(folder.resolve("old/data.txt"), "old");
    before = ExportFixture.listing(dir);
    assertEquals(2, export("power-users", "parquet", folder).exit());
    assertEquals(2, export("power-users", "csv", folder, "--overwrite").exit(),
        "a folder is never replaced by a file");
    assertEquals(before, ExportFixture.listing(dir), "nothing changed");
    assertEquals(0, export("power-users", "parquet", folder, "--overwrite").exit());
    assertFalse(Files.exists(folder.resolve("old")));
    assertEquals(100, SharedSpark.session().read().parquet(folder.toString()).count());

    Path empty = dir.resolve("empty");
    Files.createDirectory(empty);
    assertEquals(0, export("power-users", "parquet", empty).exit(), "an empty folder is taken");
  }

  @Test
  void badFieldsAndFormatsAreRefusedWithNothingWritten(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("x.csv");
    ExportFixture.Result r = export("berlin-vips", "csv", out, "--fields", "citty,lifetime_value,"
        + "address.zipp");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("UNKNOWN_FIELD") && r.err().contains("'citty'")
        && r.err().contains("did you mean city"), r.err());
    assertTrue(r.err().contains("'address.zipp'") && r.err().contains("address.zip"), r.err());
    ExportFixture.Result twice = export("berlin-vips", "csv", out, "--fields", "city,city");
    assertEquals(2, twice.exit(), twice.toString());
    assertTrue(twice.err().contains("twice"), twice.err());
    ExportFixture.Result format = export("berlin-vips", "xlsx", out);
    assertEquals(2, format.exit(), format.toString());
    assertTrue(format.err().contains("Cannot use --format 'xlsx' (expected csv, jsonl or"
        + " parquet)"), format.err());
    assertEquals(Map.of("", "dir"), ExportFixture.listing(dir), "nothing written");
  }

  @Test
  void anEmptySegmentGivesAHeaderOnlyAnEmptyFileAndAnEmptyTable(@TempDir Path dir)
      throws Exception {
    assertEquals(List.of(), ExportFixture.selected("berlin-vips"), "none in the small sample");
    assertEquals(0, export("berlin-vips", "csv", dir.resolve("v.csv"), "--fields", "city")
        .exit());
    assertEquals("profile_id,city\n", Files.readString(dir.resolve("v.csv")));
    assertEquals(0, export("berlin-vips", "jsonl", dir.resolve("v.jsonl")).exit());
    assertEquals(0, Files.size(dir.resolve("v.jsonl")));
    ExportFixture.Result p = export("berlin-vips", "parquet", dir.resolve("v.parquet"));
    assertEquals(0, p.exit(), p.toString());
    assertTrue(p.out().contains("\"rows\":0"), p.out());
    Dataset<Row> back = SharedSpark.session().read().parquet(dir.resolve("v.parquet")
        .toString());
    assertEquals(0, back.count());
    assertEquals("profile_id", back.columns()[0]);
  }

  @Test
  void csvQuotingFollowsRfc4180() {
    assertEquals("plain", CsvCells.quote("plain"));
    assertEquals("\"\"", CsvCells.quote(""));
    assertEquals("\"a,b\"", CsvCells.quote("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvCells.quote("say \"hi\""));
    assertEquals("\"two\nlines\"", CsvCells.quote("two\nlines"));
    assertEquals("\"cr\r\"", CsvCells.quote("cr\r"));
    List<List<String>> back = ExportFixture.csv("a,\"\",,\"x,\"\"y\"\"\"\n");
    assertEquals(java.util.Arrays.asList("a", "", null, "x,\"y\""), back.get(0));
    assertNull(back.get(0).get(2));
  }

  @Test
  void aFailedWriteLeavesNothing(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("partial.csv");
    Storage storage = Storage.local();
    OutPath target = OutPath.check(storage, out.toString(), false, false).ok().orElseThrow();
    try {
      target.write((temp, replace) -> {
        Files.writeString(local(temp), "half a file");
        throw new IllegalStateException("failed midway");
      });
      throw new AssertionError("the failure was swallowed");
    } catch (IllegalStateException expected) {
      assertEquals("failed midway", expected.getMessage());
    }
    assertEquals(Map.of("", "dir"), ExportFixture.listing(dir), "no half file, no temporary");

    Path folder = dir.resolve("kept");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("a.txt"), "a");
    Map<String, String> before = ExportFixture.listing(dir);
    OutPath over = OutPath.check(storage, folder.toString(), true, true).ok().orElseThrow();
    try {
      over.write((temp, replace) -> {
        Files.createDirectory(local(temp));
        Files.writeString(local(temp).resolve("b.txt"), "b");
        throw new java.io.IOException("disk full");
      });
      throw new AssertionError("the failure was swallowed");
    } catch (java.io.IOException expected) {
      assertEquals("disk full", expected.getMessage());
    }
    assertEquals(before, ExportFixture.listing(dir), "the old folder is untouched");
  }
}
