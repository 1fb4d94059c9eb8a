package org.sparksegments.jobs.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.fs.Storage;

/**
 * Reads a catalog table source into a DataFrame at its pinned state: Parquet paths as Parquet
 * (after checking that no Delta log is there), Delta paths through Spark's {@code delta} format
 * at the version pinned once for the command, {@code table:} names from the session's catalog.
 * Delta is looked up at run time, so the engine does not depend on it when no source needs it.
 */
public final class TableReads {
  /** The Maven coordinates that put the {@code delta} format on a Spark 4.2 classpath. */
  public static final String DELTA_PACKAGE = "io.delta:delta-spark_2.13:4.4.0";
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private TableReads() {}

  /**
   * The rows of {@code source}.
   *
   * @throws InvalidInputException when the catalog's declaration does not fit the folder
   * @throws IllegalStateException when a Delta source is read without Delta on the classpath
   */
  public static Dataset<Row> read(SparkSession spark, TableSource source) {
    OptionalLong version = pin(spark, source);
    return TaskFaults.inject(switch (source.format()) {
      case CATALOG_TABLE -> spark.table(source.tableName());
      case PARQUET -> spark.read().parquet(source.location());
      case DELTA -> delta(spark, source.location(), version.getAsLong());
    });
  }

  /** The version every read of {@code source} uses (see {@link TableSource#pin}). */
  public static OptionalLong pin(SparkSession spark, TableSource source) {
    try {
      return source.pin(Storage.of(spark.sparkContext().hadoopConfiguration()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + source.location() + ": " + e.getMessage(),
          e);
    }
  }

  private static Dataset<Row> delta(SparkSession spark, String location, long version) {
    try {
      return spark.read().format("delta").option("versionAsOf", version).load(location);
    } catch (Exception e) {
      // Spark's AnalysisException is checked and undeclared: caught as Exception.
      if (e instanceof SparkThrowable t && "DATA_SOURCE_NOT_FOUND".equals(t.getCondition())) {
        throw new IllegalStateException("Cannot read the Delta table at " + location
            + ": the delta format is not on the classpath (add --packages " + DELTA_PACKAGE
            + " to spark-submit, or its jar to the classpath)", e);
      }
      throw TableReads.<RuntimeException>rethrow(e);
    }
  }

  /** Throws {@code e} as it is, checked or not. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E rethrow(Exception e) throws E {
    throw (E) e;
  }

  /**
   * The current version of a {@code table:} source where the session's catalog exposes one: the
   * Delta table version ({@code DESCRIBE HISTORY}), else the Iceberg snapshot id; empty for other
   * tables (a plain Hive table has none) and for names that are not plain identifiers.
   */
  public static Optional<Long> catalogTableVersion(SparkSession spark, String name) {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    String quoted = "`" + String.join("`.`", name.split("\\.")) + "`";
    for (String query : List.of("DESCRIBE HISTORY " + quoted + " LIMIT 1",
        "SELECT snapshot_id AS version FROM " + quoted + ".snapshots"
            + " ORDER BY committed_at DESC LIMIT 1")) {
      try {
        List<Row> rows = spark.sql(query).select("version").collectAsList();
        if (!rows.isEmpty() && !rows.get(0).isNullAt(0)) {
          return Optional.of(((Number) rows.get(0).get(0)).longValue());
        }
      } catch (RuntimeException e) {
        // Not a table of that format (or no such command in this session): try the next one.
      }
    }
    return Optional.empty();
  }
}
