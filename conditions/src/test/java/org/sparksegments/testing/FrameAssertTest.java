package org.sparksegments.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

/** FrameAssert passes on equal answers and fails, with a readable report, on different ones. */
@ExtendWith(SharedSpark.class)
class FrameAssertTest {

  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType)
      .add("n", DataTypes.createDecimalType(10, 2))
      .add("tags", DataTypes.createArrayType(DataTypes.StringType))
      .add("attrs", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType));

  private static Dataset<Row> frame(SparkSession spark, Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), SCHEMA);
  }

  private static Row r(String id, String n, List<String> tags, Map<String, String> attrs) {
    return RowFactory.create(id, n == null ? null : new BigDecimal(n), tags, attrs);
  }

  @Test
  void sameRowsIgnoresOrderAndComparesNestedValues(SparkSession spark) {
    Dataset<Row> a = frame(spark, r("p1", "1.50", List.of("x", "y"), Map.of("k", "v")),
        r("p2", null, null, null));
    Dataset<Row> b = frame(spark, r("p2", null, null, null),
        r("p1", "1.50", List.of("x", "y"), Map.of("k", "v")));
    FrameAssert.assertSameRows(a, b);
    FrameAssert.assertSameOrderedRows(a, a);
  }

  @Test
  void sameRowsFailsOnADifferentValueOrOrder(SparkSession spark) {
    Dataset<Row> a = frame(spark, r("p1", "1.50", List.of("x"), Map.of()),
        r("p2", "2.00", List.of(), Map.of()));
    Dataset<Row> other = frame(spark, r("p1", "1.50", List.of("y"), Map.of()),
        r("p2", "2.00", List.of(), Map.of()));
    Dataset<Row> reversed = frame(spark, r("p2", "2.00", List.of(), Map.of()),
        r("p1", "1.50", List.of("x"), Map.of()));
    assertThrows(AssertionFailedError.class, () -> FrameAssert.assertSameRows(a, other));
    assertThrows(AssertionFailedError.class, () -> FrameAssert.assertSameRows(a, a.limit(1)));
    FrameAssert.assertSameRows(a, reversed);
    assertThrows(AssertionFailedError.class,
        () -> FrameAssert.assertSameOrderedRows(a, reversed));
  }

  @Test
  void duplicatesCount(SparkSession spark) {
    Row x = r("p1", "1", null, null);
    assertThrows(AssertionFailedError.class,
        () -> FrameAssert.assertSameRows(frame(spark, x, x), frame(spark, x)));
  }

  @Test
  void assertIdsPassesOnTheSameListWhateverTheElementType() {
    FrameAssert.assertIds(List.of("p01", "p02"), List.of("p01", "p02"), "same");
    FrameAssert.assertIds(List.of(7, 8), List.of(7L, 8L), "numbers by their text");
    FrameAssert.assertSameIds(List.of("b", "a"), List.of("a", "b"), "set");
  }

  @Test
  void assertIdsReportsMissingAndUnexpectedSideBySide() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> FrameAssert.assertIds(List.of("p01", "p02", "p03"), List.of("p01", "p04"),
            "case x"));
    String m = e.getMessage();
    assertTrue(m.contains("case x"), m);
    assertTrue(m.contains("expected (3)") && m.contains("actual (2)"), m);
    assertTrue(m.contains("missing:    [p02, p03]"), m);
    assertTrue(m.contains("unexpected: [p04]"), m);
    assertTrue(m.contains("! p02"), m);
  }

  @Test
  void assertIdsFailsOnTheSameIdsInAnotherOrder() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> FrameAssert.assertIds(List.of("a", "b"), List.of("b", "a"), "order"));
    assertTrue(e.getMessage().contains("other order"), e.getMessage());
    assertThrows(AssertionFailedError.class,
        () -> FrameAssert.assertSameIds(List.of("a", "a"), List.of("a"), "dup"));
  }
}
