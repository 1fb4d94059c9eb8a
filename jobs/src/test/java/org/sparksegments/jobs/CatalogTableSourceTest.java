package org.sparksegments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * {@code table:} sources name tables of the Spark session's catalog, next to Parquet paths in
 * the same catalog file, and select the same members as the Parquet copy of the same data.
 */
@ExtendWith(SharedSpark.class)
class CatalogTableSourceTest {

  @Test
  void sessionCatalogTablesAndParquetPathsMix(SparkSession spark, @TempDir Path dir)
      throws Exception {
    Path sample = TestSample.catalog().getParent();
    spark.sql("CREATE DATABASE IF NOT EXISTS segments_test");
    spark.read().parquet(sample.resolve("shop/profiles").toString()).write().mode("overwrite")
        .saveAsTable("segments_test.shop_profiles");
    spark.read().parquet(sample.resolve("shop/events").toString()).write().mode("overwrite")
        .saveAsTable("segments_test.shop_events");
    Path catalogFile = dir.resolve("catalog.json");
    Files.writeString(catalogFile, """
        { "databases": {
            "mixed": { "id_column": "profile_id", "timezone": "Europe/Berlin",
                       "profiles": "table:segments_test.shop_profiles",
                       "events": "table:segments_test.shop_events",
                       "subscriptions": "%s" },
            "shop": { "id_column": "profile_id", "timezone": "Europe/Berlin",
                      "profiles": "%s", "events": "%s", "subscriptions": "%s" } } }
        """.formatted(sample.resolve("shop/subscriptions"), sample.resolve("shop/profiles"),
        sample.resolve("shop/events"), sample.resolve("shop/subscriptions")));
    String condition = """
        "conditions": { "all": [
          { "field": "city", "op": "eq", "value": "berlin", "ignore_case": true },
          { "event": "opened", "window": { "last_days": 120 }, "op": "at_least", "count": 1 },
          { "subscription": "email", "op": "active" } ] }""";
    Path segments = dir.resolve("segments.json");
    Files.writeString(segments, "[ { \"id\": \"from-tables\", \"database\": \"mixed\", "
        + condition + " }, { \"id\": \"from-files\", \"database\": \"shop\", " + condition
        + " } ]");

    Catalog catalog = org.sparksegments.jobs.LocalFiles.catalog(catalogFile);
    assertTrue(catalog.database("mixed").orElseThrow().profiles().sessionTable());
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(segments);
    Validator v = new Validator(catalog, new SchemaSource(null, SharedSpark::session), set);
    Binder.Result tables = v.validate(set.find("from-tables").orElseThrow());
    Binder.Result files = v.validate(set.find("from-files").orElseThrow());
    assertTrue(tables.ok(), tables.errors().toString());
    assertTrue(files.ok(), files.errors().toString());

    Instant asOf = Instant.parse("2026-06-01T00:00:00Z");
    Evaluator ev = new Evaluator(spark, catalog, v::bound);
    List<Object> fromTables = ids(ev, tables, asOf);
    List<Object> fromFiles = ids(ev, files, asOf);
    assertTrue(fromFiles.size() > 0, "the case selects someone");
    FrameAssert.assertIds(fromFiles, fromTables, "table: sources vs Parquet paths");

    Binder.Result unknown = new Validator(org.sparksegments.jobs.LocalFiles.catalog(writeCatalog(dir)),
        new SchemaSource(null, SharedSpark::session), set)
        .validate(set.find("from-tables").orElseThrow());
    assertEquals("UNREADABLE_TABLE", unknown.errors().get(0).code().name());
    assertEquals("/0/database", unknown.errors().get(0).pointer());
  }

  private static List<Object> ids(Evaluator ev, Binder.Result r, Instant asOf) {
    return ev.selected(r.segment(), asOf).select("profile_id").collectAsList().stream()
        .map(row -> row.get(0)).toList();
  }

  /** A catalog whose table: source names no table. */
  private static Path writeCatalog(Path dir) throws Exception {
    Path f = dir.resolve("missing.json");
    Files.writeString(f, "{ \"databases\": { \"mixed\": { \"profiles\":"
        + " \"table:segments_test.no_such_table\" } } }");
    return f;
  }
}
