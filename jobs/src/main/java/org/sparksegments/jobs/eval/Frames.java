package org.sparksegments.jobs.eval;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.spark.TableFrames;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;

/** The tables of one database as DataFrames, each source read once, at its pinned state. */
final class Frames implements TableFrames {
  private final SparkSession spark;
  private final Database db;
  private final Map<TableSource, Dataset<Row>> read = new HashMap<>();

  Frames(SparkSession spark, Database db) {
    this.spark = spark;
    this.db = db;
  }

  Dataset<Row> read(TableSource source) {
    return read.computeIfAbsent(source, s -> TableReads.read(spark, s));
  }

  Dataset<Row> profiles() {
    return read(db.profiles());
  }

  @Override
  public Dataset<Row> events() {
    return read(db.events().orElseThrow());
  }

  @Override
  public Dataset<Row> subscriptions() {
    return read(db.subscriptions().orElseThrow());
  }

  @Override
  public Dataset<Row> staticSegments() {
    return read(db.staticSegments().orElseThrow());
  }

  @Override
  public Dataset<Row> external(String name) {
    return read(db.external().get(name).source());
  }
}
