package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.cli.Cli;
import org.sparksegments.testing.SharedSpark;

/**
 * copy-to-database: the members' rows land in the target's profiles, read back id by id; ids
 * the target has are kept without --upsert and replaced with it (a new version); schema
 * differences are listed with exit status 2 and nothing changed.
 */
@ExtendWith(SharedSpark.class)
class CopyToDatabaseTest {

  @Test
  void newIdsAreAddedAndExistingOnesKept(@TempDir Path dir) throws Exception {
    Before b = before(dir);
    Path catalog = b.catalog();
    Path root = catalog.getParent();
    Set<String> existing = new TreeSet<>(b.members());
    existing.retainAll(b.target().keySet());
    assertTrue(!existing.isEmpty() && existing.size() < b.members().size(), "overlap " + existing);
    Map<String, String> before = Sandbox.hashes(root);

    JsonNode sum = copy(catalog, "shop2").summary();
    assertEquals(b.members().size(), sum.path("members").asLong(), sum.toString());
    assertEquals(existing.size(), sum.path("kept").asLong(), sum.toString());
    assertEquals(b.members().size() - existing.size(), sum.path("added").asLong(), sum.toString());
    assertEquals("[\"crm_tier\"]", sum.path("filled_with_null").toString());
    Map<String, String> changes = Sandbox.changes(before, Sandbox.hashes(root));
    assertEquals(List.of("shop2/profiles/" + sum.path("file").asText()),
        Sandbox.addedDataFiles(changes));
    assertTrue(changes.values().stream().allMatch("added"::equals), changes.toString());

    Map<String, Row> now = BulkUpdateTest.byId(root.resolve("shop2/profiles"), "profile_id");
    Set<String> ids = new TreeSet<>(b.target().keySet());
    ids.addAll(b.members());
    assertEquals(ids, now.keySet());
    for (String id : ids) {
      if (b.target().containsKey(id)) {
        assertEquals(b.target().get(id), now.get(id), "kept as it was: " + id);
      } else {
        assertCopied(b.source().get(id), now.get(id));
      }
    }

    // Again: every member is there already, nothing is added.
    Map<String, String> once = Sandbox.hashes(root);
    JsonNode again = copy(catalog, "shop2").summary();
    assertEquals(b.members().size(), again.path("kept").asLong());
    assertEquals(0, again.path("added").asLong());
    assertEquals(Map.of(), Sandbox.changes(once, Sandbox.hashes(root)));
  }

  @Test
  void upsertReplacesExistingIdsInANewVersion(@TempDir Path dir) throws Exception {
    Before b = before(dir);
    Path catalog = b.catalog();
    Path root = catalog.getParent();
    Map<String, String> old = Sandbox.hashes(root.resolve("shop2/profiles"));
    long existing = b.members().stream().filter(b.target()::containsKey).count();

    JsonNode sum = copy(catalog, "shop2", "--upsert").summary();
    assertEquals(existing, sum.path("replaced").asLong(), sum.toString());
    assertEquals(b.members().size() - existing, sum.path("added").asLong(), sum.toString());
    assertEquals("shop2/profiles", sum.path("old_source").asText());
    assertEquals("shop2/profiles.v2", sum.path("new_source").asText());
    assertEquals("shop2/profiles.v2", Sandbox.JSON.readTree(catalog.toFile())
        .path("databases").path("shop2").path("profiles").asText());
    assertEquals(old, Sandbox.hashes(root.resolve("shop2/profiles")), "the old version as it was");

    Map<String, Row> now = BulkUpdateTest.byId(root.resolve("shop2/profiles.v2"), "profile_id");
    Set<String> ids = new TreeSet<>(b.target().keySet());
    ids.addAll(b.members());
    assertEquals(ids, now.keySet());
    for (String id : ids) {
      if (b.members().contains(id)) {
        assertCopied(b.source().get(id), now.get(id));
      } else {
        assertEquals(b.target().get(id), now.get(id), "not a member, as it was: " + id);
      }
    }
  }

  @Test
  void schemaDifferencesAreListedAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path catalog = target(dir, "shop2",
        d -> d.drop("score").withColumn("age", col("age").cast("long")));
    Path root = catalog.getParent();
    ObjectNode tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ((ObjectNode) tree.path("databases")).putObject("remote")
        .put("profiles", "table:analytics.profiles");
    Sandbox.JSON.writeValue(catalog.toFile(), tree);
    Map<String, String> before = Sandbox.hashes(root);

    Sandbox.Run r = refused(catalog, "shop2");
    assertTrue(r.err().contains("BAD_TABLE at (root): Cannot copy column 'age': its type"
        + " differs (found int in database shop, expected bigint as in database shop2)"), r.err());
    assertTrue(r.err().contains("Cannot copy to database shop2: its profiles table lacks 1"
        + " column(s) of database shop: score (double) (expected every source column in the"
        + " target; --drop-extra leaves them out)"), r.err());
    Sandbox.Run drop = refused(catalog, "shop2", "--drop-extra");
    assertTrue(drop.err().contains("'age'") && !drop.err().contains("score"), drop.err());
    Sandbox.Run app = refused(catalog, "app");
    assertTrue(app.err().contains("Cannot copy ids of database shop (profile_id, string) into"
        + " the id column of database app (user_id, bigint)"), app.err());
    assertTrue(app.err().contains("email (string)"), app.err());
    assertTrue(refused(catalog, "remote").err().contains("table:analytics.profiles"));
    assertTrue(refused(catalog, "shop").err().contains("the segment's own database"));
    assertTrue(refused(catalog, "nowhere").err().contains("UNKNOWN_DATABASE"));
    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(root)));

    // As a user runs it.
    Cli.Result cli = Cli.run("copy-to-database", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--to", "shop2",
        "--upsert");
    assertEquals(2, cli.exit(), cli.toString());
    assertTrue(cli.err().contains("'age'") && cli.err().contains("score (double)"), cli.err());
    assertEquals("", cli.out());
    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(root)));
  }

  @Test
  void dropExtraAndANewTable(@TempDir Path dir) throws Exception {
    Path catalog = target(dir, "shop2", d -> d.drop("score"));
    Path root = catalog.getParent();
    ObjectNode tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ((ObjectNode) tree.path("databases")).putObject("archive").put("id_column", "customer_id")
        .put("profiles", "archive/profiles");
    Sandbox.JSON.writeValue(catalog.toFile(), tree);
    Set<String> members = new TreeSet<>(Sandbox.members(catalog, "berlin-customers"));

    JsonNode dropped = copy(catalog, "shop2", "--drop-extra").summary();
    assertEquals("[\"score\"]", dropped.path("dropped").toString());
    Dataset<Row> shop2 = Sandbox.read(root.resolve("shop2/profiles"));
    assertFalse(List.of(shop2.columns()).contains("score"));
    assertTrue(new TreeSet<>(Sandbox.sorted(shop2, "profile_id")).containsAll(members));

    assertFalse(Files.exists(root.resolve("archive")));
    JsonNode created = copy(catalog, "archive").summary();
    assertEquals(members.size(), created.path("added").asLong());
    Dataset<Row> archive = Sandbox.read(root.resolve("archive/profiles"));
    assertEquals(List.copyOf(members), Sandbox.sorted(archive, "customer_id"));
    assertEquals("customer_id", archive.columns()[0], "the target's id column name");
  }

  /** A sample with database shop2, its rows and the shop rows by id, the members. */
  private record Before(Path catalog, Map<String, Row> source, Map<String, Row> target,
      Set<String> members) {}

  private static Before before(Path dir) throws Exception {
    Path catalog = target(dir, "shop2", d -> d);
    Path root = catalog.getParent();
    return new Before(catalog, BulkUpdateTest.byId(root.resolve("shop/profiles"), "profile_id"),
        BulkUpdateTest.byId(root.resolve("shop2/profiles"), "profile_id"),
        new TreeSet<>(Sandbox.members(catalog, "berlin-customers")));
  }

  /** Each column of the source row, and null in the target's own column crm_tier. */
  private static void assertCopied(Row from, Row to) {
    for (String f : from.schema().fieldNames()) {
      assertEquals(from.get(from.fieldIndex(f)), to.get(to.fieldIndex(f)), f + " of " + from);
    }
    assertTrue(to.isNullAt(to.fieldIndex("crm_tier")), to.toString());
  }

  private static Sandbox.Run copy(Path catalog, String to, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("copy-to-database", "--catalog",
        catalog.toString(), "--segments", TestSample.examples().toString(), "--segment",
        "berlin-customers", "--to", to, "--as-of", Sandbox.AS_OF, "--quiet"));
    args.addAll(List.of(more));
    return Sandbox.ok(args.toArray(String[]::new));
  }

  private static Sandbox.Run refused(Path catalog, String to, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("copy-to-database", "--catalog",
        catalog.toString(), "--segments", TestSample.examples().toString(), "--segment",
        "berlin-customers", "--to", to, "--as-of", Sandbox.AS_OF, "--quiet"));
    args.addAll(List.of(more));
    Sandbox.Run r = Sandbox.main(args.toArray(String[]::new));
    assertEquals(2, r.exit(), r.toString());
    assertEquals("", r.out());
    return r;
  }

  /**
   * A copy of the sample plus database {@code name}: the shop profiles with ids up to c0000300,
   * first_name "Target", an own column crm_tier, then {@code change}d.
   */
  private static Path target(Path dir, String name, UnaryOperator<Dataset<Row>> change)
      throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    Dataset<Row> rows = Sandbox.read(root.resolve("shop/profiles"))
        .filter(col("profile_id").leq(lit("c0000300")))
        .withColumn("first_name", lit("Target")).withColumn("crm_tier", lit("gold"));
    change.apply(rows).coalesce(1).write().parquet(root.resolve(name + "/profiles").toString());
    ObjectNode tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ((ObjectNode) tree.path("databases")).putObject(name).put("id_column", "profile_id")
        .put("timezone", "Europe/Berlin").put("profiles", name + "/profiles");
    Sandbox.JSON.writeValue(catalog.toFile(), tree);
    return catalog;
  }
}
