package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.cli.Cli;
import org.sparksegments.testing.SharedSpark;

/**
 * bulk-update: the new version of the profiles table has the values for the members only,
 * every other row as it was; the previous folder is unchanged and readable; the catalog points
 * at the new version and is otherwise the same; refusals change nothing.
 */
@ExtendWith(SharedSpark.class)
class BulkUpdateTest {

  @Test
  void membersGetTheValuesAndEveryOtherRowStaysAsItWas(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    Set<String> members = new HashSet<>(Sandbox.members(catalog, "berlin-customers"));
    Map<String, String> before = Sandbox.hashes(root);
    JsonNode catalogBefore = Sandbox.JSON.readTree(catalog.toFile());
    Map<String, Row> old = byId(root.resolve("shop/profiles"), "profile_id");

    Sandbox.Run r = Sandbox.ok("bulk-update", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of",
        Sandbox.AS_OF, "--set", "is_vip=false", "--set", "loyalty_points=12345", "--set",
        "email=null", "--set", "birthday=2000-01-02", "--set",
        "last_seen_local=2026-05-01T10:00:00", "--set", "lifetime_value=99.5", "--set",
        "first_name=\"Ana Lena\"", "--set", "tags=null");
    JsonNode sum = r.summary();
    assertEquals(members.size(), sum.path("members").asLong(), r.toString());
    assertEquals("shop/profiles", sum.path("old_source").asText());
    assertEquals("shop/profiles.v2", sum.path("new_source").asText());
    assertEquals("{\"is_vip\":false,\"loyalty_points\":12345,\"email\":null,\"birthday\":"
        + "\"2000-01-02\",\"last_seen_local\":\"2026-05-01T10:00:00\",\"lifetime_value\":99.5,"
        + "\"first_name\":\"Ana Lena\",\"tags\":null}", sum.path("set").toString());

    // The catalog: the profiles source switched, everything else as it was.
    ObjectNode expected = catalogBefore.deepCopy();
    ((ObjectNode) expected.path("databases").path("shop")).put("profiles", "shop/profiles.v2");
    assertEquals(expected, Sandbox.JSON.readTree(catalog.toFile()));

    // Only new files in the new version folder; the previous version byte for byte.
    Map<String, String> changes = Sandbox.changes(before, Sandbox.hashes(root));
    changes.forEach((file, change) -> assertTrue(file.equals("catalog.json")
        || change.equals("added") && file.startsWith("shop/profiles.v2/"), file + " " + change));

    Map<String, Row> now = byId(root.resolve("shop/profiles.v2"), "profile_id");
    assertEquals(old.keySet(), now.keySet(), "the same profiles");
    assertEquals(Sandbox.read(root.resolve("shop/profiles")).schema(),
        Sandbox.read(root.resolve("shop/profiles.v2")).schema());
    Map<String, Object> set = new TreeMap<>(Map.of("is_vip", false, "loyalty_points", 12345L,
        "birthday", java.sql.Date.valueOf("2000-01-02"), "last_seen_local",
        LocalDateTime.parse("2026-05-01T10:00:00"), "lifetime_value", new BigDecimal("99.50"),
        "first_name", "Ana Lena"));
    int updated = 0;
    for (Map.Entry<String, Row> e : now.entrySet()) {
      Row was = old.get(e.getKey());
      Row is = e.getValue();
      if (!members.contains(e.getKey())) {
        assertEquals(was, is, "a profile outside the segment: " + e.getKey());
        continue;
      }
      updated++;
      for (String f : is.schema().fieldNames()) {
        Object value = is.get(is.fieldIndex(f));
        if (f.equals("email") || f.equals("tags")) {
          assertEquals(null, value, f + " of " + e.getKey());
        } else if (set.containsKey(f)) {
          assertEquals(set.get(f), value, f + " of " + e.getKey());
        } else {
          assertEquals(was.get(was.fieldIndex(f)), value, f + " of " + e.getKey());
        }
      }
    }
    assertEquals(members.size(), updated);
    assertTrue(updated > 20 && updated < now.size() / 2, "a real share: " + updated);
    assertEquals(members, new HashSet<>(Sandbox.members(catalog, "berlin-customers")),
        "the segment reads the new version");
  }

  @Test
  void theMembersAreEvaluatedOnceBeforeTheRewrite(@TempDir Path dir) throws Exception {
    // power-users keeps the 100 users with the most sessions: setting their sessions to 0 would
    // select others if the segment were evaluated again while the table is rewritten.
    Path catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    List<String> top = Sandbox.members(catalog, "power-users");
    assertEquals(100, top.size());
    Map<String, Row> old = byId(root.resolve("app/profiles"), "user_id");
    Sandbox.ok("bulk-update", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "power-users", "--as-of",
        Sandbox.AS_OF, "--set", "sessions=0", "--quiet");
    Map<String, Row> now = byId(root.resolve("app/profiles.v2"), "user_id");
    for (Map.Entry<String, Row> e : now.entrySet()) {
      Object sessions = e.getValue().get(e.getValue().fieldIndex("sessions"));
      Row was = old.get(e.getKey());
      if (top.contains(e.getKey())) {
        assertEquals(0, sessions, e.getKey());
      } else {
        assertEquals(was, e.getValue(), e.getKey());
      }
    }
    List<String> after = Sandbox.members(catalog, "power-users");
    assertTrue(after.stream().noneMatch(top::contains), "the next top 100 are others");

    // A second update makes version 3 from version 2; version 2 stays as it was.
    Map<String, String> v2 = Sandbox.hashes(root.resolve("app/profiles.v2"));
    Sandbox.Run again = Sandbox.ok("bulk-update", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString(), "--segment", "power-users",
        "--as-of", Sandbox.AS_OF, "--set", "premium=true", "--quiet");
    assertEquals("app/profiles.v2", again.summary().path("old_source").asText());
    assertEquals("app/profiles.v3", again.summary().path("new_source").asText());
    assertEquals(v2, Sandbox.hashes(root.resolve("app/profiles.v2")));
    Map<String, Row> v3 = byId(root.resolve("app/profiles.v3"), "user_id");
    for (String id : after) {
      assertTrue(v3.get(id).getBoolean(v3.get(id).fieldIndex("premium")), id);
    }
  }

  @Test
  void refusalsChangeNothing(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    SharedSpark.session().sql("CREATE DATABASE IF NOT EXISTS segments_actions");
    Sandbox.read(root.resolve("shop/profiles")).write().mode("overwrite")
        .saveAsTable("segments_actions.shop_profiles");
    ObjectNode tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ((ObjectNode) tree.path("databases").path("shop"))
        .put("profiles", "table:segments_actions.shop_profiles");
    Path sessionTable = root.resolve("session-table.json");
    Sandbox.JSON.writeValue(sessionTable.toFile(), tree);
    Map<String, String> before = Sandbox.hashes(root);

    Sandbox.Run all = update(catalog, "--set", "cty=Berlin", "--set", "age=abc", "--set",
        "profile_id=x", "--set", "created_at=2026-01-01", "--set", "is_vip=yes", "--set",
        "age=3000000000", "--set", "address.zip=10115", "--set", "lifetime_value=1.234",
        "--set", "city=5", "--set", "tags=[\"a\"]", "--set", "nothing");
    for (String expected : List.of(
        "UNKNOWN_FIELD at (root): --set cty=Berlin: Cannot find field 'cty' in the profiles"
            + " table (did you mean city?)",
        "BAD_LITERAL at (root): --set age=abc: Cannot set field 'age' of type int to the string"
            + " \"abc\"",
        "BAD_OPTION at (root): --set profile_id=x: Cannot set 'profile_id': it is the id column",
        "BAD_OPTION at (root): --set created_at=2026-01-01: Cannot set 'created_at'",
        "BAD_LITERAL at (root): --set is_vip=yes: Cannot set field 'is_vip' of type boolean",
        "--set age=3000000000: Cannot set 'age' twice",
        "UNKNOWN_FIELD at (root): --set address.zip=10115: Cannot set 'address.zip': only"
            + " top-level fields",
        "BAD_LITERAL at (root): --set lifetime_value=1.234: Cannot set field 'lifetime_value'"
            + " of type decimal(12,2) to the number 1.234, which the column cannot hold exactly"
            + " (expected a JSON number with at most 2 decimals",
        "--set city=5: Cannot set field 'city' of type string to the number 5",
        "--set tags=[\"a\"]: Cannot set field 'tags' of type array<string> to a JSON array"
            + " (expected null",
        "BAD_OPTION at (root): --set nothing: Cannot use --set 'nothing' (expected"
            + " FIELD=VALUE")) {
      assertTrue(all.err().contains(expected), expected + "\nmissing in\n" + all);
    }
    Sandbox.Run narrow = update(catalog, "--set", "age=3000000000");
    assertTrue(narrow.err().contains("a whole JSON number from -2147483648 to 2147483647"),
        narrow.toString());
    Sandbox.Run table = update(sessionTable, "--set", "city=Berlin");
    assertTrue(table.err().contains("BAD_TABLE") && table.err().contains(
        "table:segments_actions.shop_profiles"), table.toString());
    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(root)));

    // As a user runs it: exit status 2, nothing on standard output, nothing changed.
    Cli.Result cli = Cli.run("bulk-update", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--set",
        "citty=Berlin");
    assertEquals(2, cli.exit(), cli.toString());
    assertTrue(cli.err().contains("UNKNOWN_FIELD") && cli.err().contains("did you mean city"),
        cli.err());
    assertEquals("", cli.out());
    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(root)));
    assertFalse(Files.exists(root.resolve("shop/profiles.v2")));
  }

  private static Sandbox.Run update(Path catalog, String... sets) {
    String[] args = new String[10 + sets.length];
    System.arraycopy(new String[] {"bulk-update", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of",
        Sandbox.AS_OF, "--quiet"}, 0, args, 0, 10);
    System.arraycopy(sets, 0, args, 10, sets.length);
    Sandbox.Run r = Sandbox.main(args);
    assertEquals(2, r.exit(), r.toString());
    assertEquals("", r.out());
    return r;
  }

  /** The rows of a profiles folder by id. */
  static Map<String, Row> byId(Path folder, String id) {
    Map<String, Row> out = new TreeMap<>();
    for (Row r : Sandbox.read(folder).collectAsList()) {
      assertTrue(out.put(String.valueOf(r.get(r.fieldIndex(id))), r) == null, "unique ids");
    }
    return out;
  }
}
