package org.sparksegments.jobs.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.LocalFiles;

/**
 * A table source is a string (Parquet path or {@code table:NAME}) or an object
 * {@code {"path", "format"}}; every wrong object is BAD_CATALOG at the offending key.
 */
class CatalogSourceFormsTest {
  @TempDir
  Path dir;

  @Test
  void everyFormIsReadWithItsFormatAndWhereItIsDeclared() throws Exception {
    Catalog c = load("""
        { "databases": { "shop": {
            "profiles": { "path": "lake/profiles", "format": "delta" },
            "events": { "path": "shop/events" },
            "subscriptions": { "path": "s3a://bucket/subs", "format": "parquet" },
            "static_segments": "table:analytics.static",
            "external": { "crm": { "source": { "path": "crm", "format": "delta" },
                                   "key": "email", "profile_field": "email" } } } } }
        """);
    Database db = c.database("shop").orElseThrow();
    String catalogUri = c.file().toString();
    String folder = c.file().getParent().toString();

    TableSource profiles = db.profiles();
    assertEquals(TableFormat.DELTA, profiles.format());
    assertEquals("lake/profiles", profiles.written());
    assertEquals(folder + "/lake/profiles", profiles.location());
    assertEquals("/databases/shop/profiles", profiles.pointer());
    assertEquals(catalogUri, profiles.catalogFile());

    assertEquals(TableFormat.PARQUET, db.events().orElseThrow().format());
    assertEquals(TableFormat.PARQUET, db.subscriptions().orElseThrow().format());
    assertEquals("s3a://bucket/subs", db.subscriptions().orElseThrow().location());
    TableSource stat = db.staticSegments().orElseThrow();
    assertEquals(TableFormat.CATALOG_TABLE, stat.format());
    assertTrue(stat.sessionTable());
    assertEquals("analytics.static", stat.tableName());
    TableSource crm = db.external().get("crm").source();
    assertEquals(TableFormat.DELTA, crm.format());
    assertEquals("/databases/shop/external/crm/source", crm.pointer());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown key        | { "path": "p", "fromat": "delta" }  | /databases/shop/events/fromat
      missing path       | { "format": "delta" }               | /databases/shop/events
      path not a string  | { "path": 7 }                       | /databases/shop/events/path
      empty path         | { "path": "" }                      | /databases/shop/events/path
      table name as path | { "path": "table:a.b" }             | /databases/shop/events/path
      unknown format     | { "path": "p", "format": "iceberg" } | /databases/shop/events/format
      format not a string| { "path": "p", "format": true }     | /databases/shop/events/format
      neither form       | [ "p" ]                             | /databases/shop/events
      empty string       | ""                                  | /databases/shop/events
      """)
  void aWrongSourceIsBadCatalogAtTheOffendingKey(String name, String events, String pointer)
      throws Exception {
    ValidationError e = onlyError("""
        { "databases": { "shop": { "profiles": "shop/profiles", "events": %s } } }
        """.formatted(events));
    assertEquals("BAD_CATALOG", e.code().name(), e.render());
    assertEquals(pointer, e.pointer(), e.render());
    assertTrue(e.message().contains("parquet") || e.message().contains("path")
        || e.message().contains("table:"), "says what is allowed: " + e.message());
  }

  @Test
  void unknownKeysListWhatIsAllowed() throws Exception {
    ValidationError e = onlyError("""
        { "databases": { "shop": { "profiles": { "path": "p", "version": 3 } } } }
        """);
    assertEquals("/databases/shop/profiles/version", e.pointer());
    assertTrue(e.message().contains("expected one of format, path"), e.message());
    ValidationError f = onlyError("""
        { "databases": { "shop": { "profiles": { "path": "p", "format": "orc" } } } }
        """);
    assertTrue(f.message().contains("expected \"parquet\" or \"delta\""), f.message());
  }

  @Test
  void anExternalTableSourceTakesTheObjectFormToo() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> load("""
        { "databases": { "shop": { "profiles": "p", "external": { "crm": {
            "source": { "path": "crm", "format": "csv" }, "key": "k", "profile_field": "f" } } } } }
        """));
    List<String> pointers = e.errors().stream().map(ValidationError::pointer).toList();
    assertTrue(pointers.contains("/databases/shop/external/crm/source/format"),
        pointers.toString());
    e.errors().forEach(x -> assertEquals("BAD_CATALOG", x.code().name()));
  }

  private ValidationError onlyError(String json) throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> load(json));
    assertEquals(1, e.errors().size(), e.getMessage());
    return e.errors().get(0);
  }

  private Catalog load(String json) throws Exception {
    Path f = dir.resolve("catalog.json");
    Files.writeString(f, json);
    return LocalFiles.catalog(f);
  }
}
