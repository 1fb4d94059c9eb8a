package org.sparksegments.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.jobs.catalog.Database;

/**
 * An embedded, in-memory DuckDB that runs the translated segments one query per segment over
 * the Parquet files and times each query. It uses as many threads as it is given (by default
 * the available cores), never installs or loads an extension (Parquet and ICU are built into
 * the JDBC driver), and reads instants in UTC.
 */
public final class DuckDbRunner implements AutoCloseable {
  private final Connection connection;
  private final int threads;

  /** The counts of one segment and the wall time of its query (run and first row read). */
  public record Result(String id, long inRange, long matched, long selected, Duration elapsed,
      String sql) {}

  /** Every translated segment's result, in order, and the segments left out with reasons. */
  public record Report(int threads, List<Result> results,
      List<DuckDbSegments.Untranslated> untranslated) {
    public Report {
      results = List.copyOf(results);
      untranslated = List.copyOf(untranslated);
    }

    /** The sum of the queries' times. */
    public Duration total() {
      return results.stream().map(Result::elapsed).reduce(Duration.ZERO, Duration::plus);
    }
  }

  private DuckDbRunner(Connection connection, int threads) {
    this.connection = connection;
    this.threads = threads;
  }

  /** A DuckDB with one thread per available core. */
  public static DuckDbRunner open() throws SQLException {
    return open(Runtime.getRuntime().availableProcessors());
  }

  /** A DuckDB with {@code threads} threads. */
  public static DuckDbRunner open(int threads) throws SQLException {
    if (threads < 1) {
      throw new IllegalArgumentException("Cannot open DuckDB with " + threads
          + " threads (expected at least 1)");
    }
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET autoinstall_known_extensions = false");
      s.execute("SET autoload_known_extensions = false");
      s.execute("SET threads = " + threads);
      s.execute("SET TimeZone = 'UTC'");
      s.execute("SET enable_progress_bar = false");
      SparkBucket.register(c);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return new DuckDbRunner(c, threads);
  }

  public int threads() {
    return threads;
  }

  /** The connection, for callers that run their own statements. */
  public Connection connection() {
    return connection;
  }

  /** The tables of {@code db} as this DuckDB reads them (see {@link DuckDbTables#describe}). */
  public DuckDbTables describe(Database db) throws SQLException {
    return DuckDbTables.describe(connection, db);
  }

  /**
   * Translates {@code segments} (references are looked up among them) on database {@code db} as
   * of {@code asOf} and runs each translated one; segments of other databases are reported as
   * untranslated.
   */
  public Report run(List<Segment> segments, Database db, Instant asOf) throws SQLException {
    DuckDbTables tables = describe(db);
    List<Result> results = new ArrayList<>();
    List<DuckDbSegments.Untranslated> left = new ArrayList<>();
    for (DuckDbSegments.Translation t : DuckDbSegments.translateAll(segments, tables, asOf)) {
      if (t instanceof DuckDbSegments.Query q) {
        results.add(run(q));
      } else {
        left.add((DuckDbSegments.Untranslated) t);
      }
    }
    return new Report(threads, results, left);
  }

  /** Runs one query and reads its row. */
  public Result run(DuckDbSegments.Query q) throws SQLException {
    long start = System.nanoTime();
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(q.sql())) {
      if (!r.next()) {
        throw new SQLException("no row from the query of segment " + q.id());
      }
      long inRange = r.getLong("in_range");
      long matched = r.getLong("matched");
      long selected = r.getLong("selected");
      return new Result(q.id(), inRange, matched, selected,
          Duration.ofNanos(System.nanoTime() - start), q.sql());
    } catch (SQLException e) {
      throw new SQLException("Cannot run the DuckDB query of segment " + q.id() + ": "
          + e.getMessage() + "\n" + q.sql(), e);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
