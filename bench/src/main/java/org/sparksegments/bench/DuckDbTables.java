package org.sparksegments.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;

/**
 * One database's tables as DuckDB reads them: a {@code read_parquet(...)} scan per table and the
 * DuckDB type of every top-level column (read from the Parquet footers, no rows).
 *
 * @param database the catalog's name of the database
 * @param scans table name ({@code profiles}, {@code events}, {@code subscriptions},
 *     {@code static_segments}) to its scan expression; a missing table is absent
 * @param types table name to its column names and DuckDB types, in file order
 */
public record DuckDbTables(String database, String idColumn, ZoneId zone,
    Map<String, String> scans, Map<String, Map<String, String>> types) {

  public DuckDbTables {
    scans = Map.copyOf(scans);
    types = Map.copyOf(types);
  }

  /**
   * Describes the tables of {@code db} through {@code connection}; only local Parquet files and
   * folders can be read (a {@code table:} source or a remote URI is refused).
   *
   * @throws IllegalArgumentException for a source DuckDB cannot read here
   */
  public static DuckDbTables describe(Connection connection, Database db) throws SQLException {
    Map<String, Optional<TableSource>> sources = new LinkedHashMap<>();
    sources.put("profiles", Optional.of(db.profiles()));
    sources.put("events", db.events());
    sources.put("subscriptions", db.subscriptions());
    sources.put("static_segments", db.staticSegments());
    Map<String, String> scans = new LinkedHashMap<>();
    Map<String, Map<String, String>> types = new LinkedHashMap<>();
    for (Map.Entry<String, Optional<TableSource>> e : sources.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      String scan = scan(e.getValue().get());
      scans.put(e.getKey(), scan);
      types.put(e.getKey(), columns(connection, scan));
    }
    return new DuckDbTables(db.name(), db.idColumn(), db.zone(), scans, types);
  }

  /** The scan of a table, or empty when the database has none. */
  public Optional<String> scan(String table) {
    return Optional.ofNullable(scans.get(table));
  }

  /** The DuckDB type of a top-level column of a table, or empty when there is no such column. */
  public Optional<String> type(String table, String column) {
    return Optional.ofNullable(types.getOrDefault(table, Map.of()).get(column));
  }

  /**
   * {@code read_parquet} over a file, or over every {@code *.parquet} file below a folder (the
   * hidden {@code _SUCCESS} and checksum files that Spark writes do not match).
   */
  static String scan(TableSource source) {
    if (source.sessionTable()) {
      throw new IllegalArgumentException("DuckDB cannot read the session table "
          + source.written() + " (expected a local Parquet file or folder)");
    }
    String location = source.location();
    Path path;
    if (location.startsWith("file:")) {
      path = Path.of(URI.create(location));
    } else if (location.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") && !location.matches("[A-Za-z]:.*")) {
      throw new IllegalArgumentException("DuckDB reads local files only here, not "
          + source.written() + " (expected a local Parquet file or folder)");
    } else {
      path = Path.of(location);
    }
    String glob = Files.isDirectory(path) ? path.resolve("**").resolve("*.parquet").toString()
        : path.toString();
    return "read_parquet(" + DuckSql.string(glob) + ")";
  }

  private static Map<String, String> columns(Connection c, String scan) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + scan)) {
      while (r.next()) {
        out.put(r.getString("column_name"), r.getString("column_type"));
      }
    }
    return out;
  }
}
