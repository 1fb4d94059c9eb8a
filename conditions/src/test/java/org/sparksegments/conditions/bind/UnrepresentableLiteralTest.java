package org.sparksegments.conditions.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;
import static org.sparksegments.conditions.fixture.Check.only;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.fixture.Check;

/**
 * Literals that no field of the type can hold (spec 7): numbers beyond a double or a decimal(38),
 * exponents of any size, years outside 0001 to 9999, local times in a daylight-saving gap. Each
 * is a coded error at its pointer with a short message, never an exception.
 */
class UnrepresentableLiteralTest {

  static List<ValidationError> shop(String conditions) {
    return Check.sample("{\"id\": \"s\", \"database\": \"shop\", \"conditions\": " + conditions
        + "}");
  }

  static String field(String field, String op, String value) {
    return "{\"field\": \"" + field + "\", \"op\": \"" + op + "\", \"value\": " + value + "}";
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "lifetime_value | 1e400",
      "lifetime_value | -1e400",
      "lifetime_value | 1e39",
      "lifetime_value | 0.0000000000000000000000000000000000001",
      "lifetime_value | 1e-2147483647",
      "lifetime_value | 1e-999999999",
      "score | 1e400",
      "score | -2e308",
      "score | 1e-400",
      "score | 1e-999999999",
      "age | 1e-2147483647",
      "age | 1e-999999999",
      "age | 1e2147483647",
      "age | 1e20",
      "age | 2.5",
      "loyalty_points | 1e-99999"})
  void aNumberNoColumnOfTheTypeHoldsIsBadLiteral(String field, String value) {
    ValidationError e = only(shop(field(field, "gt", value)), "BAD_LITERAL /conditions/value");
    assertTrue(e.render().length() < 400, e.render());
  }

  @Test
  void numbersThatFitStayValid() {
    assertErrors(shop(field("lifetime_value", "gt", "1e20")));
    assertErrors(shop(field("lifetime_value", "gt", "1234567890.123456789012")));
    // Trailing zeros beyond 38 digits say nothing: the value fits.
    assertErrors(shop(field("lifetime_value", "eq",
        "1.500000000000000000000000000000000000000000000")));
    assertErrors(shop(field("lifetime_value", "gt", "0e-999999999")));
    assertErrors(shop(field("score", "gt", "1e308")));
    assertErrors(shop(field("score", "gt", "-4.9e-324")));
    assertErrors(shop(field("age", "gte", "3e1")));
    assertErrors(shop(field("loyalty_points", "lt", "9223372036854775807")));
  }

  @Test
  void aMessageQuotesAHugeNumberInShortScientificForm() {
    ValidationError e = only(shop(field("age", "eq", "1e-999999999")),
        "BAD_LITERAL /conditions/value");
    assertTrue(e.message().contains("the number 1E-999999999"), e.message());
    String digits = "9".repeat(900);
    e = only(shop(field("age", "eq", digits)), "BAD_LITERAL /conditions/value");
    assertTrue(e.message().contains("… (900 characters in all)"), e.message());
    assertTrue(e.message().length() < 400, e.message());
  }

  @Test
  void aLongStringIsQuotedUpTo80Characters() {
    String s = "x".repeat(100_000);
    ValidationError e = only(shop(field("age", "eq", "\"" + s + "\"")),
        "BAD_LITERAL /conditions/value");
    assertTrue(e.message().contains("… (100000 characters in all)"), e.message());
    assertTrue(e.message().length() < 400, e.message());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "created_at | +999999999-12-31T23:59:59Z",
      "created_at | -999999999-01-01T00:00:00Z",
      "created_at | +10000-01-01T00:00:00Z",
      "created_at | 0000-12-31T23:59:59Z",
      "created_at | +999999999-12-31T23:59:59",
      "created_at | +999999999-12-31",
      "created_at | 0000-06-01",
      "birthday | +999999999-12-31",
      "birthday | +999999999-12-31T23:59:59Z",
      "birthday | 0000-01-01",
      "last_seen_local | +999999999-12-31T23:59:59Z",
      "last_seen_local | 9999-12-31T23:59:59-14:00"})
  void aYearOutsideSparksRangeIsBadLiteral(String field, String value) {
    only(shop(field(field, "gte", "\"" + value + "\"")), "BAD_LITERAL /conditions/value");
  }

  @Test
  void theOtherProblemsOfTheDocumentAreStillReported() {
    assertErrors(shop("{\"all\": [" + field("created_at", "gt", "\"+999999999-12-31T23:59:59Z\"")
            + ", " + field("lifetime_value", "gt", "1e400") + ", " + field("nope", "eq", "1")
            + "]}"),
        "BAD_LITERAL /conditions/all/0/value", "BAD_LITERAL /conditions/all/1/value",
        "UNKNOWN_FIELD /conditions/all/2/field");
  }

  @Test
  void theFirstAndLastDaysOfSparksRangeStayValid() {
    assertErrors(shop(field("created_at", "gte", "\"0001-01-01T00:00:00Z\"")));
    assertErrors(shop(field("created_at", "lt", "\"9999-12-31T23:59:59Z\"")));
    assertErrors(shop(field("birthday", "lt", "\"9999-12-31\"")));
    assertErrors(shop(field("birthday", "gt", "\"0001-01-01\"")));
  }

  static String window(String window) {
    return "{\"event\": \"purchase\", \"op\": \"exists\", \"window\": " + window + "}";
  }

  @Test
  void aWindowBoundInADaylightSavingGapSaysTheLocalTimeDoesNotExist() {
    ValidationError e = only(shop(window("{\"since\": \"2026-03-29T02:30:00\","
        + " \"until\": \"2026-03-29T03:00:00\"}")), "BAD_WINDOW /conditions/window/since");
    assertTrue(e.message().contains("does not exist in the database's time zone Europe/Berlin"),
        e.message());
    assertTrue(e.message().contains("daylight-saving gap"), e.message());
    only(shop(window("{\"since\": \"2026-03-28T00:00:00\", \"until\": \"2026-03-29T02:00:00\"}")),
        "BAD_WINDOW /conditions/window/until");
    // The same wall time with an offset is an instant, and the hour before the gap exists.
    assertErrors(shop(window("{\"since\": \"2026-03-29T02:30:00+01:00\","
        + " \"until\": \"2026-03-29T04:00:00\"}")));
    assertErrors(shop(window("{\"since\": \"2026-03-29T01:59:59\","
        + " \"until\": \"2026-03-29T03:00:00\"}")));
  }

  @Test
  void aWindowBoundOutsideSparksYearsIsBadWindow() {
    only(shop(window("{\"since\": \"2026-01-01\", \"until\": \"+999999999-12-31T23:59:59Z\"}")),
        "BAD_WINDOW /conditions/window/until");
    only(shop(window("{\"from\": \"0000-01-01\", \"to\": \"2026-01-01\"}")),
        "BAD_WINDOW /conditions/window/from");
  }

  @Test
  void representableDecimalsFitTheColumnAndSparksPrecisionTogether() {
    assertEquals(new BigDecimal("1.5"),
        Representable.asDecimal(new BigDecimal("1.50000000000000000000000000000000000000"),
            "decimal(12,2)"));
    assertEquals(null, Representable.asDecimal(new BigDecimal("1e30"), "decimal(12,10)"));
    assertEquals(new BigDecimal("1000"), Representable.asDecimal(new BigDecimal("1e3"),
        "decimal(12,2)"));
    assertEquals(null, Representable.asDecimal(new BigDecimal("1e-2147483647"), "x"));
  }
}
