package org.sparksegments.conditions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;
import static org.sparksegments.conditions.fixture.Check.only;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.model.FieldOp;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Literal;

/**
 * Field tests before any schema: operators, the value's JSON shape for each arity, literals as
 * written (strings, exact numbers, booleans, relative days), ignore_case, patterns and sizes.
 */
class FieldTestShapesTest {

  private static List<ValidationError> errors(String test) {
    return ConditionKindsTest.errors(test);
  }

  private static FieldTest test(String test) {
    return (FieldTest) ConditionKindsTest.condition(test);
  }

  private static String field(String op, String value) {
    return "{\"field\": \"f\", \"op\": \"" + op + "\"" + (value == null ? "" : ", \"value\": "
        + value) + "}";
  }

  /** A value of the right shape for every operator: each one parses. */
  @ParameterizedTest
  @EnumSource(FieldOp.class)
  void everyOperatorParsesWithAValueOfItsShape(FieldOp op) {
    String value = switch (op.arity()) {
      case NONE -> null;
      case ONE -> op.name().startsWith("SIZE_") ? "2" : "\"x\"";
      case LIST -> "[\"x\", \"y\"]";
      case PAIR -> "[\"a\", \"b\"]";
      case WITHIN_DAYS -> "{\"within_days\": 7}";
    };
    FieldTest t = test(field(op.json(), value));
    assertEquals(op, t.op());
    assertEquals("f", t.path());
    assertEquals(FieldOp.fromJson(op.json()).orElseThrow(), op);
  }

  @Test
  void literalsKeepTheirJsonType() {
    FieldTest t = test(field("in", "[\"30\", 30.0, 1e2, 0.1, true, {\"days_ago\": 3},"
        + " {\"days_ahead\": 0}]"));
    assertEquals(new Literal.Text("/conditions/value/0", "30"), t.values().get(0));
    // numbers are exact decimals (never a double): compared by value, the scale aside
    assertNumber("/conditions/value/1", "30", t.values().get(1));
    assertNumber("/conditions/value/2", "100", t.values().get(2));
    assertNumber("/conditions/value/3", "0.1", t.values().get(3));
    assertEquals(List.of(new Literal.Bool("/conditions/value/4", true),
        new Literal.Relative("/conditions/value/5", -3),
        new Literal.Relative("/conditions/value/6", 0)), t.values().subList(4, 7));
  }

  private static void assertNumber(String pointer, String value, Literal actual) {
    Literal.Number n = (Literal.Number) actual;
    assertEquals(pointer, n.pointer());
    assertEquals(0, new BigDecimal(value).compareTo(n.value()), n.value().toString());
  }

  @Test
  void anniversaryTakesWithinDays() {
    assertEquals(7, test(field("anniversary", "{\"within_days\": 7}")).withinDays());
    assertEquals(0, test(field("anniversary", "{\"within_days\": 0}")).withinDays());
    assertEquals(366, test(field("anniversary", "{\"within_days\": 366}")).withinDays());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      // one literal
      "eq|[1]|WRONG_VALUE_TYPE /conditions/value",
      "eq|null|WRONG_VALUE_TYPE /conditions/value",
      "eq|{\"a\": 1}|WRONG_VALUE_TYPE /conditions/value",
      "eq|{\"days_ago\": -1}|WRONG_VALUE_TYPE /conditions/value/days_ago",
      "eq|{\"days_ago\": 1.5}|WRONG_VALUE_TYPE /conditions/value/days_ago",
      "eq|{\"days_ahead\": 1000001}|WRONG_VALUE_TYPE /conditions/value/days_ahead",
      "eq|{\"days_ahead\": \"1\"}|WRONG_VALUE_TYPE /conditions/value/days_ahead",
      "eq|{\"days_ago\": 1, \"days_ahead\": 1}|WRONG_VALUE_TYPE /conditions/value",
      "eq|NONE|MISSING_KEY /conditions",
      // lists and pairs
      "in|[]|WRONG_VALUE_TYPE /conditions/value",
      "in|\"x\"|WRONG_VALUE_TYPE /conditions/value",
      "not_in|[1, null]|WRONG_VALUE_TYPE /conditions/value/1",
      "has_any|[\"a\", [\"b\"]]|WRONG_VALUE_TYPE /conditions/value/1",
      "between|[1]|WRONG_VALUE_TYPE /conditions/value",
      "between|[1, 2, 3]|WRONG_VALUE_TYPE /conditions/value",
      "not_between|{\"from\": 1}|WRONG_VALUE_TYPE /conditions/value",
      "in|NONE|MISSING_KEY /conditions",
      // presence takes nothing
      "exists|1|WRONG_VALUE_TYPE /conditions/value",
      "not_empty|\"\"|WRONG_VALUE_TYPE /conditions/value",
      // anniversary
      "anniversary|7|WRONG_VALUE_TYPE /conditions/value",
      "anniversary|{\"within_days\": 367}|WRONG_VALUE_TYPE /conditions/value",
      "anniversary|{\"within_days\": -1}|WRONG_VALUE_TYPE /conditions/value",
      "anniversary|{\"within_days\": 7, \"x\": 1}|WRONG_VALUE_TYPE /conditions/value",
      "anniversary|NONE|MISSING_KEY /conditions",
      // patterns
      "matches|\"(\"|BAD_REGEX /conditions/value",
      "matches|\"[a-\"|BAD_REGEX /conditions/value",
      "matches|3|WRONG_VALUE_TYPE /conditions/value",
      // sizes are whole numbers, 0 or more
      "size_eq|-1|BAD_LITERAL /conditions/value",
      "size_gt|1.5|BAD_LITERAL /conditions/value",
      "size_lt|\"2\"|BAD_LITERAL /conditions/value",
      "size_lte|3000000000|BAD_LITERAL /conditions/value"})
  void valueShapes(String op, String value, String expected) {
    assertErrors(errors(field(op, value)), expected);
  }

  @Test
  void aPatternOfMoreThan256CharactersIsRefused() {
    assertTrue(test(field("matches", "\"" + "a".repeat(256) + "\"")).values().size() == 1);
    ValidationError e = only(errors(field("matches", "\"" + "a".repeat(257) + "\"")),
        "BAD_REGEX /conditions/value");
    assertTrue(e.message().contains("257"), e.message());
  }

  @Test
  void theOperatorIsRequiredAndKnown() {
    only(errors("{\"field\": \"f\", \"value\": 1}"), "MISSING_KEY /conditions");
    ValidationError e = only(errors(field("equals", "1")), "UNKNOWN_OPERATOR /conditions/op");
    assertTrue(e.message().contains(FieldOp.names()), e.message());
    only(errors("{\"field\": \"f\", \"op\": 3, \"value\": 1}"), "UNKNOWN_OPERATOR /conditions/op");
    only(errors("{\"field\": \"f\", \"op\": \"EQ\", \"value\": 1}"),
        "UNKNOWN_OPERATOR /conditions/op");
  }

  @Test
  void theFieldIsANonEmptyString() {
    // without the field key the object has no kind at all
    only(errors("{\"op\": \"exists\"}"), "UNKNOWN_KIND /conditions");
    only(errors("{\"field\": \"\", \"op\": \"exists\"}"), "WRONG_VALUE_TYPE /conditions/field");
    only(errors("{\"field\": [\"a\"], \"op\": \"exists\"}"), "WRONG_VALUE_TYPE /conditions/field");
  }

  @Test
  void ignoreCaseIsABooleanOnStringTestsOnly() {
    assertTrue(test("{\"field\": \"f\", \"op\": \"eq\", \"value\": \"a\", \"ignore_case\": true}")
        .ignoreCase());
    assertTrue(!test("{\"field\": \"f\", \"op\": \"exists\", \"ignore_case\": false}")
        .ignoreCase());
    only(errors("{\"field\": \"f\", \"op\": \"eq\", \"value\": \"a\", \"ignore_case\": \"yes\"}"),
        "WRONG_VALUE_TYPE /conditions/ignore_case");
    only(errors("{\"field\": \"f\", \"op\": \"has\", \"value\": \"a\", \"ignore_case\": true}"),
        "WRONG_VALUE_TYPE /conditions/ignore_case");
    only(errors("{\"field\": \"f\", \"op\": \"eq\", \"value\": \"a\", \"ignorecase\": true}"),
        "UNKNOWN_KEY /conditions/ignorecase");
  }

  @Test
  void aPatternIsCompiledWithIgnoreCase() {
    // valid either way, and reported once when invalid
    assertTrue(test("{\"field\": \"f\", \"op\": \"matches\", \"value\": \"^b\", \"ignore_case\":"
        + " true}").ignoreCase());
    only(errors("{\"field\": \"f\", \"op\": \"matches\", \"value\": \"*\", \"ignore_case\": true}"),
        "BAD_REGEX /conditions/value");
  }
}
