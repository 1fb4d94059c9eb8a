package org.sparksegments.jobs.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/**
 * The SQL functions in a session with the extension: a bad segment fails the query with the
 * bad-input exception itself, its codes and pointers, as the Java API and the command line do.
 */
@ExtendWith(SharedSpark.class)
class TableFunctionsTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";
  private static org.apache.spark.sql.classic.SparkSession sql;

  @BeforeAll
  static void withTheExtension(SparkSession spark) {
    // A session of its own, so the shared one keeps its function registry as it was.
    sql = (org.apache.spark.sql.classic.SparkSession) spark.newSession();
    SparkSessionExtensions extensions = new SparkSessionExtensions();
    new SegmentsExtensions().apply(extensions);
    extensions.registerTableFunctions(sql.sessionState().tableFunctionRegistry());
  }

  @Test
  void aSavedSegmentIsCounted() throws Exception {
    Row c = sql.sql("SELECT * FROM segment_count('" + TestSample.catalog() + "', '"
        + TestSample.examples() + "', 'power-users', '" + AS_OF + "')").first();
    assertEquals("power-users", c.getAs("segment"));
    assertEquals(100L, (long) c.getAs("selected"));
  }

  @Test
  void aBadSegmentFailsWithItsCodesAndPointers() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> sql.sql("SELECT * FROM segment_members('" + TestSample.catalog() + "', '{\"id\":"
            + "\"quick\",\"database\":\"shop\",\"conditions\":{\"field\":\"cty\",\"op\":\"eq\","
            + "\"value\":\"Berlin\"}}', '" + AS_OF + "')").collectAsList());
    assertEquals(List.of("UNKNOWN_FIELD /conditions/field"), e.errors().stream()
        .map(x -> x.code() + " " + x.pointer()).toList());
    assertTrue(e.getMessage().contains("UNKNOWN_FIELD at /conditions/field: ")
        && e.getMessage().contains("city"), e.getMessage());
  }

  @Test
  void badArgumentsAreBadOptions() throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> sql.sql("SELECT * FROM segment_count('" + TestSample.catalog() + "')"));
    assertEquals(ErrorCode.BAD_OPTION, e.errors().get(0).code());
    assertTrue(e.getMessage().startsWith("BAD_OPTION at (root): Cannot call segment_count"),
        e.getMessage());
  }
}
