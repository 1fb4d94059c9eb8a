package org.sparksegments.jobs.eval;

import static org.apache.spark.sql.functions.udf;

import java.io.File;
import java.io.IOException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF0;
import org.apache.spark.sql.types.DataTypes;

/**
 * Faults injected into the tasks that read catalog tables, only when the Spark setting
 * {@value #SETTING} asks for one: the fault tests prove that the engine's results survive what a
 * cluster does to tasks (retries, lost executors). Without the setting the rows are returned as
 * they are, plan unchanged.
 *
 * <ul>
 *   <li>{@code fail-first-attempt}: every task's first attempt fails (Spark retries it under
 *       {@code spark.task.maxFailures});
 *   <li>{@code hold:DIR}: every task writes a file {@code held-STAGE-PARTITION-ATTEMPT} into the
 *       local folder DIR and waits until a file {@code release} appears there, so that a test
 *       can kill an executor while its tasks are running.
 * </ul>
 */
public final class TaskFaults {
  /** The Spark setting naming the fault. */
  public static final String SETTING = "spark.segments.test.taskFault";
  private static final long HOLD_MILLIS = 300_000L;

  private TaskFaults() {}

  /** {@code rows}, with the fault the session's setting names, if any. */
  static Dataset<Row> inject(Dataset<Row> rows) {
    String fault = rows.sparkSession().conf().get(SETTING, "");
    if (fault.isEmpty()) {
      return rows;
    }
    UDF0<Boolean> check;
    if (fault.equals("fail-first-attempt")) {
      check = TaskFaults::failFirstAttempt;
    } else if (fault.startsWith("hold:")) {
      String dir = fault.substring("hold:".length());
      check = () -> hold(dir);
    } else {
      throw new IllegalArgumentException("Unknown " + SETTING + ": " + fault);
    }
    return rows.filter(udf(check, DataTypes.BooleanType).asNondeterministic().apply());
  }

  private static boolean failFirstAttempt() {
    TaskContext task = TaskContext.get();
    if (task != null && task.attemptNumber() == 0) {
      throw new IllegalStateException("test fault: first attempt of task " + task.partitionId()
          + " of stage " + task.stageId());
    }
    return true;
  }

  private static boolean hold(String dir) throws IOException, InterruptedException {
    File release = new File(dir, "release");
    if (release.exists()) {
      return true;
    }
    TaskContext task = TaskContext.get();
    String name = task == null ? "held-driver"
        : "held-" + task.stageId() + "-" + task.partitionId() + "-" + task.attemptNumber();
    new File(dir, name).createNewFile();
    long end = System.currentTimeMillis() + HOLD_MILLIS;
    while (!release.exists()) {
      if (System.currentTimeMillis() > end) {
        throw new IllegalStateException("test fault: no " + release + " after " + HOLD_MILLIS
            + " ms");
      }
      Thread.sleep(100);
    }
    return true;
  }
}
