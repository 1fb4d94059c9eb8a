package org.sparksegments.conditions.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The tables of one database as DataFrames, each read once by whoever provides them. */
public interface TableFrames {
  Dataset<Row> events();

  Dataset<Row> subscriptions();

  Dataset<Row> staticSegments();

  Dataset<Row> external(String name);
}
