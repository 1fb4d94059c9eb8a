package org.sparksegments.data;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.concurrent.Await;

/**
 * Seeded generator of the two sample databases, "shop" (string ids, Europe/Berlin) and "app" (long
 * ids, UTC), written as Parquet plus a {@code catalog.json} in the spec's format.
 *
 * <p>Everything is computed by Spark from {@code spark.range}: no rows pass through the driver, so
 * the size is bounded by disk, not memory. Every value is a hash of (seed, row keys, a per-column
 * constant): the same (profiles, seed) gives the same values whatever the partitioning, the
 * machine or the session time zone (file layout and row order may differ).
 */
public final class SampleGenerator {

  /** Fixed reference instant of the sample: events and rows lie on both sides of it. */
  public static final Instant SAMPLE_AS_OF = Instant.parse("2026-06-01T00:00:00Z");

  /** Target rows per output file (and per Spark task). */
  static final long ROWS_PER_FILE = 1_500_000L;

  /** Fewest rows per partition worth a task of its own. */
  static final long MIN_ROWS_PER_SLICE = 250_000L;

  /** Rows written per table, keyed "database.table" in the order written. */
  public record Summary(Map<String, Long> rowsPerTable) {}

  private SampleGenerator() {}

  /**
   * Writes databases "shop" and "app" as Parquet under outDir plus outDir/catalog.json.
   * Deterministic in (profiles, seed). Existing tables of the same names are overwritten.
   *
   * @return rows per table
   */
  public static Summary generate(SparkSession spark, Path outDir, long profiles, long seed) {
    if (profiles < 1) {
      throw new IllegalArgumentException("profiles must be at least 1, got " + profiles);
    }
    if (profiles > 9_000_000_000L) {
      throw new IllegalArgumentException("profiles must be at most 9e9, got " + profiles);
    }
    Path root = outDir.toAbsolutePath().normalize();
    Map<String, Long> rows = new LinkedHashMap<>();
    ShopTables shop = new ShopTables(spark, seed, profiles);
    write(spark, root, "shop/profiles", shop.profiles(), rows);
    write(spark, root, "shop/subscriptions", shop.subscriptions(), rows);
    write(spark, root, "shop/events", shop.events(), rows);
    write(spark, root, "shop/static_segments", shop.staticSegments(), rows);
    write(spark, root, "shop/crm", shop.crm(), rows);
    AppTables app = new AppTables(spark, seed, profiles);
    write(spark, root, "app/profiles", app.profiles(), rows);
    write(spark, root, "app/subscriptions", app.subscriptions(), rows);
    write(spark, root, "app/events", app.events(), rows);
    write(spark, root, "app/static_segments", app.staticSegments(), rows);
    writeCatalog(root.resolve("catalog.json"));
    return new Summary(Collections.unmodifiableMap(rows));
  }

  /**
   * Number of Spark partitions (= output files) for a table of about {@code expectedRows} rows:
   * one per {@link #ROWS_PER_FILE} rows, but at least one per core while each keeps
   * {@link #MIN_ROWS_PER_SLICE} rows, so mid-sized tables still use every core.
   */
  static int slices(long expectedRows, int parallelism) {
    long byFileSize = (expectedRows + ROWS_PER_FILE - 1) / ROWS_PER_FILE;
    long byCores = Math.min(parallelism, expectedRows / MIN_ROWS_PER_SLICE);
    return (int) Math.max(1, Math.min(100_000, Math.max(byFileSize, byCores)));
  }

  private static void write(SparkSession spark, Path root, String table, Dataset<Row> df,
      Map<String, Long> rows) {
    String uri = root.resolve(table).toUri().toString();
    // The row count comes with the write itself (an observed metric), no second pass.
    Observation observed = new Observation(table);
    df.observe(observed, count(lit(1)).as("rows")).write().mode(SaveMode.Overwrite).parquet(uri);
    long n = rowCount(observed).orElseGet(() -> spark.read().parquet(uri).count());
    rows.put(table.replace('/', '.'), n);
  }

  private static OptionalLong rowCount(Observation observed) {
    try {
      Row metrics = Await.result(observed.future(), scala.concurrent.duration.Duration.create(30, TimeUnit.SECONDS));
      return OptionalLong.of(metrics.getLong(metrics.fieldIndex("rows")));
    } catch (TimeoutException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the row count", e);
    }
  }

  /** The catalog of both databases, paths relative to the catalog file's folder. */
  static Map<String, Object> catalog() {
    Map<String, Object> shop = new LinkedHashMap<>();
    shop.put("id_column", ShopTables.ID);
    shop.put("timezone", "Europe/Berlin");
    shop.put("profiles", "shop/profiles");
    shop.put("subscriptions", "shop/subscriptions");
    shop.put("events", "shop/events");
    shop.put("static_segments", "shop/static_segments");
    Map<String, Object> crm = new LinkedHashMap<>();
    crm.put("source", "shop/crm");
    crm.put("key", "email");
    crm.put("profile_field", "email");
    shop.put("external", Map.of("crm", crm));

    Map<String, Object> app = new LinkedHashMap<>();
    app.put("id_column", AppTables.ID);
    app.put("timezone", "UTC");
    app.put("profiles", "app/profiles");
    app.put("subscriptions", "app/subscriptions");
    app.put("events", "app/events");
    app.put("static_segments", "app/static_segments");

    Map<String, Object> databases = new LinkedHashMap<>();
    databases.put("shop", shop);
    databases.put("app", app);
    return Map.of("databases", databases);
  }

  private static void writeCatalog(Path file) {
    try {
      Files.createDirectories(file.getParent());
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), catalog());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * {@code SampleGenerator OUT_DIR [PROFILES [SEED]]} (defaults 10000 and 42). Uses local[2]
   * unless a master is already set (spark-submit, {@code -Dspark.master=...}).
   */
  public static void main(String[] args) {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: SampleGenerator OUT_DIR [PROFILES [SEED]]");
      System.exit(2);
    }
    Path out = Paths.get(args[0]);
    long profiles = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000L;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
    SparkSession.Builder builder = SparkSession.builder().appName("spark-segments-sample-data")
        .config("spark.ui.enabled", "false");
    if (!System.getProperties().containsKey("spark.master")) {
      builder.master("local[2]");
    }
    SparkSession spark = builder.getOrCreate();
    Instant start = Instant.now();
    try {
      Summary summary = generate(spark, out, profiles, seed);
      Duration took = Duration.between(start, Instant.now());
      summary.rowsPerTable().forEach((t, c) -> System.out.printf("%-22s %,14d rows%n", t, c));
      System.out.printf("generated %,d profiles (seed %d) into %s in %.1f s%n",
          profiles, seed, out.toAbsolutePath(), took.toMillis() / 1000.0);
    } finally {
      spark.stop();
    }
  }
}
