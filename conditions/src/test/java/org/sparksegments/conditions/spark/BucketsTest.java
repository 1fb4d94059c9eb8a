package org.sparksegments.conditions.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparksegments.conditions.model.Range;
import org.sparksegments.testing.SharedSpark;
import org.sparksegments.testing.Xxh64;

@ExtendWith(SharedSpark.class)
class BucketsTest {

  /**
   * Buckets of pinned ids, computed once with Spark 4.2.0. A Spark upgrade that changed any of
   * them would move profiles between ranges: this test must then fail.
   */
  private static final Map<String, Integer> PINNED = new LinkedHashMap<>();

  static {
    PINNED.put("c0000001", 7477);
    PINNED.put("c0000002", 8115);
    PINNED.put("p01", 7773);
    PINNED.put("alice@example.com", 4608);
    PINNED.put("", 1652);
    PINNED.put("Zürich-42", 7122);
    PINNED.put("1", 1760);
    PINNED.put("42", 943);
    PINNED.put("1000003", 2717);
    PINNED.put("9223372036854775807", 1440);
    PINNED.put("-7", 4970);
    PINNED.put("c0019999", 6236);
  }

  private static Range range(int from, int to) {
    return new Range(from, to, Optional.empty());
  }

  @Test
  void pinnedStringIdsKeepTheirBuckets(SparkSession spark) {
    Dataset<Row> ids = spark.createDataset(List.copyOf(PINNED.keySet()), Encoders.STRING())
        .toDF("id");
    Map<String, Integer> actual = new LinkedHashMap<>();
    for (Row r : ids.select(col("id"), Buckets.bucket(col("id"), Optional.empty())).collectAsList()) {
      actual.put(r.getString(0), (int) r.getLong(1));
    }
    assertEquals(PINNED, actual);
  }

  @Test
  void longIdsHashTheirDecimalText(SparkSession spark) {
    Row r = spark.range(1).selectExpr("1000003L as a", "-7L as b", "42L as c")
        .select(Buckets.bucket(col("a"), Optional.empty()),
            Buckets.bucket(col("b"), Optional.empty()),
            Buckets.bucket(col("c"), Optional.of("holdout")))
        .first();
    assertEquals(2717L, r.getLong(0));
    assertEquals(4970L, r.getLong(1));
    assertEquals(6408L, r.getLong(2), "salted bucket of 42 with salt holdout");
  }

  @Test
  void plainJavaXxh64ReproducesSparkBuckets(SparkSession spark) {
    PINNED.forEach((id, b) -> assertEquals(b.intValue(), Xxh64.bucket(id), id));
    assertEquals(6408, Xxh64.bucket("holdout:42"));
    // Ids of every length around the 4-, 8- and 32-byte steps of the algorithm.
    List<Row> rows = spark.range(0, 2000)
        .selectExpr("concat(repeat('x', cast(id % 70 as int)), cast(id as string)) as id")
        .select(col("id"), Buckets.bucket(col("id"), Optional.empty()))
        .collectAsList();
    for (Row r : rows) {
      assertEquals(r.getLong(1), Xxh64.bucket(r.getString(0)), r.getString(0));
    }
  }

  @Test
  void adjacentRangesAreDisjointAndCoverTheBase(SparkSession spark) {
    Dataset<Row> ids = spark.range(0, 100_000).toDF("id");
    long low = ids.filter(Buckets.inRange(col("id"), range(0, 2000))).count();
    long high = ids.filter(Buckets.inRange(col("id"), range(2000, 10_000))).count();
    long both = ids.filter(Buckets.inRange(col("id"), range(0, 2000))
        .and(Buckets.inRange(col("id"), range(2000, 10_000)))).count();
    assertEquals(0, both);
    assertEquals(100_000, low + high);
    // 20 % of 100,000 ids: a binomial count, standard deviation about 126; 5 sigma is 633.
    assertTrue(Math.abs(low - 20_000) < 633, "share of a 20 % range: " + low);
  }

  @Test
  void membersDoNotDependOnPartitioning(SparkSession spark) {
    Dataset<Row> ids = spark.range(0, 20_000).selectExpr("concat('c', cast(id as string)) as id");
    List<String> one = members(ids.repartition(1), range(1234, 3456));
    List<String> seven = members(ids.repartition(7), range(1234, 3456));
    assertEquals(one, seven);
    assertTrue(one.size() > 3000, "about 22 % of 20,000: " + one.size());
  }

  @Test
  void addingProfilesNeverMovesAnExistingProfile(SparkSession spark) {
    Dataset<Row> before = spark.range(0, 50_000).toDF("id");
    Dataset<Row> after = spark.range(0, 100_000).toDF("id");
    Range r = range(3000, 5000);
    List<Long> a = before.filter(Buckets.inRange(col("id"), r)).orderBy("id")
        .as(Encoders.LONG()).collectAsList();
    List<Long> b = after.filter(Buckets.inRange(col("id"), r).and(col("id").lt(50_000)))
        .orderBy("id").as(Encoders.LONG()).collectAsList();
    assertEquals(a, b);
  }

  @Test
  void aSaltedRangeIsIndependentOfUnsaltedOnes(SparkSession spark) {
    Dataset<Row> ids = spark.range(0, 100_000).toDF("id");
    Range plain = range(0, 2000);
    Range salted = new Range(0, 2000, Optional.of("spring-test"));
    long overlap = ids.filter(Buckets.inRange(col("id"), plain)
        .and(Buckets.inRange(col("id"), salted))).count();
    // Independent 20 % samples overlap on about 4 % (4,000; sd about 62).
    assertTrue(Math.abs(overlap - 4000) < 400, "overlap " + overlap);
  }

  private static List<String> members(Dataset<Row> ids, Range r) {
    return ids.filter(Buckets.inRange(col("id"), r)).orderBy("id").as(Encoders.STRING())
        .collectAsList();
  }
}
