package org.sparksegments.jobs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/** The Java API evaluates quick and saved segments as lazy frames and reports bad input. */
@ExtendWith(SharedSpark.class)
class SegmentsApiTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void aQuickSegmentAndItsSavedTwinSelectTheSameIdsInOrder(SparkSession spark) throws Exception {
    String catalog = TestSample.catalog().toString();
    String examples = TestSample.examples().toString();
    List<Object> saved = ids(Segments.evaluateSaved(spark, catalog, examples, "power-users",
        AS_OF).collectAsList());
    String json = java.nio.file.Files.readString(TestSample.examples()
        .resolve("power-users.json"));
    List<Object> quick = ids(Segments.evaluate(spark, catalog, json, AS_OF).collectAsList());
    assertEquals(100, saved.size());
    assertEquals(saved, quick);

    Row c = Segments.countSaved(spark, catalog, examples, "power-users", AS_OF).first();
    assertEquals("power-users", c.getAs("segment"));
    assertEquals(100L, (long) c.getAs("selected"));
    assertTrue((long) c.getAs("matched") >= 100L && (long) c.getAs("in_range")
        >= (long) c.getAs("matched"), c.toString());
  }

  @Test
  void anEmptySelectionCountsZero(SparkSession spark) throws Exception {
    Row c = Segments.count(spark, TestSample.catalog().toString(), "{\"id\":\"nobody\","
        + "\"database\":\"shop\",\"range\":{\"from\":0,\"to\":0.01},\"conditions\":"
        + "{\"field\":\"city\",\"op\":\"eq\",\"value\":\"Atlantis\"}}", AS_OF).first();
    assertEquals(0L, (long) c.getAs("matched"));
    assertEquals(0L, (long) c.getAs("selected"));
  }

  @Test
  void badInputListsEveryProblemWithCodeAndPointer(SparkSession spark) throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Segments.evaluate(spark, TestSample.catalog().toString(), "{\"id\":\"bad\","
            + "\"database\":\"shop\",\"conditions\":{\"all\":[{\"field\":\"cty\",\"op\":\"eq\","
            + "\"value\":\"Berlin\"},{\"field\":\"city\",\"op\":\"equals\",\"value\":1}]}}",
            AS_OF));
    assertEquals(List.of("UNKNOWN_FIELD /conditions/all/0/field",
        "UNKNOWN_OPERATOR /conditions/all/1/op"), e.errors().stream()
        .map(x -> x.code() + " " + x.pointer()).sorted().toList());
    assertThrows(InvalidInputException.class, () -> Segments.evaluateSaved(spark,
        TestSample.catalog().toString(), TestSample.examples().toString(), "no-such-segment",
        AS_OF));
  }

  private static List<Object> ids(List<Row> rows) {
    return rows.stream().map(r -> r.get(0)).toList();
  }
}
