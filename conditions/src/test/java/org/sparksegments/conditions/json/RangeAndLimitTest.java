package org.sparksegments.conditions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Limit;
import org.sparksegments.conditions.model.OrderField;
import org.sparksegments.conditions.model.Range;

/** The shapes of {@code range} (percent, two decimals, salt) and {@code limit}. */
class RangeAndLimitTest {

  private static Parsed parse(String key, String json) {
    return SegmentParser.parseText("doc.json",
        "{\"id\": \"a\", \"database\": \"fx\", \"" + key + "\": " + json + "}").get(0);
  }

  private static List<ValidationError> errors(String key, String json) {
    return parse(key, json).errors();
  }

  @Test
  void aRangeIsReadAsBucketBounds() {
    Parsed p = parse("range", "{\"from\": 12.5, \"to\": 50, \"salt\": \"s1\"}");
    assertTrue(p.ok(), p.errors().toString());
    assertEquals(new Range(1250, 5000, Optional.of("s1")), p.segment().range());
    assertEquals(new Range(0, 2000, Optional.empty()),
        parse("range", "{\"to\": 20}").segment().range());
    assertEquals(new Range(9999, 10000, Optional.empty()),
        parse("range", "{\"from\": 99.99}").segment().range());
    assertEquals(Range.ALL, SegmentParser.parseText("d", "{\"id\": \"a\", \"database\": \"fx\"}")
        .get(0).segment().range());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"from\": 20, \"to\": 20}|BAD_RANGE /range/to",
      "{\"from\": 30, \"to\": 20}|BAD_RANGE /range/to",
      "{\"to\": 100.01}|BAD_RANGE /range/to",
      "{\"from\": -1}|BAD_RANGE /range/from",
      "{\"from\": 1.005}|BAD_RANGE /range/from",
      "{\"from\": \"10\"}|BAD_RANGE /range/from",
      "{\"salt\": \"\"}|BAD_RANGE /range/salt",
      "{\"salt\": 3}|BAD_RANGE /range/salt",
      "{\"seed\": 3}|UNKNOWN_KEY /range/seed",
      "[0, 20]|BAD_RANGE /range",
      "20|BAD_RANGE /range"})
  void badRanges(String range, String expected) {
    assertErrors(errors("range", range), expected);
  }

  @Test
  void everyBadBoundIsReportedAtOnce() {
    assertErrors(errors("range", "{\"from\": -1, \"to\": 101, \"step\": 1}"),
        "BAD_RANGE /range/from", "BAD_RANGE /range/to", "UNKNOWN_KEY /range/step");
  }

  @Test
  void aLimitIsANumberOrAnObject() {
    assertEquals(new Limit(5, List.of()), parse("limit", "5").segment().limit());
    assertEquals(new Limit(2, List.of()), parse("limit", "2.0").segment().limit());
    assertEquals(Limit.NONE, parse("limit", "null").segment().limit());
    assertEquals(new Limit(0, List.of()), parse("limit", "0").segment().limit());
    Limit l = parse("limit", """
        {"max": 3, "order_by": [{"field": "age", "direction": "desc"},
                                {"field": "address.city"},
                                {"field": "city", "direction": "asc"}]}""").segment().limit();
    assertEquals(3, l.max());
    assertEquals(List.of(new OrderField("/limit/order_by/0", "age", true),
        new OrderField("/limit/order_by/1", "address.city", false),
        new OrderField("/limit/order_by/2", "city", false)), l.orderBy());
    // an order without a max orders the members and keeps them all
    assertEquals(0, parse("limit", "{\"order_by\": [{\"field\": \"age\"}]}").segment().limit()
        .max());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "-1|BAD_LIMIT /limit",
      "1.5|BAD_LIMIT /limit",
      "1e30|BAD_LIMIT /limit",
      "\"5\"|BAD_LIMIT /limit",
      "[5]|BAD_LIMIT /limit",
      "{\"max\": 1.5}|BAD_LIMIT /limit/max",
      "{\"max\": -2}|BAD_LIMIT /limit/max",
      "{\"max\": \"3\"}|BAD_LIMIT /limit/max",
      "{\"top\": 3}|UNKNOWN_KEY /limit/top",
      "{\"order_by\": {\"field\": \"age\"}}|BAD_LIMIT /limit/order_by",
      "{\"order_by\": [\"age\"]}|BAD_LIMIT /limit/order_by/0",
      "{\"order_by\": [{\"direction\": \"asc\"}]}|MISSING_KEY /limit/order_by/0",
      "{\"order_by\": [{\"field\": 3}]}|WRONG_VALUE_TYPE /limit/order_by/0/field",
      "{\"order_by\": [{\"field\": \"age\", \"direction\": \"up\"}]}|BAD_LIMIT /limit/order_by/0/direction",
      "{\"order_by\": [{\"field\": \"age\", \"direction\": \"DESC\"}]}|BAD_LIMIT /limit/order_by/0/direction",
      "{\"order_by\": [{\"field\": \"age\", \"dir\": \"asc\"}]}|UNKNOWN_KEY /limit/order_by/0/dir"})
  void badLimits(String limit, String expected) {
    assertErrors(errors("limit", limit), expected);
  }

  @Test
  void theOrderEntriesAreCheckedOneByOne() {
    assertErrors(errors("limit", """
        {"max": 2, "order_by": [{"field": "age"}, 7, {"field": "city", "direction": "down"}]}"""),
        "BAD_LIMIT /limit/order_by/1", "BAD_LIMIT /limit/order_by/2/direction");
  }
}
