package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/** The commands run as a user runs them: scripts/segments in its own process. */
@ExtendWith(SharedSpark.class)
class CommandLineTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";
  private static String catalog;
  private static String examples;

  @BeforeAll
  static void sample() throws Exception {
    catalog = TestSample.catalog().toString();
    examples = TestSample.examples().toString();
  }

  /** The same segment evaluated in this JVM, to compare the command's output with. */
  private static List<String> expectedMembers(String id) throws Exception {
    Catalog c = org.sparksegments.jobs.LocalFiles.catalog(Path.of(catalog));
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(Path.of(examples));
    BoundSegment s = new Validator(c, new SchemaSource(new org.apache.hadoop.conf.Configuration(),
        SharedSpark::session)).validate(set.find(id).orElseThrow()).segment();
    return new Evaluator(SharedSpark.session(), c).selected(s, Instant.parse(AS_OF))
        .select(s.database().idColumn()).collectAsList().stream()
        .map(r -> String.valueOf(r.get(0))).collect(Collectors.toList());
  }

  @Test
  void helpListsEveryCommand() throws Exception {
    Cli.Result r = Cli.run("--help");
    assertEquals(0, r.exit(), r.toString());
    for (String cmd : List.of("validate", "count", "members", "show", "export",
        "export-history", "explain", "generate", "demo", "copy-to-static", "copy-to-database",
        "bulk-update", "add-to-scenario", "dependents", "clone", "delete", "restore")) {
      assertTrue(r.out().contains(cmd), cmd + " missing in\n" + r.out());
    }
    Cli.Result count = Cli.run("count", "--help");
    assertEquals(0, count.exit(), count.toString());
    assertTrue(count.out().contains("--as-of") && count.out().contains("in_range"), count.out());
    assertTrue(count.out().contains("--sample=P") && count.out().contains("lowest P % of"),
        count.out());
    assertFalse(count.err().contains("Could not format"), count.err());
  }

  @Test
  void validateAcceptsTheExamples() throws Exception {
    Cli.Result r = Cli.run("validate", "--catalog", catalog, "--segments", examples);
    assertEquals(0, r.exit(), r.toString());
    long n;
    try (var files = Files.list(Path.of(examples))) {
      n = files.filter(f -> f.toString().endsWith(".json")).count();
    }
    assertTrue(r.out().startsWith(n + " valid, 0 invalid"), r.out());
  }

  @Test
  void validateReportsEveryProblemWithCodeAndPointer(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, """
        [ { "id": "ok-one", "database": "shop",
            "conditions": { "field": "city", "op": "eq", "value": "Berlin" } },
          { "id": "broken", "database": "shop", "colour": "red",
            "conditions": { "all": [
              { "field": "cityy", "op": "eq", "value": "Berlin" },
              { "field": "age", "op": "containz", "value": "x" },
              { "field": "tags", "op": "contains", "value": "eco" } ] } } ]
        """);
    Cli.Result r = Cli.run("validate", "--catalog", catalog, "--segments", bad.toString());
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.out().startsWith("1 valid, 1 invalid: broken\nvalid: ok-one"), r.out());
    for (String expected : List.of(
        "segment broken: UNKNOWN_KEY at /1/colour",
        "segment broken: UNKNOWN_FIELD at /1/conditions/all/0/field",
        "segment broken: UNKNOWN_OPERATOR at /1/conditions/all/1/op",
        "segment broken: TYPE_MISMATCH at /1/conditions/all/2/op")) {
      assertTrue(r.err().contains(expected), expected + " missing in\n" + r.err());
    }
    assertTrue(r.err().contains("did you mean city"), r.err());
  }

  @Test
  void malformedJsonGivesLineAndColumn(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\n  \"id\": \"x\",\n  \"database\" \"shop\"\n}\n");
    Cli.Result r = Cli.run("count", "--catalog", catalog, "--segments", bad.toString(),
        "--segment", "x", "--as-of", AS_OF);
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("MALFORMED_JSON") && r.err().contains("line 3, column 14"),
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void countPrintsTheSpecLine() throws Exception {
    Cli.Result r = Cli.run("count", "--catalog", catalog, "--segments", examples,
        "--segment", "power-users", "--as-of", AS_OF, "--quiet");
    assertEquals(0, r.exit(), r.toString());
    List<String> members = expectedMembers("power-users");
    assertTrue(members.size() > 0 && members.size() <= 100, "members " + members.size());
    assertEquals(1, r.lines().size(), r.out());
    String line = r.lines().get(0);
    assertTrue(line.matches("\\{\"segment\":\"power-users\",\"as_of\":\"2026-06-01T00:00:00Z\","
        + "\"in_range\":\\d+,\"matched\":\\d+,\"selected\":" + members.size() + "}"), line);
  }

  @Test
  void aQuickSegmentFileNextToTheSavedFolderMayReferToSavedSegments(@TempDir Path tmp)
      throws Exception {
    Path quick = tmp.resolve("quick.json");
    Files.writeString(quick, "{\"id\":\"quick-berlin-not-vip\",\"database\":\"shop\","
        + "\"conditions\":{\"all\":[{\"conditions_of\":\"berlin-customers\"},"
        + "{\"segment\":\"berlin-vips\",\"op\":\"not_in\"}]}}");
    Cli.Result r = Cli.run("members", "--catalog", catalog, "--segments", examples,
        "--segments", quick.toString(), "--segment", "quick-berlin-not-vip", "--as-of", AS_OF,
        "--quiet");
    assertEquals(0, r.exit(), r.toString());
    List<String> expected = new java.util.ArrayList<>(expectedMembers("berlin-customers"));
    expected.removeAll(expectedMembers("berlin-vips"));
    java.util.Collections.sort(expected);
    assertFalse(expected.isEmpty());
    assertEquals(expected, r.lines());
  }

  @Test
  void membersListsTheIdsInLimitOrder() throws Exception {
    Cli.Result r = Cli.run("members", "--catalog", catalog, "--segments", examples,
        "--segment", "berlin-vips", "--as-of", "2026-06-01T02:00:00+02:00", "--quiet");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(expectedMembers("berlin-vips"), r.lines());
  }

  @Test
  void showPrintsATableOfTheChosenFields() throws Exception {
    Cli.Result r = Cli.run("show", "--catalog", catalog, "--segments", examples,
        "--segment", "power-users", "--as-of", AS_OF, "--rows", "3",
        "--fields", "sessions,location.city", "--quiet");
    assertEquals(0, r.exit(), r.toString());
    String header = r.lines().get(1);
    assertTrue(header.contains("user_id") && header.contains("sessions")
        && header.contains("location.city"), r.out());
    List<String> ids = expectedMembers("power-users").subList(0, 3);
    List<String> rows = r.lines().subList(3, 6);
    for (int i = 0; i < 3; i++) {
      assertTrue(rows.get(i).matches("\\|\\s*" + ids.get(i) + "\\s*\\|.*"), rows.get(i));
    }
  }

  @Test
  void explainShowsTheSharedAggregatesAndThePlan() throws Exception {
    Cli.Result r = Cli.run("explain", "--catalog", catalog, "--segments", examples,
        "--segment", "spring-openers", "--as-of", AS_OF);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("== features") && r.out().contains("__ev_")
        && r.out().contains("__sub_"), r.out());
    assertTrue(r.out().contains("== physical plan") && r.out().contains("HashAggregate"),
        r.out());
  }

  @Test
  void badOptionsExitTwoAndPrintNothing() throws Exception {
    Cli.Result asOf = Cli.run("count", "--catalog", catalog, "--segments", examples,
        "--segment", "power-users", "--as-of", "2026-06-01");
    assertEquals(2, asOf.exit(), asOf.toString());
    assertTrue(asOf.err().contains("BAD_OPTION"), asOf.err());
    assertEquals("", asOf.out());

    Cli.Result unknown = Cli.run("members", "--catalog", catalog, "--segments", examples,
        "--segment", "no-such-segment", "--as-of", AS_OF);
    assertEquals(2, unknown.exit(), unknown.toString());
    assertTrue(unknown.err().contains("UNKNOWN_SEGMENT"), unknown.err());
    assertEquals("", unknown.out());

    Cli.Result usage = Cli.run("count", "--catalog", catalog, "--segments", examples,
        "--segment", "power-users", "--colour", "red");
    assertEquals(2, usage.exit(), usage.toString());
    assertTrue(usage.err().contains("Unknown option"), usage.err());
  }

  @Test
  void generateWritesASampleAndRefusesToOverwrite(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sample");
    Cli.Result r = Cli.run("generate", "--out", out.toString(), "--profiles", "50",
        "--seed", "3");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(Files.isRegularFile(out.resolve("catalog.json")));
    assertTrue(r.out().contains("shop.profiles") && r.out().contains("50 rows"), r.out());
    Row first = SharedSpark.session().read().parquet(out.resolve("shop/profiles").toString())
        .orderBy("profile_id").first();
    assertFalse(first.isNullAt(0));

    long before = Files.getLastModifiedTime(out.resolve("catalog.json")).toMillis();
    Cli.Result again = Cli.run("generate", "--out", out.toString(), "--profiles", "50");
    assertEquals(2, again.exit(), again.toString());
    assertTrue(again.err().contains("--overwrite"), again.err());
    assertEquals(before, Files.getLastModifiedTime(out.resolve("catalog.json")).toMillis());
  }
}
