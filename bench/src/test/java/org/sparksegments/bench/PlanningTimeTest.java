package org.sparksegments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparksegments.testing.SharedSpark;

/** The planning time counts every executed query, failed ones too, and starts again on reset. */
@ExtendWith(SharedSpark.class)
class PlanningTimeTest {

  @Test
  void countsSucceededAndFailedQueriesSinceTheLastReset(SparkSession spark) {
    PlanningTime planning = PlanningTime.register(spark);
    try {
      spark.range(10).count();
      planning.reset();
      assertEquals(0, planning.queries());
      assertEquals(0.0, planning.seconds());

      assertEquals(5L, spark.range(10).filter("id % 2 = 0").count());
      // A query that fails while it runs is reported to onFailure and counted as well.
      assertThrows(Exception.class,
          () -> spark.range(10).selectExpr("assert_true(id < 0)").collectAsList());
      double seconds = planning.seconds();
      assertEquals(2, planning.queries());
      assertTrue(seconds >= 0 && seconds < 60, "seconds " + seconds);
    } finally {
      spark.listenerManager().unregister(planning);
    }
  }
}
