package org.sparksegments.jobs.eval;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.conditions.spark.SparkSchemas;
import org.sparksegments.jobs.catalog.FooterSchemas;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.fs.Storage;

/**
 * Table schemas for the binder: Parquet paths from their footers (no SparkSession), Delta paths
 * and {@code table:} sources through the session, which is started only when one is needed.
 * Every source is pinned first ({@link TableSource#pin}), so the schema is the one of the
 * version the data is read at, and a Delta folder declared as Parquet is refused.
 */
public final class SchemaSource {
  private final Supplier<SparkSession> session;
  private final Configuration conf;
  private Storage storage;
  private final Map<TableSource, TableSchema> cache = new HashMap<>();
  private boolean everyFile;

  /** Schemas read with {@code conf} (null: a default Hadoop configuration, made when needed). */
  public SchemaSource(Configuration conf, Supplier<SparkSession> session) {
    this.conf = conf;
    this.session = session;
  }

  /**
   * Reads the footer of every data file of a Parquet source, not only the first, and refuses
   * corrupt files and type conflicts between files ({@code validate}: footers only, so still
   * cheap; the commands that read the data find such a file when Spark reads it).
   */
  public void checkEveryFile() {
    everyFile = true;
    cache.clear();
  }

  private Storage storage() {
    if (storage == null) {
      storage = Storage.of(conf == null ? new Configuration() : conf);
    }
    return storage;
  }

  /**
   * The schema of {@code source}, read once per source.
   *
   * @throws org.sparksegments.conditions.error.InvalidInputException when the catalog's
   *     declaration does not fit the folder (the error points into the catalog)
   */
  public TableSchema schema(TableSource source) throws IOException {
    TableSchema s = cache.get(source);
    if (s == null) {
      s = switch (source.format()) {
        case CATALOG_TABLE ->
            SparkSchemas.toTableSchema(session.get().table(source.tableName()).schema());
        case DELTA -> {
          source.pin(storage());
          yield SparkSchemas.toTableSchema(TableReads.read(session.get(), source).schema());
        }
        case PARQUET -> {
          source.pin(storage());
          yield everyFile ? FooterSchemas.readEvery(storage(), source)
              : FooterSchemas.read(storage(), new Path(source.location()));
        }
      };
      cache.put(source, s);
    }
    return s;
  }
}
