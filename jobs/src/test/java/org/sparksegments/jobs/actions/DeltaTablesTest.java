package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.testing.SharedSpark;

/**
 * The table-changing commands and Delta tables: a Delta source is read at its current version
 * (the rows of older versions, still on disk, are not copied); a Delta table is never written
 * as Parquet, and a Delta folder declared as Parquet is refused with its pointer; nothing
 * changes on a refusal.
 */
@ExtendWith(SharedSpark.class)
class DeltaTablesTest {
  @TempDir
  static Path dir;
  static Path catalog;
  static Path segments;
  static List<String> current;

  @BeforeAll
  static void lake() throws Exception {
    SparkSession spark = SharedSpark.session();
    catalog = Sandbox.copySample(dir);
    Path root = catalog.getParent();
    Dataset<Row> all = Sandbox.read(root.resolve("shop/profiles"));
    String lake = root.resolve("lake/profiles").toString();
    all.write().format("delta").save(lake);
    all.orderBy("profile_id").limit(100).coalesce(1).write().format("delta").mode("overwrite")
        .save(lake);
    current = Sandbox.sorted(spark.read().format("delta").load(lake)
        .select("profile_id").as(Encoders.STRING()).collectAsList());
    ObjectNode tree = (ObjectNode) Sandbox.JSON.readTree(catalog.toFile());
    ObjectNode dbs = (ObjectNode) tree.path("databases");
    ObjectNode l = dbs.putObject("lake").put("id_column", "profile_id")
        .put("timezone", "Europe/Berlin");
    l.putObject("profiles").put("path", "lake/profiles").put("format", "delta");
    dbs.putObject("stale").put("id_column", "profile_id").put("timezone", "Europe/Berlin")
        .put("profiles", "lake/profiles");
    dbs.putObject("copy").put("id_column", "profile_id").put("timezone", "Europe/Berlin")
        .put("profiles", "copy/profiles");
    Sandbox.JSON.writeValue(catalog.toFile(), tree);
    segments = dir.resolve("segments.json");
    Files.writeString(segments, """
        [ { "id": "lake-all", "database": "lake" },
          { "id": "shop-all", "database": "shop" } ]""");
  }

  private static Sandbox.Run command(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = args[0];
    all[1] = "--catalog";
    all[2] = catalog.toString();
    all[3] = "--segments";
    all[4] = segments.toString();
    System.arraycopy(args, 1, all, 5, args.length - 1);
    return Sandbox.main(all);
  }

  @Test
  void aDeltaSourceIsCopiedAtItsCurrentVersion() throws Exception {
    Sandbox.Run r = command("copy-to-database", "--segment", "lake-all", "--to", "copy",
        "--as-of", Sandbox.AS_OF);
    assertEquals(0, r.exit(), r.toString());
    List<String> copied = Sandbox.sorted(Sandbox.read(catalog.getParent().resolve(
        "copy/profiles")).select("profile_id").as(Encoders.STRING()).collectAsList());
    List<String> expected = Sandbox.sorted(Sandbox.members(catalog, "lake-all", segments
        .toString()));
    assertEquals(expected, copied);
    assertTrue(current.containsAll(copied) && copied.size() <= 100, copied.toString());
    assertTrue(!copied.isEmpty());
  }

  @Test
  void aDeltaTableIsNotWrittenAndADeltaFolderDeclaredAsParquetIsRefused() throws Exception {
    Path root = catalog.getParent();
    Map<String, String> before = Sandbox.hashes(root);

    Sandbox.Run bulk = command("bulk-update", "--segment", "lake-all", "--set", "email=null",
        "--as-of", Sandbox.AS_OF);
    assertEquals(2, bulk.exit(), bulk.toString());
    assertTrue(bulk.err().contains("BAD_TABLE"), bulk.err());
    assertTrue(bulk.err().contains("is a Delta table, which this command does not write"),
        bulk.err());

    Sandbox.Run stale = command("copy-to-database", "--segment", "shop-all", "--to", "stale",
        "--as-of", Sandbox.AS_OF);
    assertEquals(2, stale.exit(), stale.toString());
    assertTrue(stale.err().contains("DELTA_TABLE_AS_PARQUET"), stale.err());
    assertTrue(stale.err().contains("/databases/stale/profiles"), stale.err());

    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(root)));
  }
}
