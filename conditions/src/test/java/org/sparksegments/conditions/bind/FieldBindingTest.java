package org.sparksegments.conditions.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;
import static org.sparksegments.conditions.fixture.Check.only;
import static org.sparksegments.conditions.fixture.Types.array;
import static org.sparksegments.conditions.fixture.Types.col;
import static org.sparksegments.conditions.fixture.Types.string;
import static org.sparksegments.conditions.fixture.Types.table;
import static org.sparksegments.conditions.fixture.Types.timestamp;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.fixture.Check;
import org.sparksegments.conditions.fixture.Databases;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.SegmentParser.Parsed;

/**
 * Field tests bound against the hand-written {@code fx} profiles schema (every column type the
 * language handles; Europe/Berlin): paths and suggestions, which operator fits which type, the
 * conversion of each literal, reversed between bounds, and the order of a limit.
 */
class FieldBindingTest {

  static String segment(String conditions) {
    return "{\"id\": \"s\", \"database\": \"fx\", \"conditions\": " + conditions + "}";
  }

  static String field(String field, String op, String value) {
    return "{\"field\": \"" + field + "\", \"op\": \"" + op + "\""
        + (value == null ? "" : ", \"value\": " + value) + "}";
  }

  static List<ValidationError> errors(String conditions) {
    return Check.fx(segment(conditions));
  }

  /** The bound tree of a valid segment on fx. */
  static BoundCondition bound(String conditions) {
    Parsed p = SegmentParser.parseText("doc.json", segment(conditions)).get(0);
    assertTrue(p.ok(), p.errors().toString());
    Binder.Result r = Binder.bind(p.segment(), Databases.fx());
    assertTrue(r.ok(), r.errors().toString());
    return r.segment().condition().orElseThrow();
  }

  static BoundCondition.Field boundField(String field, String op, String value) {
    return (BoundCondition.Field) bound(field(field, op, value));
  }

  @Test
  void anUnknownFieldSuggestsTheNearestNames() {
    ValidationError e = only(errors(field("citty", "exists", null)),
        "UNKNOWN_FIELD /conditions/field");
    assertTrue(e.message().contains("Cannot find field 'citty' in the profiles table (did you"
        + " mean city?)"), e.message());
    assertEquals("s", e.segmentId());
    assertEquals("test.json", e.file());
    e = only(errors(field("City", "exists", null)), "UNKNOWN_FIELD /conditions/field");
    assertTrue(e.message().contains("did you mean city?"), e.message());
    e = only(errors(field("address.zipp", "exists", null)), "UNKNOWN_FIELD /conditions/field");
    assertTrue(e.message().contains("did you mean address.zip, address.city?"), e.message());
    e = only(errors(field("qqqqqqqqqqqqq", "exists", null)), "UNKNOWN_FIELD /conditions/field");
    assertFalse(e.message().contains("did you mean"), e.message());
  }

  @Test
  void nearestNamesAreAtMostThreeByDistance() {
    assertEquals(List.of("age", "ago", "agen"),
        FieldResolver.nearest(List.of("agen", "ago", "zzz", "age", "city"), "agx"));
  }

  @Test
  void pathsReachStructFieldsAndMapValues() {
    BoundCondition.Field zip = boundField("address.zip", "eq", "\"10115\"");
    assertEquals("address", zip.field().column());
    assertEquals(List.of(new FieldRef.StructField("zip")), zip.field().steps());
    BoundCondition.Field color = boundField("attrs.color", "eq", "\"red\"");
    assertEquals(List.of(new FieldRef.MapKey("color")), color.field().steps());
    assertEquals("string", color.field().type().describe());
    only(errors(field("attrs.color.shade", "exists", null)), "UNKNOWN_FIELD /conditions/field");
    only(errors(field("tags.first", "exists", null)), "UNKNOWN_FIELD /conditions/field");
    only(errors(field("city.length", "exists", null)), "UNKNOWN_FIELD /conditions/field");
    only(errors(field("attrs.", "exists", null)), "UNKNOWN_FIELD /conditions/field");
  }

  /** Every operator on a field of a type it applies to. */
  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "city|eq|\"Berlin\"", "age|neq|3", "vip|in|[true]", "birthday|not_in|[\"2000-01-01\"]",
      "points|gt|1", "score|gte|1.5", "ltv|lt|10.05", "last_login|lte|\"2026-01-01\"",
      "last_seen_local|between|[\"2026-01-01\", \"2026-02-01\"]", "city|not_between|[\"a\", \"b\"]",
      "email|contains|\"@\"", "email|not_contains|\"@\"", "city|starts_with|\"B\"",
      "city|ends_with|\"n\"", "email|matches|\"^a.*\"",
      "address|exists|NONE", "tags|not_exists|NONE", "city|empty|NONE", "tags|empty|NONE",
      "attrs|not_empty|NONE", "tags|has|\"a\"", "tags|has_any|[\"a\"]", "tags|has_all|[\"a\"]",
      "tags|has_none|[\"a\"]", "tags|size_eq|1", "attrs|size_gt|0", "tags|size_gte|1",
      "attrs|size_lt|2", "tags|size_lte|2", "birthday|anniversary|{\"within_days\": 7}",
      "last_login|anniversary|{\"within_days\": 0}",
      "last_seen_local|anniversary|{\"within_days\": 1}"})
  void operatorsBindOnTheirTypes(String field, String op, String value) {
    assertErrors(errors(field(field, op, value)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "tags|eq|\"a\"", "address|eq|\"a\"", "attrs|in|[\"a\"]", "vip|gt|true",
      "vip|between|[false, true]", "tags|lt|\"a\"", "age|contains|\"1\"", "tags|contains|\"a\"",
      "birthday|starts_with|\"2000\"", "vip|matches|\"t\"", "age|empty|NONE", "address|empty|NONE",
      "city|has|\"a\"", "attrs|has_any|[\"a\"]", "city|size_eq|1", "address|size_gt|1",
      "city|anniversary|{\"within_days\": 7}", "age|anniversary|{\"within_days\": 7}"})
  void operatorsThatDoNotFitTheTypeAreMismatches(String field, String op, String value) {
    ValidationError e = only(errors(field(field, op, value)), "TYPE_MISMATCH /conditions/op");
    assertTrue(e.message().startsWith("Cannot apply '" + op + "' to field '" + field + "'"),
        e.message());
  }

  @Test
  void ignoreCaseNeedsAStringField() {
    only(errors("{\"field\": \"age\", \"op\": \"eq\", \"value\": 3, \"ignore_case\": true}"),
        "TYPE_MISMATCH /conditions/ignore_case");
    // a list of strings on a string field: allowed
    assertErrors(errors("{\"field\": \"city\", \"op\": \"in\", \"value\": [\"a\"],"
        + " \"ignore_case\": true}"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "age|eq|\"30\"|/conditions/value",
      "age|eq|30.5|/conditions/value",
      "age|in|[1, 2.5]|/conditions/value/1",
      "points|eq|9223372036854775808|/conditions/value",
      "points|gt|-9223372036854775809|/conditions/value",
      "vip|eq|1|/conditions/value",
      "vip|eq|\"true\"|/conditions/value",
      "city|eq|1|/conditions/value",
      "city|in|[\"a\", true]|/conditions/value/1",
      "city|eq|{\"days_ago\": 1}|/conditions/value",
      "score|eq|\"1.5\"|/conditions/value",
      "ltv|gt|true|/conditions/value",
      "birthday|eq|\"2026-02-30\"|/conditions/value",
      "birthday|eq|\"01.06.2026\"|/conditions/value",
      "birthday|gt|20260101|/conditions/value",
      "last_login|gt|\"yesterday\"|/conditions/value",
      "last_login|eq|\"2026-06-01 10:00\"|/conditions/value",
      "last_seen_local|lt|true|/conditions/value",
      "tags|has|1|/conditions/value",
      "tags|has_all|[\"a\", 2]|/conditions/value/1",
      "address.zip|eq|10115|/conditions/value",
      "attrs.size|eq|3|/conditions/value"})
  void literalsThatDoNotConvertAreBadLiterals(String field, String op, String value,
      String pointer) {
    ValidationError e = only(errors(field(field, op, value)), "BAD_LITERAL " + pointer);
    assertTrue(e.message().startsWith("Cannot compare a field of type "), e.message());
  }

  @Test
  void everyBadLiteralOfAListIsReported() {
    assertErrors(errors(field("age", "in", "[\"1\", 2, 3.5, true]")),
        "BAD_LITERAL /conditions/value/0", "BAD_LITERAL /conditions/value/2",
        "BAD_LITERAL /conditions/value/3");
  }

  @Test
  void aWholeDayCannotBeLookedForInAnArrayOfInstants() {
    DatabaseView db = new DatabaseView("t", "id", ZoneId.of("UTC"),
        table(col("id", string()), col("seen", array(timestamp()))));
    String doc = "{\"id\": \"s\", \"database\": \"t\", \"conditions\": "
        + field("seen", "has_any", "[\"2026-06-01T00:00:00Z\", \"2026-06-01\"]") + "}";
    ValidationError e = only(Check.errors(doc, Map.of("t", db)),
        "BAD_LITERAL /conditions/value/1");
    assertTrue(e.message().contains("whole day"), e.message());
  }

  @Test
  void literalsConvertToTheFieldsType() {
    assertEquals(List.of(new BoundValue.Exact(30L)), boundField("age", "eq", "30.0").values());
    assertEquals(List.of(new BoundValue.Exact(30L)), boundField("age", "eq", "3e1").values());
    assertEquals(List.of(new BoundValue.Exact(9007199254740993L)),
        boundField("points", "eq", "9007199254740993").values());
    assertEquals(List.of(new BoundValue.Exact(1.0)), boundField("score", "eq", "1").values());
    assertEquals(List.of(new BoundValue.Exact(new BigDecimal("100.005"))),
        boundField("ltv", "eq", "100.005").values());
    assertEquals(List.of(new BoundValue.Exact(true)), boundField("vip", "eq", "true").values());
    assertEquals(List.of(new BoundValue.Exact(LocalDate.of(2026, 6, 1))),
        boundField("birthday", "eq", "\"2026-06-01\"").values());
    // an instant against a date column: its local date in the database's zone (UTC+2)
    assertEquals(List.of(new BoundValue.Exact(LocalDate.of(2026, 6, 1))),
        boundField("birthday", "eq", "\"2026-05-31T22:30:00Z\"").values());
    // a date against a timestamp: the whole local day
    assertEquals(List.of(new BoundValue.Day(LocalDate.of(2026, 6, 1))),
        boundField("last_login", "eq", "\"2026-06-01\"").values());
    // a local time against a timestamp: read in Europe/Berlin
    assertEquals(List.of(new BoundValue.Exact(Instant.parse("2026-06-01T00:00:00Z"))),
        boundField("last_login", "gt", "\"2026-06-01T02:00:00\"").values());
    assertEquals(List.of(new BoundValue.Exact(Instant.parse("2026-06-01T00:00:00Z"))),
        boundField("last_login", "gt", "\"2026-06-01T01:00:00+01:00\"").values());
    // against a local-time column a local time stays local, an offset keeps its instant
    assertEquals(List.of(new BoundValue.Exact(LocalDateTime.of(2026, 6, 1, 2, 0))),
        boundField("last_seen_local", "gt", "\"2026-06-01T02:00:00\"").values());
    assertEquals(List.of(new BoundValue.Exact(Instant.parse("2026-06-01T00:00:00Z"))),
        boundField("last_seen_local", "gt", "\"2026-06-01T00:00:00Z\"").values());
    assertEquals(List.of(new BoundValue.Relative(-3)),
        boundField("last_login", "gt", "{\"days_ago\": 3}").values());
    assertEquals(List.of(new BoundValue.Exact("a"), new BoundValue.Exact("b")),
        boundField("tags", "has_any", "[\"a\", \"b\"]").values());
    assertEquals(List.of(new BoundValue.Exact(2L)), boundField("tags", "size_gt", "2").values());
    assertEquals(List.of(), boundField("city", "exists", null).values());
    assertEquals(7, boundField("birthday", "anniversary", "{\"within_days\": 7}").withinDays());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "age|[40, 30]",
      "score|[1.5, -1]",
      "ltv|[10.01, 10.00]",
      "city|[\"b\", \"a\"]",
      "city|[\"a\", \"B\"]",
      "city|[\"Zürich\", \"Zz\"]",
      "birthday|[\"2026-06-02\", \"2026-06-01\"]",
      "last_login|[\"2026-06-02\", \"2026-06-01\"]",
      "last_login|[\"2026-06-01T00:00:01Z\", \"2026-06-01T00:00:00Z\"]",
      "last_seen_local|[\"2026-06-01T00:00:01\", \"2026-06-01T00:00:00\"]",
      "last_login|[{\"days_ago\": 1}, {\"days_ago\": 2}]"})
  void betweenWithTheLowBoundAboveTheHighIsRefused(String field, String value) {
    only(errors(field(field, "between", value)), "BAD_BETWEEN /conditions/value");
    only(errors(field(field, "not_between", value)), "BAD_BETWEEN /conditions/value");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "age|[30, 30]",
      "city|[\"B\", \"a\"]",
      "city|[\"Zz\", \"Zürich\"]",
      "last_login|[\"2026-06-01\", \"2026-06-01\"]",
      "last_login|[{\"days_ago\": 2}, {\"days_ago\": 1}]",
      "last_login|[{\"days_ago\": 2}, \"2020-01-01\"]"})
  void betweenBoundsInOrderOrOfUnknownOrderBind(String field, String value) {
    assertErrors(errors(field(field, "between", value)));
  }

  @Test
  void ignoreCaseComparesTheBoundsLowerCased() {
    // "B" <= "a" byte-wise, but "b" > "a" once lower-cased
    only(errors("{\"field\": \"city\", \"op\": \"between\", \"value\": [\"B\", \"a\"],"
        + " \"ignore_case\": true}"), "BAD_BETWEEN /conditions/value");
    assertErrors(errors("{\"field\": \"city\", \"op\": \"between\", \"value\": [\"a\", \"B\"],"
        + " \"ignore_case\": true}"));
  }

  @Test
  void badPatternsAreReportedWithTheRest() {
    assertErrors(errors("{\"all\": [" + field("city", "matches", "\"(\"") + ", "
        + field("cty", "exists", null) + "]}"),
        "BAD_REGEX /conditions/all/0/value", "UNKNOWN_FIELD /conditions/all/1/field");
  }

  @Test
  void everyProblemOfTheTreeIsReportedAtOnce() {
    assertErrors(errors("{\"all\": [" + field("agee", "gt", "1") + ", "
        + "{\"not\": " + field("tags", "gt", "\"a\"") + "}, "
        + "{\"any\": [" + field("age", "eq", "\"x\"") + ", " + field("age", "between", "[2, 1]")
        + "]}]}"),
        "UNKNOWN_FIELD /conditions/all/0/field", "TYPE_MISMATCH /conditions/all/1/not/op",
        "BAD_LITERAL /conditions/all/2/any/0/value", "BAD_BETWEEN /conditions/all/2/any/1/value");
  }

  @Test
  void aValidSegmentGivesItsBoundTree() {
    Parsed p = SegmentParser.parseText("doc.json", segment("{\"all\": ["
        + field("city", "eq", "\"Berlin\"") + ", {\"not\": " + field("age", "lt", "18")
        + "}]}")).get(0);
    Binder.Result r = Binder.bind(p.segment(), Databases.fx());
    assertTrue(r.ok());
    BoundSegment s = r.segment();
    assertEquals("s", s.id());
    assertEquals("fx", s.database().name());
    BoundCondition.All all = (BoundCondition.All) s.condition().orElseThrow();
    assertEquals(2, all.children().size());
    assertTrue(all.children().get(1) instanceof BoundCondition.Not);
  }

  @Test
  void aSegmentWithProblemsGivesNoBoundSegment() {
    Parsed p = SegmentParser.parseText("doc.json", segment(field("cty", "exists", null))).get(0);
    Binder.Result r = Binder.bind(p.segment(), Databases.fx());
    assertFalse(r.ok());
    assertNull(r.segment());
    assertEquals("doc.json", r.errors().get(0).file());
  }

  @Test
  void theLimitsOrderFieldsAreBound() {
    String doc = "{\"id\": \"s\", \"database\": \"fx\", \"limit\": {\"max\": 3, \"order_by\": ["
        + "{\"field\": \"age\", \"direction\": \"desc\"}, {\"field\": \"address.zip\"},"
        + " {\"field\": \"vip\"}, {\"field\": \"attrs.color\"}]}}";
    Parsed p = SegmentParser.parseText("doc.json", doc).get(0);
    BoundSegment s = Binder.bind(p.segment(), Databases.fx()).segment();
    assertEquals(List.of("age", "address.zip", "vip", "attrs.color"),
        s.order().stream().map(o -> o.field().path()).toList());
    assertTrue(s.order().get(0).descending());
  }

  @Test
  void orderByNeedsAKnownScalarField() {
    String doc = "{\"id\": \"s\", \"database\": \"fx\", \"limit\": {\"max\": 3, \"order_by\": ["
        + "{\"field\": \"agee\"}, {\"field\": \"tags\"}, {\"field\": \"address\"},"
        + " {\"field\": \"attrs\"}, {\"field\": \"age\"}]}}";
    assertErrors(Check.fx(doc), "UNKNOWN_FIELD /limit/order_by/0/field",
        "TYPE_MISMATCH /limit/order_by/1/field", "TYPE_MISMATCH /limit/order_by/2/field",
        "TYPE_MISMATCH /limit/order_by/3/field");
  }
}
