package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.testing.SharedSpark;

/**
 * The commands that change tables, with table paths written as explicit {@code file:} URIs in
 * the catalog and on the command line: each writes where the URI points, read back id by id;
 * the hand-off file is reported by its qualified URI.
 */
@ExtendWith(SharedSpark.class)
class FileUriTablesTest {

  @Test
  void tablesGivenAsFileUrisAreWrittenWhereTheyPoint(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    String staticUri = "file://" + root.resolve("shop/static_segments").toAbsolutePath();
    String archiveUri = "file://" + root.resolve("archive/profiles").toAbsolutePath();
    ObjectNode tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ((ObjectNode) tree.path("databases").path("shop")).put("static_segments", staticUri);
    ((ObjectNode) tree.path("databases")).putObject("archive").put("id_column", "profile_id")
        .put("timezone", "Europe/Berlin").put("profiles", archiveUri);
    Sandbox.JSON.writeValue(catalog.toFile(), tree);
    List<String> members = Sandbox.sorted(Sandbox.members(catalog, "berlin-customers"));
    assertFalse(members.isEmpty(), "the case copies someone");

    // copy-to-static: one new file in the table the URI names.
    Map<String, String> before = Sandbox.hashes(root.resolve("shop/static_segments"));
    JsonNode st = Sandbox.ok("copy-to-static", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--static", "vips",
        "--as-of", Sandbox.AS_OF, "--quiet").summary();
    assertEquals(members.size(), st.path("added").asLong(), st.toString());
    assertEquals(staticUri, st.path("table").asText());
    List<String> added = Sandbox.addedDataFiles(Sandbox.changes(before,
        Sandbox.hashes(root.resolve("shop/static_segments"))));
    assertEquals(List.of(st.path("file").asText()), added);
    assertEquals(members, Sandbox.sorted(Sandbox.read(
        root.resolve("shop/static_segments").resolve(added.get(0))), "profile_id"));

    // copy-to-database into a new table, then --upsert: a new version beside it, the catalog
    // switched to the URI of that version.
    JsonNode copied = copy(catalog).summary();
    assertEquals(members.size(), copied.path("added").asLong(), copied.toString());
    assertEquals(members, Sandbox.sorted(Sandbox.read(root.resolve("archive/profiles")),
        "profile_id"));
    JsonNode upsert = copy(catalog, "--upsert").summary();
    assertEquals(members.size(), upsert.path("replaced").asLong(), upsert.toString());
    assertEquals(archiveUri, upsert.path("old_source").asText());
    assertEquals(archiveUri + ".v2", upsert.path("new_source").asText());
    assertEquals(archiveUri + ".v2", Sandbox.JSON.readTree(catalog.toFile())
        .path("databases").path("archive").path("profiles").asText());
    assertEquals(members, Sandbox.sorted(Sandbox.read(root.resolve("archive/profiles.v2")),
        "profile_id"));

    // bulk-update of a profiles table named by a file: URI.
    String profilesUri = "file://" + root.resolve("shop/profiles").toAbsolutePath();
    tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ((ObjectNode) tree.path("databases").path("shop")).put("profiles", profilesUri);
    Sandbox.JSON.writeValue(catalog.toFile(), tree);
    JsonNode bulk = Sandbox.ok("bulk-update", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of",
        Sandbox.AS_OF, "--set", "city=Potsdam", "--quiet").summary();
    assertEquals(profilesUri + ".v2", bulk.path("new_source").asText(), bulk.toString());
    assertEquals(members, Sandbox.sorted(Sandbox.read(root.resolve("shop/profiles.v2"))
        .filter("city = 'Potsdam'"), "profile_id"));
    assertTrue(Files.isDirectory(root.resolve("shop/profiles")), "the old version stays");
  }

  @Test
  void theHandOffFileIsReportedByItsQualifiedUri(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path handoff = dir.resolve("handoff");
    String qualified = Storage.local().qualify(handoff.toString()).toString();
    assertTrue(qualified.startsWith("file:/"), qualified);
    String file = qualified + "/welcome/20260601T000000.000000Z/shop.berlin-customers.parquet";

    // Given as a plain path: the summary names the file by its qualified URI.
    JsonNode plain = Sandbox.ok("add-to-scenario", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString(), "--segment", "berlin-customers",
        "--scenario", "welcome", "--to", handoff.toString(), "--as-of", Sandbox.AS_OF,
        "--quiet").summary();
    assertTrue(plain.path("written").asBoolean(), plain.toString());
    assertEquals(file, plain.path("file").asText());
    assertEquals(new TreeSet<>(Sandbox.members(catalog, "berlin-customers")), new TreeSet<>(
        Sandbox.sorted(Sandbox.read(Path.of(java.net.URI.create(file))), "profile_id")));

    // Given as a file: URI, the same batch: found there, nothing written, the same URI shown.
    Sandbox.Run again = Sandbox.ok("add-to-scenario", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString(), "--segment", "berlin-customers",
        "--scenario", "welcome", "--to", "file://" + handoff.toAbsolutePath(), "--as-of",
        Sandbox.AS_OF);
    assertFalse(again.summary().path("written").asBoolean(), again.toString());
    assertEquals(file, again.summary().path("file").asText());
    assertTrue(again.err().contains("already enqueued: " + file + " ("), again.err());
  }

  private static Sandbox.Run copy(Path catalog, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("copy-to-database", "--catalog",
        catalog.toString(), "--segments", TestSample.examples().toString(), "--segment",
        "berlin-customers", "--to", "archive", "--as-of", Sandbox.AS_OF, "--quiet"));
    args.addAll(List.of(more));
    return Sandbox.ok(args.toArray(String[]::new));
  }
}
