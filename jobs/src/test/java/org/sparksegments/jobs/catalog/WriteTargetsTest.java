package org.sparksegments.jobs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.fs.Storage;

/** The one check of write targets against a catalog's inputs, on plain local paths. */
class WriteTargetsTest {
  @Test
  void targetsOnInsideOrAroundATableAreRefused(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("data/shop/profiles"));
    Path file = dir.resolve("data/catalog.json");
    Files.writeString(file, """
        { "databases": { "shop": { "profiles": "shop/profiles", "events": "table:db.events" } } }
        """);
    Storage storage = Storage.local();
    Catalog catalog = CatalogLoader.load(storage, file.toString());
    String profiles = storage.qualify(dir.resolve("data/shop/profiles").toString()).toString();
    assertEquals(Optional.of("it is the profiles table of database 'shop' at " + profiles),
        conflict(storage, catalog, "data/shop/profiles", dir));
    assertEquals(Optional.of("it is the profiles table of database 'shop' at " + profiles),
        conflict(storage, catalog, "data/shop/x/../profiles/", dir));
    assertEquals(Optional.of("it is inside the profiles table of database 'shop' at "
        + profiles), conflict(storage, catalog, "data/shop/profiles/a/x.csv", dir));
    assertTrue(conflict(storage, catalog, "data/shop", dir).orElseThrow()
        .startsWith("it contains the profiles table"));
    assertTrue(conflict(storage, catalog, "data/catalog.json", dir).orElseThrow()
        .startsWith("it is the catalog file"));
    assertEquals(Optional.empty(), conflict(storage, catalog, "data/shop/profiles2", dir));
    assertEquals(Optional.empty(), conflict(storage, catalog, "out", dir));

    Files.createDirectories(dir.resolve("out/runs/r1"));
    Files.writeString(dir.resolve("out/runs/r1/_started"), "{}");
    assertTrue(conflict(storage, catalog, "out/runs/r1/members", dir).orElseThrow()
        .startsWith("it is inside the run folder"));
    assertTrue(conflict(storage, catalog, "out/runs/r1", dir).orElseThrow()
        .startsWith("it is the run folder"));
    assertEquals(Optional.empty(), conflict(storage, catalog, "out/runs/r2/x", dir));
  }

  private static Optional<String> conflict(Storage storage, Catalog catalog, String rel,
      Path dir) throws Exception {
    org.apache.hadoop.fs.Path p = storage.qualify(dir + "/" + rel);
    return WriteTargets.conflict(catalog, storage, p);
  }
}
