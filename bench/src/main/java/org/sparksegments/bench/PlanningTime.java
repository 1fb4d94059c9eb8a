package org.sparksegments.bench;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.QueryPlanningTracker;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The driver's planning time of what runs while it is registered: for every query that executes
 * (succeeded or failed), the analysis, optimization and planning phases its
 * {@link QueryPlanningTracker} recorded, summed. Re-optimization by adaptive execution while a
 * query runs is not a tracked phase and is not in the sum (see docs/benchmarks.md).
 */
final class PlanningTime implements QueryExecutionListener {
  /** The tracker's phases counted; parsing is left out (a run builds no SQL text). */
  static final List<String> PHASES = List.of(QueryPlanningTracker.ANALYSIS(),
      QueryPlanningTracker.OPTIMIZATION(), QueryPlanningTracker.PLANNING());

  private static final long DRAIN_MILLIS = 120_000;

  private final SparkSession spark;
  private long millis;
  private int queries;

  private PlanningTime(SparkSession spark) {
    this.spark = spark;
  }

  /** A listener registered on the session's listener manager, from zero. */
  static PlanningTime register(SparkSession spark) {
    PlanningTime t = new PlanningTime(spark);
    spark.listenerManager().register(t);
    return t;
  }

  @Override
  public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
    add(qe);
  }

  @Override
  public void onFailure(String funcName, QueryExecution qe, Exception exception) {
    add(qe);
  }

  private synchronized void add(QueryExecution qe) {
    Map<String, QueryPlanningTracker.PhaseSummary> phases =
        CollectionConverters.asJava(qe.tracker().phases());
    for (String phase : PHASES) {
      QueryPlanningTracker.PhaseSummary s = phases.get(phase);
      if (s != null) {
        millis += s.durationMs();
      }
    }
    queries++;
  }

  /** Starts a new measurement: the events of earlier queries are delivered first, then dropped. */
  void reset() {
    drain();
    synchronized (this) {
      millis = 0;
      queries = 0;
    }
  }

  /** Seconds summed since the last reset, once every finished query's event is delivered. */
  double seconds() {
    drain();
    synchronized (this) {
      return millis / 1000.0;
    }
  }

  /** The number of queries counted since the last reset. */
  synchronized int queries() {
    return queries;
  }

  /**
   * Waits until the listener bus has delivered every event posted so far: listeners hear of a
   * query asynchronously, after the action that ran it has returned.
   */
  private void drain() {
    try {
      spark.sparkContext().listenerBus().waitUntilEmpty(DRAIN_MILLIS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("query events not delivered within " + DRAIN_MILLIS
          + " ms", e);
    }
  }
}
