package org.sparksegments.bench;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.types.UTF8String;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;

/**
 * The range bucket of the spec (section 4) as a DuckDB scalar function
 * {@code spark_bucket(VARCHAR) -> BIGINT}: {@code pmod(xxhash64(s), 10000)} with Spark's own
 * xxhash64 (seed 42) over the UTF-8 bytes, so DuckDB keeps exactly the profiles Spark keeps.
 *
 * <p>DuckDB has no xxhash64. The same hash written as plain DuckDB SQL (64-bit arithmetic in
 * UHUGEINT, bytes from {@code hex(encode(s))}, loops as {@code list_reduce}) gives the same
 * buckets but took about 20 s per million ids on two cores; this Java function, called by DuckDB
 * once per vector of rows, takes about 0.15 s.
 */
final class SparkBucket {
  /** The name under which the function is registered. */
  static final String FUNCTION = "spark_bucket";
  private static final long SEED = 42L;

  private SparkBucket() {}

  /** Registers {@code spark_bucket} on the connection (its database, for every connection). */
  static void register(Connection connection) throws SQLException {
    DuckDBFunctions.scalarFunction()
        .withName(FUNCTION)
        .withParameter(DuckDBColumnType.VARCHAR)
        .withReturnType(DuckDBColumnType.BIGINT)
        .withVectorizedFunction((in, out) -> {
          DuckDBReadableVector v = in.vector(0);
          long rows = in.rowCount();
          for (long i = 0; i < rows; i++) {
            if (v.isNull(i)) {
              out.setNull(i);
            } else {
              out.setLong(i, bucket(v.getString(i)));
            }
          }
        })
        .register(connection);
  }

  /** The bucket of one string, 0 to 9999. */
  static long bucket(String s) {
    return Math.floorMod(XXH64.hashUTF8String(UTF8String.fromString(s), SEED), 10_000L);
  }

  /** The SQL expression of the bucket of {@code text}, a VARCHAR expression. */
  static String of(String text) {
    return FUNCTION + "(" + text + ")";
  }
}
