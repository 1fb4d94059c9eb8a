package org.sparksegments.jobs.catalog;

/**
 * Where a table is: a path or Hadoop URI ({@code location}, already resolved against the catalog
 * file's folder), or a name in the Spark session's catalog ({@code table:db.name}).
 *
 * @param written the source exactly as the catalog writes it, for reports
 */
public record TableSource(String written, String location, boolean sessionTable) {

  /** The table name of a {@code table:} source. */
  public String tableName() {
    return location;
  }
}
