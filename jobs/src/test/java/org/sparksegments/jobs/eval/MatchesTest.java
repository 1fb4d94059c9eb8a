package org.sparksegments.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.api.Segments;
import org.sparksegments.jobs.reference.ReferenceData;
import org.sparksegments.jobs.reference.ReferenceEvaluator;
import org.sparksegments.testing.SharedSpark;

/**
 * matches on the sample through Spark (profile fields, event and external {@code where}
 * filters) counts what the reference evaluator counts, the catastrophic pattern included.
 */
@ExtendWith(SharedSpark.class)
class MatchesTest {
  private static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  private static final String ITEM_6 = "(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)X";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ReferenceData shop;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void theCatastrophicPatternCountsWhatTheReferenceCounts(SparkSession spark) throws Exception {
    long plain = assertSameAsReference(spark, field("email", ITEM_6, false));
    long folded = assertSameAsReference(spark, field("email", ITEM_6, true));
    // upper-case domains have an X; with ignore_case every example.* address has one
    assertTrue(plain > 0 && folded > plain, plain + " " + folded);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // null and empty e-mails are not matched; their complement includes them
      "{\"field\":\"email\",\"op\":\"matches\",\"value\":\"@example\\\\.com$\"}",
      "{\"field\":\"email\",\"op\":\"matches\",\"value\":\"@EXAMPLE\\\\.COM$\",\"ignore_case\":true}",
      "{\"not\":{\"field\":\"email\",\"op\":\"matches\",\"value\":\"^c\\\\d+@\"}}",
      "{\"field\":\"email\",\"op\":\"matches\",\"value\":\"\"}",
      "{\"field\":\"first_name\",\"op\":\"matches\",\"value\":\"^(anna|anne)$\",\"ignore_case\":true}",
      "{\"event\":\"purchase\",\"op\":\"exists\",\"where\":{\"field\":\"channel\",\"op\":\"matches\","
          + "\"value\":\"^W\",\"ignore_case\":true}}",
      "{\"external\":\"crm\",\"op\":\"exists\",\"where\":{\"field\":\"tier\",\"op\":\"matches\","
          + "\"value\":\"^g(o)l\"}}"})
  void matchesCountsWhatTheReferenceCounts(String conditions, SparkSession spark)
      throws Exception {
    assertSameAsReference(spark, conditions);
  }

  @Test
  void aPatternRe2CannotRunIsRefusedWithItsPointer(SparkSession spark) throws Exception {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Segments.count(spark, TestSample.catalog().toString(), segment("{\"all\":["
            + field("email", "(a)\\\\1", false) + ",{\"event\":\"purchase\",\"op\":\"exists\","
            + "\"where\":{\"field\":\"channel\",\"op\":\"matches\",\"value\":\"w(?=e)\"}}]}"),
            AS_OF));
    assertEquals(List.of("BAD_REGEX /conditions/all/0/value",
        "BAD_REGEX /conditions/all/1/where/value"), e.errors().stream()
        .map(x -> x.code() + " " + x.pointer()).sorted().toList());
    assertTrue(e.errors().get(0).message().contains("backreference"), e.getMessage());
  }

  private static long assertSameAsReference(SparkSession spark, String conditions)
      throws Exception {
    String doc = segment(conditions);
    long matched = Segments.count(spark, TestSample.catalog().toString(), doc, AS_OF).first()
        .getAs("matched");
    JsonNode node = JSON.readTree(doc);
    if (shop == null) {
      shop = ReferenceData.load(spark, TestSample.catalog(), "shop");
    }
    int expected = new ReferenceEvaluator(shop, AS_OF, Map.of("m", node)).matched("m").size();
    assertEquals(expected, matched, conditions);
    return matched;
  }

  private static String field(String field, String regex, boolean ignoreCase) {
    return "{\"field\":\"" + field + "\",\"op\":\"matches\",\"value\":\"" + regex + "\""
        + (ignoreCase ? ",\"ignore_case\":true}" : "}");
  }

  private static String segment(String conditions) {
    return "{\"id\":\"m\",\"database\":\"shop\",\"conditions\":" + conditions + "}";
  }
}
