package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.testing.SharedSpark;

/**
 * Delta sources are read as Delta at one pinned version: a table overwritten with fewer profiles
 * (its old files still on disk) gives the members of the new version only, and the run's
 * manifest names that version; the same folder declared as Parquet is refused with a pointer
 * into the catalog, for the segments that read it only.
 */
@ExtendWith(SharedSpark.class)
class DeltaSourceTest {
  static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  @TempDir
  static Path dir;
  static Path catalogFile;
  static Path segments;
  static Path profiles;
  static List<String> version1Ids;

  @BeforeAll
  static void deltaTables() throws Exception {
    SparkSession spark = SharedSpark.session();
    Path sample = TestSample.catalog().getParent();
    Dataset<Row> all = spark.read().parquet(sample.resolve("shop/profiles").toString());
    profiles = dir.resolve("lake/profiles");
    all.coalesce(2).write().format("delta").save(profiles.toString());
    // Version 1 keeps fewer profiles; Delta leaves the files of version 0 where they are.
    all.orderBy("profile_id").limit(200).coalesce(1).write().format("delta").mode("overwrite")
        .save(profiles.toString());
    Path events = dir.resolve("lake/events");
    spark.read().parquet(sample.resolve("shop/events").toString()).write().format("delta")
        .save(events.toString());
    // A Delta table of the session's catalog, at version 1: the manifest names its version too.
    spark.sql("CREATE DATABASE IF NOT EXISTS delta_sources");
    for (int n : new int[] {50, 40}) {
      all.orderBy("profile_id").limit(n).write().format("delta").mode("overwrite")
          .saveAsTable("delta_sources.profiles");
    }
    version1Ids = spark.read().format("delta").load(profiles.toString())
        .filter(functions.col("created_at").leq(functions.lit(AS_OF)))
        .select("profile_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    catalogFile = dir.resolve("catalog.json");
    Files.writeString(catalogFile, """
        { "databases": {
            "lake": { "timezone": "Europe/Berlin",
                      "profiles": { "path": "lake/profiles", "format": "delta" },
                      "events": { "path": "%s", "format": "delta" } },
            "stale": { "timezone": "Europe/Berlin", "profiles": "lake/profiles" },
            "named": { "timezone": "Europe/Berlin", "profiles": "table:delta_sources.profiles" },
            "half": { "timezone": "Europe/Berlin", "profiles": "%s",
                      "events": { "path": "lake/events" } } } }
        """.formatted(events.toUri(), sample.resolve("shop/profiles")));
    String opened = """
        "conditions": { "event": "opened", "window": { "last_days": 365 },
                        "op": "at_least", "count": 1 }""";
    segments = dir.resolve("segments.json");
    Files.writeString(segments, """
        [ { "id": "lake-all", "database": "lake" },
          { "id": "lake-openers", "database": "lake", %s },
          { "id": "stale-all", "database": "stale" },
          { "id": "named-all", "database": "named" },
          { "id": "half-all", "database": "half" },
          { "id": "half-openers", "database": "half", %s } ]
        """.formatted(opened, opened));
  }

  @Test
  void membersAndCountsSeeTheLatestVersionOnly(SparkSession spark) {
    long onDisk = spark.read().parquet(profiles.toString()).count();
    assertTrue(onDisk > version1Ids.size() + 200, "version 0's files are still there: " + onDisk);
    Workspace w = Workspace.open(spark, catalogFile.toString(),
        org.sparksegments.jobs.LocalFiles.segments(segments));
    Evaluator ev = w.evaluator();
    List<String> members = ev.selected(w.bind("lake-all"), AS_OF).select("profile_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertEquals(new TreeSet<>(version1Ids), new TreeSet<>(members));
    assertEquals(version1Ids.size(), members.size());
    Evaluator.Counts c = ev.count(w.bind("lake-all"), AS_OF);
    assertEquals(version1Ids.size(), c.selected());
    assertEquals(version1Ids.size(), c.inRange());
  }

  @Test
  void aDeltaFolderDeclaredAsParquetIsRefusedWithThePointerIntoTheCatalog(SparkSession spark) {
    Workspace w = Workspace.open(spark, catalogFile.toString(),
        org.sparksegments.jobs.LocalFiles.segments(segments));
    String catalogUri = w.catalog().file().toString();
    // validate: every segment of the database whose profiles are the Delta folder
    Map<String, Binder.Result> results = new java.util.TreeMap<>();
    w.segments().all().forEach(p -> results.put(p.id(), w.validate(p)));
    ValidationError e = only(results.get("stale-all"));
    assertEquals("DELTA_TABLE_AS_PARQUET", e.code().name());
    assertEquals("/databases/stale/profiles", e.pointer());
    assertEquals(catalogUri, e.file());
    assertEquals("stale-all", e.segmentId());
    assertTrue(e.message().contains("\"format\": \"delta\""), e.message());
    // only the segments that read the Delta events folder as Parquet
    ValidationError ev = only(results.get("half-openers"));
    assertEquals("DELTA_TABLE_AS_PARQUET", ev.code().name());
    assertEquals("/databases/half/events", ev.pointer());
    assertEquals(catalogUri, ev.file());
    assertTrue(results.get("half-all").ok(), results.get("half-all").errors().toString());
    assertTrue(results.get("lake-all").ok(), results.get("lake-all").errors().toString());
    assertTrue(results.get("lake-openers").ok(),
        results.get("lake-openers").errors().toString());
    // count: the same error, no job
    InvalidInputException count = assertThrows(InvalidInputException.class,
        () -> w.bind("stale-all"));
    assertEquals("DELTA_TABLE_AS_PARQUET", count.errors().get(0).code().name());
    assertEquals("/databases/stale/profiles", count.errors().get(0).pointer());
  }

  @Test
  void aRunNamesTheVersionItReadAndReportsTheRefusedDatabase(SparkSession spark)
      throws Exception {
    RunHarness.Prepared p = RunHarness.prepare(catalogFile, segments);
    Path out = dir.resolve("out");
    RunHarness.run(p, out, AS_OF);
    Path run = RunHarness.runFolders(out).get(0);
    JsonNode manifest = RunHarness.manifest(run);
    assertEquals(new TreeSet<>(version1Ids),
        new TreeSet<>(RunHarness.members(run, "lake-all", "profile_id")));

    JsonNode lakeProfiles = input(manifest, "lake", "profiles");
    assertEquals("lake/profiles", lakeProfiles.path("source").asText());
    assertEquals("delta", lakeProfiles.path("format").asText());
    assertEquals(1, lakeProfiles.path("version").asLong());
    assertEquals("file:" + profiles, lakeProfiles.path("location").asText());
    String[] active = spark.read().format("delta").option("versionAsOf", 1)
        .load(profiles.toString()).inputFiles();
    assertEquals(active.length, lakeProfiles.path("files").asInt());
    long bytes = 0;
    for (String f : active) {
      bytes += Files.size(Path.of(java.net.URI.create(f)));
    }
    assertEquals(bytes, lakeProfiles.path("bytes").asLong());
    assertEquals(0, input(manifest, "lake", "events").path("version").asLong());
    JsonNode named = input(manifest, "named", "profiles");
    assertEquals("table:delta_sources.profiles", named.path("source").asText());
    assertEquals(1, named.path("version").asLong(), named.toString());
    assertTrue(named.path("files").isNull(), named.toString());
    JsonNode halfProfiles = input(manifest, "half", "profiles");
    assertTrue(halfProfiles.path("version").isNull(), halfProfiles.toString());
    assertEquals("parquet", halfProfiles.path("format").asText());

    Map<String, JsonNode> byId = RunHarness.manifestSegments(manifest);
    for (String id : List.of("stale-all", "half-openers")) {
      JsonNode s = byId.get(id);
      assertEquals("invalid", s.path("status").asText(), s.toString());
      assertEquals("DELTA_TABLE_AS_PARQUET", s.path("errors").get(0).path("code").asText());
      assertTrue(s.path("errors").get(0).path("pointer").asText().startsWith("/databases/"));
    }
    assertEquals("ok", byId.get("half-all").path("status").asText());
    assertEquals("ok", byId.get("lake-openers").path("status").asText());
    assertFalse(manifest.path("inputs").toString().contains("\"stale\""),
        "the refused database reads nothing");
  }

  private static ValidationError only(Binder.Result r) {
    assertFalse(r.ok());
    assertEquals(1, r.errors().size(), r.errors().toString());
    return r.errors().get(0);
  }

  private static JsonNode input(JsonNode manifest, String db, String table) {
    List<JsonNode> found = new ArrayList<>();
    manifest.path("inputs").forEach(i -> {
      if (i.path("database").asText().equals(db) && i.path("table").asText().equals(table)) {
        found.add(i);
      }
    });
    assertEquals(1, found.size(), manifest.path("inputs").toString());
    return found.get(0);
  }
}
