package org.sparksegments.conditions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;
import static org.sparksegments.conditions.fixture.Check.only;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.AllOf;
import org.sparksegments.conditions.model.AnyOf;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Not;
import org.sparksegments.conditions.model.SegmentRef;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;

/**
 * The condition tree: one kind key per object, each kind read into its model, unknown and
 * repeated kinds, unknown keys beside a kind, where trees, and the depth and size limits.
 */
class ConditionKindsTest {

  static Parsed parse(String conditions) {
    return SegmentParser.parseText("doc.json",
        "{\"id\": \"a\", \"database\": \"shop\", \"conditions\": " + conditions + "}").get(0);
  }

  static List<ValidationError> errors(String conditions) {
    return parse(conditions).errors();
  }

  static Condition condition(String conditions) {
    Parsed p = parse(conditions);
    assertTrue(p.ok(), p.errors().toString());
    return p.segment().conditions().orElseThrow();
  }

  /** One well-formed condition of every kind key of the language, and its model. */
  static Stream<Arguments> kinds() {
    String leaf = "{\"field\": \"age\", \"op\": \"exists\"}";
    return Stream.of(
        Arguments.of("all", "{\"all\": [" + leaf + ", " + leaf + "]}", AllOf.class),
        Arguments.of("any", "{\"any\": [" + leaf + "]}", AnyOf.class),
        Arguments.of("not", "{\"not\": " + leaf + "}", Not.class),
        Arguments.of("field", leaf, FieldTest.class),
        Arguments.of("event", "{\"event\": \"purchase\", \"op\": \"exists\"}", EventTest.class),
        Arguments.of("subscription", "{\"subscription\": \"email\", \"op\": \"active\"}",
            SubscriptionTest.class),
        Arguments.of("segment", "{\"segment\": \"b\", \"op\": \"in\"}", SegmentRef.class),
        Arguments.of("static_segment", "{\"static_segment\": \"vip-list\", \"op\": \"in\"}",
            StaticSegmentTest.class),
        Arguments.of("external", "{\"external\": \"crm\", \"op\": \"exists\"}",
            ExternalTest.class),
        Arguments.of("conditions_of", "{\"conditions_of\": \"b\"}", ConditionsOf.class),
        Arguments.of("sequence", "{\"sequence\": [{\"event\": \"sent\"}, {\"event\": \"opened\"}]}",
            Sequence.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void everyKindKeyIsReadIntoItsModel(String kind, String json, Class<?> model) {
    Condition c = condition(json);
    assertInstanceOf(model, c);
    assertEquals("/conditions", c.pointer());
  }

  @Test
  void theKindListIsTheLanguagesList() {
    assertEquals(kinds().map(a -> a.get()[0]).toList(), ConditionParser.KINDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void anUnknownKeyBesideAnyKindIsReportedAtItsPointer(String kind, String json, Class<?> m) {
    String withExtra = json.substring(0, json.length() - 1) + ", \"colour\": 1}";
    assertErrors(errors(withExtra), "UNKNOWN_KEY /conditions/colour");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aKindWithAnotherKindIsAmbiguous(String kind, String json, Class<?> model) {
    String other = kind.equals("not") ? "\"any\": []" : "\"not\": {}";
    String both = json.substring(0, json.length() - 1) + ", " + other + "}";
    ValidationError e = only(errors(both), "MULTIPLE_KINDS /conditions");
    assertTrue(e.message().contains(kind), e.message());
  }

  @Test
  void anObjectWithoutAKindKey() {
    ValidationError e = only(errors("{\"fieldd\": \"age\", \"op\": \"exists\"}"),
        "UNKNOWN_KIND /conditions");
    assertTrue(e.message().contains("[fieldd, op]"), e.message());
    only(errors("{}"), "UNKNOWN_KIND /conditions");
  }

  @Test
  void conditionsMustBeObjects() {
    only(errors("[{\"field\": \"age\", \"op\": \"exists\"}]"), "NOT_AN_OBJECT /conditions");
    only(errors("\"age > 3\""), "NOT_AN_OBJECT /conditions");
    only(errors("{\"not\": [{\"field\": \"age\", \"op\": \"exists\"}]}"),
        "NOT_AN_OBJECT /conditions/not");
    only(errors("{\"all\": [1]}"), "NOT_AN_OBJECT /conditions/all/0");
  }

  @Test
  void groupsNeedANonEmptyArray() {
    only(errors("{\"all\": []}"), "EMPTY_GROUP /conditions/all");
    only(errors("{\"not\": {\"any\": []}}"), "EMPTY_GROUP /conditions/not/any");
    only(errors("{\"any\": {\"field\": \"age\", \"op\": \"exists\"}}"),
        "WRONG_VALUE_TYPE /conditions/any");
  }

  @Test
  void theGroupsKeepTheirChildrenAndPointers() {
    AllOf all = (AllOf) condition("""
        {"all": [{"field": "age", "op": "exists"},
                 {"any": [{"not": {"field": "city", "op": "exists"}}]}]}""");
    assertEquals(2, all.children().size());
    AnyOf any = (AnyOf) all.children().get(1);
    assertEquals("/conditions/all/1", any.pointer());
    Not not = (Not) any.children().get(0);
    assertEquals("/conditions/all/1/any/0", not.pointer());
    assertEquals("/conditions/all/1/any/0/not", not.child().pointer());
  }

  @Test
  void everyBadBranchIsReportedAtOnce() {
    assertErrors(errors("""
        {"all": [{"field": "age", "op": "nope"},
                 {"any": [{"bogus": 1}, {"field": "city", "op": "exists", "value": 1}]},
                 {"not": {"all": []}},
                 {"event": "x", "op": "exists", "segment": "b"}]}"""),
        "UNKNOWN_OPERATOR /conditions/all/0/op",
        "UNKNOWN_KIND /conditions/all/1/any/0",
        "WRONG_VALUE_TYPE /conditions/all/1/any/1/value",
        "EMPTY_GROUP /conditions/all/2/not/all",
        "MULTIPLE_KINDS /conditions/all/3");
  }

  @Test
  void whereHoldsFieldTestsOnly() {
    only(errors("""
        {"event": "purchase", "op": "exists",
         "where": {"all": [{"field": "value", "op": "gt", "value": 3},
                           {"segment": "b", "op": "in"}]}}"""),
        "KIND_NOT_ALLOWED /conditions/where/all/1/segment");
    only(errors("""
        {"external": "crm", "op": "exists", "where": {"event": "x", "op": "exists"}}"""),
        "KIND_NOT_ALLOWED /conditions/where/event");
    only(errors("""
        {"sequence": [{"event": "sent"},
                      {"event": "opened", "where": {"not": {"conditions_of": "b"}}}]}"""),
        "KIND_NOT_ALLOWED /conditions/sequence/1/where/not/conditions_of");
  }

  private static String nots(int n, String leaf) {
    return "{\"not\": ".repeat(n) + leaf + "}".repeat(n);
  }

  @Test
  void depth32IsAllowedAnd33IsNot() {
    String leaf = "{\"field\": \"age\", \"op\": \"exists\"}";
    assertTrue(parse(nots(31, leaf)).ok());
    only(errors(nots(32, leaf)), "TOO_DEEP /conditions" + "/not".repeat(32));
  }

  @Test
  void theDepthContinuesIntoWhereTrees() {
    // the event at depth 1, its where at depth 2: 30 nots there put the leaf at depth 32
    String leaf = "{\"field\": \"value\", \"op\": \"exists\"}";
    assertTrue(parse("{\"event\": \"x\", \"op\": \"exists\", \"where\": " + nots(30, leaf) + "}")
        .ok());
    only(errors("{\"event\": \"x\", \"op\": \"exists\", \"where\": " + nots(31, leaf) + "}"),
        "TOO_DEEP /conditions/where" + "/not".repeat(31));
  }

  @Test
  void tenThousandNodesAreAllowedAndOneMoreIsNot() {
    StringBuilder any = new StringBuilder("{\"any\": [");
    for (int i = 0; i < 9_999; i++) {
      any.append(i == 0 ? "" : ", ").append("{\"field\": \"age\", \"op\": \"eq\", \"value\": ")
          .append(i).append('}');
    }
    assertTrue(parse(any + "]}").ok());
    only(errors(any + ", {\"field\": \"age\", \"op\": \"exists\"}]}"),
        "TOO_MANY_NODES /conditions");
  }
}
