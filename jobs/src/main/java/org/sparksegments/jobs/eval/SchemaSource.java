package org.sparksegments.jobs.eval;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.conditions.spark.SparkSchemas;
import org.sparksegments.jobs.catalog.FooterSchemas;
import org.sparksegments.jobs.catalog.TableSource;

/**
 * Table schemas for the binder: path sources from their Parquet footers (no SparkSession),
 * {@code table:} sources from the session catalog, which is started only when one is needed.
 */
public final class SchemaSource {
  private final Supplier<SparkSession> session;
  private Configuration conf;
  private final Map<String, TableSchema> cache = new HashMap<>();

  /** Schemas read with {@code conf} (null: a default Hadoop configuration, made when needed). */
  public SchemaSource(Configuration conf, Supplier<SparkSession> session) {
    this.conf = conf;
    this.session = session;
  }

  private Configuration conf() {
    if (conf == null) {
      conf = new Configuration();
    }
    return conf;
  }

  /** The schema of {@code source}, read once per source. */
  public TableSchema schema(TableSource source) throws IOException {
    TableSchema s = cache.get(source.written() + "\u0000" + source.location());
    if (s == null) {
      s = source.sessionTable()
          ? SparkSchemas.toTableSchema(session.get().table(source.tableName()).schema())
          : FooterSchemas.read(source.location(), this::conf);
      cache.put(source.written() + "\u0000" + source.location(), s);
    }
    return s;
  }
}
