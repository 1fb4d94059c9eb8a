package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.types.DataTypes;

/**
 * A pause at a named point of a change, only when the system property
 * {@code segments.test.pauseAt} names it: tests kill the process there to prove that a kill
 * midway changes nothing. Without the property this does nothing.
 */
final class TestHooks {
  static final String PROPERTY = "segments.test.pauseAt";

  private TestHooks() {}

  /**
   * {@code rows}, or when the property names {@code point}, rows whose Spark tasks pause before
   * their first row (in local mode the tasks run in this JVM), so that a kill lands while the
   * output files are open.
   */
  static Dataset<Row> pauseInTasks(Dataset<Row> rows, String point) {
    if (!point.equals(System.getProperty(PROPERTY))) {
      return rows;
    }
    UDF0<Boolean> hold = () -> {
      pause(point);
      return true;
    };
    return rows.filter(udf(hold, DataTypes.BooleanType).asNondeterministic().apply());
  }

  static void pause(String point) {
    if (!point.equals(System.getProperty(PROPERTY))) {
      return;
    }
    System.err.println("[segments test] paused at " + point);
    System.err.flush();
    try {
      Thread.sleep(600_000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
