package org.sparksegments.jobs.export;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/** export-history: exactly the members' rows in the window, in a total order, in each format. */
@ExtendWith(SharedSpark.class)
class ExportHistoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AS_OF = Instant.parse(ExportFixture.AS_OF);

  private static ExportFixture.Result history(String segment, Path out, String... more)
      throws Exception {
    List<String> a = ExportFixture.args("export-history", segment);
    a.addAll(List.of("--out", out.toString()));
    a.addAll(List.of(more));
    return ExportFixture.run(a);
  }

  /** The table's rows of the segment's members with time in [since, until), by Spark. */
  private static List<Row> expected(String segment, String db, String table, String time,
      String id, Instant since, Instant until, boolean capAtAsOf) throws Exception {
    List<Object> members = ExportFixture.selected(segment).stream().map(r -> r.getAs(id))
        .map(Object.class::cast).toList();
    Dataset<Row> all = SharedSpark.session().read().parquet(
        TestSample.catalog().getParent().resolve(db + "/" + table).toString());
    Dataset<Row> kept = all.filter(col(id).isin(members.toArray())
        .and(col(time).geq(lit(since))).and(col(time).lt(lit(until))));
    if (capAtAsOf) {
      kept = kept.filter(col(time).leq(lit(AS_OF)));
    }
    return kept.collectAsList();
  }

  /** A row as comparable text: column=value in the given column order. */
  private static String text(Row r, List<String> columns) {
    StringBuilder sb = new StringBuilder();
    for (String c : columns) {
      Object v = r.getAs(c);
      sb.append(c).append('=').append(v instanceof java.sql.Timestamp t ? t.toInstant() : v)
          .append(';');
    }
    return sb.toString();
  }

  private static String text(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      sb.append(e.getKey()).append('=').append(v.isNull() ? "null" : v.isDouble()
          ? String.valueOf(v.doubleValue()) : v.asText()).append(';');
    }
    return sb.toString();
  }

  private static List<String> sorted(List<String> rows) {
    return rows.stream().sorted().toList();
  }

  @Test
  void jsonlHoldsExactlyTheMembersRowsOfTheWindowInOrder(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("h");
    Instant since = Instant.parse("2026-02-01T00:00:00Z");
    Instant until = Instant.parse("2026-07-01T00:00:00Z");
    ExportFixture.Result r = history("berlin-top", out, "--format", "jsonl",
        "--since", since.toString(), "--until", until.toString());
    assertEquals(0, r.exit(), r.toString());
    assertEquals(List.of("events.jsonl", "subscriptions.jsonl"), names(out));
    for (String[] t : new String[][] {{"events", "ts"}, {"subscriptions", "updated_at"}}) {
      List<Row> exp = expected("berlin-top", "shop", t[0], t[1], "profile_id", since, until,
          true);
      List<Row> uncapped = expected("berlin-top", "shop", t[0], t[1], "profile_id", since,
          until, false);
      assertTrue(exp.size() > 10 && uncapped.size() > exp.size(), t[0] + ": the window must"
          + " hold rows on both sides of the as-of: " + exp.size() + " / " + uncapped.size());
      List<String> columns = new ArrayList<>(List.of(exp.get(0).schema().fieldNames()));
      columns.remove("profile_id");
      columns.add(0, "profile_id");
      List<JsonNode> actual = new ArrayList<>();
      for (String line : Files.readAllLines(out.resolve(t[0] + ".jsonl"))) {
        actual.add(JSON.readTree(line));
      }
      assertEquals(sorted(exp.stream().map(x -> text(x, columns)).toList()),
          sorted(actual.stream().map(ExportHistoryTest::text).toList()), t[0]);
      Comparator<JsonNode> byIdThenTime = Comparator.comparing((JsonNode n) ->
          n.get("profile_id").asText()).thenComparing(n -> Instant.parse(n.get(t[1]).asText()));
      for (int i = 1; i < actual.size(); i++) {
        assertTrue(byIdThenTime.compare(actual.get(i - 1), actual.get(i)) <= 0,
            t[0] + ": out of order at line " + i);
      }
      assertEquals(exp.size(), JSON.readTree(r.out()).get(t[0]).asLong());
    }
  }

  @Test
  void parquetAndCsvGiveTheSameRowsInTheSameOrder(@TempDir Path dir) throws Exception {
    Path pq = dir.resolve("pq");
    Path csv = dir.resolve("csv");
    String[] window = {"--since", "2025-06-01", "--until", "2026-06-01T00:00:00.000001Z",
        "--tables", "events"};
    ExportFixture.Result p = history("power-users", pq, concat("parquet", window));
    assertEquals(0, p.exit(), p.toString());
    ExportFixture.Result c = history("power-users", csv, concat("csv", window));
    assertEquals(0, c.exit(), c.toString());
    assertEquals(List.of("events.parquet"), names(pq));
    assertEquals(List.of("events.csv"), names(csv));
    assertTrue(JSON.readTree(p.out()).get("subscriptions").isNull(), p.out());
    Instant since = Instant.parse("2025-06-01T00:00:00Z");
    List<Row> exp = expected("power-users", "app", "events", "ts", "user_id", since,
        Instant.parse("2026-06-01T00:00:00.000001Z"), true);
    assertTrue(exp.stream().anyMatch(x -> ((java.sql.Timestamp) x.getAs("ts")).toInstant()
        .equals(AS_OF)), "events at exactly the as-of are in");
    try (Stream<Path> files = Files.list(pq.resolve("events.parquet"))) {
      assertEquals(1, files.filter(f -> f.toString().endsWith(".parquet")).count());
    }
    List<Row> back = SharedSpark.session().read().parquet(pq.resolve("events.parquet")
        .toString()).collectAsList();
    List<String> columns = List.of(back.get(0).schema().fieldNames());
    assertEquals("user_id", columns.get(0));
    assertEquals(sorted(exp.stream().map(x -> text(x, columns)).toList()),
        sorted(back.stream().map(x -> text(x, columns)).toList()));
    List<List<String>> cells = ExportFixture.csv(Files.readString(csv.resolve("events.csv")));
    assertEquals(columns, cells.get(0));
    assertEquals(back.size() + 1, cells.size());
    for (int i = 0; i < back.size(); i++) {
      Row b = back.get(i);
      assertEquals(String.valueOf((long) b.getAs("user_id")), cells.get(i + 1).get(0));
      assertEquals(((java.sql.Timestamp) b.getAs("ts")).toInstant().toString(),
          cells.get(i + 1).get(columns.indexOf("ts")), "row " + i);
      if (i > 0) {
        Row a = back.get(i - 1);
        long ida = a.getAs("user_id");
        long idb = b.getAs("user_id");
        assertTrue(ida < idb || ida == idb && !((java.sql.Timestamp) a.getAs("ts"))
            .after(b.getAs("ts")), "numeric id, then time, at row " + i);
      }
    }
  }

  @Test
  void badWindowsAndExistingFoldersAreRefused(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("h");
    ExportFixture.Result same = history("berlin-vips", out, "--format", "csv", "--since",
        "2026-05-01", "--until", "2026-04-30T22:00:00Z");
    assertEquals(2, same.exit(), same.toString());
    assertTrue(same.err().contains("the window is empty"), same.err());
    ExportFixture.Result bad = history("berlin-vips", out, "--format", "csv", "--since",
        "May 1st", "--until", "2026-06-01T00:00:00Z");
    assertEquals(2, bad.exit(), bad.toString());
    assertTrue(bad.err().contains("Cannot use --since 'May 1st'"), bad.err());
    ExportFixture.Result table = history("berlin-vips", out, "--format", "csv", "--since",
        "2026-05-01", "--until", "2026-06-01", "--tables", "events,clicks");
    assertEquals(2, table.exit(), table.toString());
    assertFalse(Files.exists(out));
    Files.createDirectories(out);
    Files.writeString(out.resolve("events.csv"), "old");
    Map<String, String> before = ExportFixture.listing(dir);
    ExportFixture.Result exists = history("berlin-vips", out, "--format", "csv", "--since",
        "2026-05-01", "--until", "2026-06-01");
    assertEquals(2, exists.exit(), exists.toString());
    assertEquals(before, ExportFixture.listing(dir), "nothing changed");
    assertEquals(0, history("berlin-vips", out, "--format", "csv", "--since", "2026-05-01",
        "--until", "2026-06-01", "--overwrite").exit());
    assertEquals(List.of("events.csv", "subscriptions.csv"), names(out));
    assertTrue(Files.readString(out.resolve("events.csv")).startsWith("profile_id,"));
  }

  @Test
  void aDatabaseWithoutSubscriptionsSkipsThemUnlessAskedFor(@TempDir Path dir)
      throws Exception {
    Path sample = TestSample.catalog().getParent();
    Path catalog = dir.resolve("catalog.json");
    Files.writeString(catalog, "{ \"databases\": { \"shop\": { \"id_column\": \"profile_id\","
        + " \"timezone\": \"Europe/Berlin\", \"profiles\": \"" + sample.resolve("shop/profiles")
        + "\", \"events\": \"" + sample.resolve("shop/events") + "\" } } }");
    String segments = ExportFixture.segments().get(1).toString();
    List<String> common = List.of("export-history", "--catalog", catalog.toString(),
        "--segments", segments, "--segment", "berlin-top", "--as-of", ExportFixture.AS_OF,
        "--quiet", "--format", "jsonl", "--since", "2026-05-01", "--until", "2026-06-01");
    List<String> asked = new ArrayList<>(common);
    asked.addAll(List.of("--tables", "subscriptions,events", "--out", dir.resolve("a")
        .toString()));
    ExportFixture.Result refused = ExportFixture.run(asked);
    assertEquals(2, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("UNKNOWN_TABLE") && refused.err()
        .contains("subscriptions"), refused.err());
    assertFalse(Files.exists(dir.resolve("a")));

    List<String> plain = new ArrayList<>(common);
    plain.addAll(List.of("--out", dir.resolve("b").toString()));
    ExportFixture.Result r = ExportFixture.run(plain);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("has no subscriptions table; subscriptions skipped"), r.err());
    assertTrue(JSON.readTree(r.out()).get("subscriptions").isNull(), r.out());
    assertEquals(List.of("events.jsonl"), names(dir.resolve("b")));
  }

  private static String[] concat(String format, String[] more) {
    List<String> a = new ArrayList<>(List.of("--format", format));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
