package org.sparksegments.conditions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparksegments.conditions.fixture.Check.assertErrors;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparksegments.conditions.model.Aggregate;
import org.sparksegments.conditions.model.EventOp;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.Literal;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;
import org.sparksegments.conditions.model.Window;

/**
 * The shapes of event tests, windows, sequences and the membership kinds (subscription, segment,
 * static segment, external, conditions_of), before any table is looked at.
 */
class EventAndMembershipShapesTest {

  @Test
  void anEventTestWithEverything() {
    EventTest t = (EventTest) ConditionKindsTest.condition("""
        {"event": ["purchase", "refund"], "channel": "web", "campaign": ["a"], "message": "m1",
         "where": {"field": "value", "op": "gt", "value": 5},
         "window": {"last_days": 30}, "op": "between",
         "aggregate": {"fn": "sum", "of": "value"}, "value": [10, 20.5]}""");
    assertEquals(List.of("purchase", "refund"), t.filter().events());
    assertEquals(List.of("web"), t.filter().channels());
    assertEquals(List.of("a"), t.filter().campaigns());
    assertEquals(List.of("m1"), t.filter().messages());
    assertEquals("/conditions/where", t.filter().where().orElseThrow().pointer());
    assertEquals(Optional.of(new Window.LastDays("/conditions/window", 30)), t.window());
    assertEquals(EventOp.BETWEEN, t.op());
    assertEquals(Optional.of(new Aggregate("/conditions/aggregate", Aggregate.Fn.SUM, "value")),
        t.aggregate());
    assertEquals(List.of(new Literal.Number("/conditions/value/0", new BigDecimal("10")),
        new Literal.Number("/conditions/value/1", new BigDecimal("20.5"))), t.values());
  }

  @Test
  void countsAndDaysAreRead() {
    assertEquals(3, ((EventTest) ConditionKindsTest.condition(
        "{\"event\": \"x\", \"op\": \"at_least\", \"count\": 3}")).count());
    assertEquals(14, ((EventTest) ConditionKindsTest.condition(
        "{\"event\": \"x\", \"op\": \"last_within\", \"days\": 14}")).days());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"op\": \"exists\"}|UNKNOWN_KIND /conditions",
      "{\"event\": [], \"op\": \"exists\"}|WRONG_VALUE_TYPE /conditions/event",
      "{\"event\": \"\", \"op\": \"exists\"}|WRONG_VALUE_TYPE /conditions/event",
      "{\"event\": [\"a\", 1], \"op\": \"exists\"}|WRONG_VALUE_TYPE /conditions/event/1",
      "{\"event\": \"a\", \"channel\": [\"\"], \"op\": \"exists\"}|WRONG_VALUE_TYPE /conditions/channel/0",
      "{\"event\": \"a\"}|MISSING_KEY /conditions",
      "{\"event\": \"a\", \"op\": \"happened\"}|UNKNOWN_OPERATOR /conditions/op",
      "{\"event\": \"a\", \"op\": \"at_least\"}|MISSING_KEY /conditions",
      "{\"event\": \"a\", \"op\": \"at_least\", \"count\": -1}|WRONG_VALUE_TYPE /conditions/count",
      "{\"event\": \"a\", \"op\": \"exactly\", \"count\": 1.5}|WRONG_VALUE_TYPE /conditions/count",
      "{\"event\": \"a\", \"op\": \"exists\", \"count\": 1}|WRONG_VALUE_TYPE /conditions/count",
      "{\"event\": \"a\", \"op\": \"exists\", \"days\": 1}|WRONG_VALUE_TYPE /conditions/days",
      "{\"event\": \"a\", \"op\": \"last_within\"}|MISSING_KEY /conditions",
      "{\"event\": \"a\", \"op\": \"first_within\", \"days\": 100001}|WRONG_VALUE_TYPE /conditions/days",
      "{\"event\": \"a\", \"op\": \"at_most\", \"count\": 1, \"value\": 3}|WRONG_VALUE_TYPE /conditions/value",
      "{\"event\": \"a\", \"op\": \"exists\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"v\"}}|WRONG_VALUE_TYPE /conditions/aggregate",
      "{\"event\": \"a\", \"op\": \"gt\", \"value\": 3}|MISSING_KEY /conditions",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"median\", \"of\": \"v\"}, \"value\": 3}|UNKNOWN_OPERATOR /conditions/aggregate/fn",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"of\": \"v\"}, \"value\": 3}|MISSING_KEY /conditions/aggregate",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"sum\"}, \"value\": 3}|MISSING_KEY /conditions/aggregate",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"v\", \"by\": 1}, \"value\": 3}|UNKNOWN_KEY /conditions/aggregate/by",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": \"sum(v)\", \"value\": 3}|WRONG_VALUE_TYPE /conditions/aggregate",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"v\"}, \"value\": [3]}|WRONG_VALUE_TYPE /conditions/value",
      "{\"event\": \"a\", \"op\": \"between\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"v\"}, \"value\": 3}|WRONG_VALUE_TYPE /conditions/value",
      "{\"event\": \"a\", \"op\": \"between\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"v\"}, \"value\": [1, null]}|WRONG_VALUE_TYPE /conditions/value/1",
      "{\"event\": \"a\", \"op\": \"exists\", \"sort\": 1}|UNKNOWN_KEY /conditions/sort"})
  void badEventTests(String event, String expected) {
    assertErrors(ConditionKindsTest.errors(event), expected);
  }

  private static Window window(String json) {
    EventTest t = (EventTest) ConditionKindsTest.condition(
        "{\"event\": \"a\", \"op\": \"exists\", \"window\": " + json + "}");
    return t.window().orElseThrow();
  }

  @Test
  void theFourWindowForms() {
    String p = "/conditions/window";
    assertEquals(new Window.LastDays(p, 7), window("{\"last_days\": 7}"));
    assertEquals(new Window.DaysAgo(p, 60, 30), window("{\"days_ago\": [60, 30]}"));
    assertEquals(new Window.Dates(p, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1)),
        window("{\"from\": \"2026-01-01\", \"to\": \"2026-01-01\"}"));
    assertEquals(new Window.Instants(p, "2026-01-01T00:00:00Z", "2026-01-02"),
        window("{\"since\": \"2026-01-01T00:00:00Z\", \"until\": \"2026-01-02\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[7]|BAD_WINDOW /conditions/window",
      "{}|BAD_WINDOW /conditions/window",
      "{\"last_days\": 7, \"days_ago\": [2, 1]}|BAD_WINDOW /conditions/window",
      "{\"last_days\": 0}|WRONG_VALUE_TYPE /conditions/window/last_days",
      "{\"last_days\": 100001}|WRONG_VALUE_TYPE /conditions/window/last_days",
      "{\"days_ago\": [30, 60]}|BAD_WINDOW /conditions/window/days_ago",
      "{\"days_ago\": [30, 30]}|BAD_WINDOW /conditions/window/days_ago",
      "{\"days_ago\": 30}|BAD_WINDOW /conditions/window/days_ago",
      "{\"days_ago\": [30, -1]}|WRONG_VALUE_TYPE /conditions/window/days_ago/1",
      "{\"from\": \"2026-02-01\", \"to\": \"2026-01-01\"}|BAD_WINDOW /conditions/window/to",
      "{\"from\": \"2026-02-30\", \"to\": \"2026-03-01\"}|BAD_WINDOW /conditions/window/from",
      "{\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-03-01\"}|BAD_WINDOW /conditions/window/from",
      "{\"from\": \"2026-01-01\"}|BAD_WINDOW /conditions/window",
      "{\"since\": \"2026-01-01\"}|BAD_WINDOW /conditions/window",
      "{\"since\": {\"days_ago\": 3}, \"until\": \"2026-01-01\"}|BAD_WINDOW /conditions/window/since",
      "{\"last_days\": 3, \"step\": 1}|UNKNOWN_KEY /conditions/window/step"})
  void badWindows(String window, String expected) {
    assertErrors(ConditionKindsTest.errors(
        "{\"event\": \"a\", \"op\": \"exists\", \"window\": " + window + "}"), expected);
  }

  @Test
  void aSequenceHasTwoToThirtySteps() {
    Sequence s = (Sequence) ConditionKindsTest.condition("""
        {"sequence": [{"event": "sent"}, {"event": "opened", "channel": "email",
                       "where": {"field": "url", "op": "exists"}}],
         "within_days": 3, "window": {"last_days": 30}}""");
    assertEquals(2, s.steps().size());
    assertEquals("/conditions/sequence/1", s.steps().get(1).pointer());
    assertEquals(3, s.withinDays());
    String step = "{\"event\": \"e\"}";
    String thirty = String.join(", ", java.util.Collections.nCopies(30, step));
    assertEquals(30, ((Sequence) ConditionKindsTest.condition("{\"sequence\": [" + thirty
        + "]}")).steps().size());
    assertErrors(ConditionKindsTest.errors("{\"sequence\": [" + thirty + ", " + step + "]}"),
        "WRONG_VALUE_TYPE /conditions/sequence");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"sequence\": [{\"event\": \"a\"}]}|WRONG_VALUE_TYPE /conditions/sequence",
      "{\"sequence\": {\"event\": \"a\"}}|WRONG_VALUE_TYPE /conditions/sequence",
      "{\"sequence\": [{\"event\": \"a\"}, \"b\"]}|NOT_AN_OBJECT /conditions/sequence/1",
      "{\"sequence\": [{\"event\": \"a\"}, {\"channel\": \"b\"}]}|MISSING_KEY /conditions/sequence/1",
      "{\"sequence\": [{\"event\": \"a\", \"window\": {\"last_days\": 1}}, {\"event\": \"b\"}]}|UNKNOWN_KEY /conditions/sequence/0/window",
      "{\"sequence\": [{\"event\": \"a\", \"op\": \"exists\"}, {\"event\": \"b\"}]}|UNKNOWN_KEY /conditions/sequence/0/op",
      "{\"sequence\": [{\"event\": \"a\"}, {\"event\": \"b\"}], \"within_days\": -1}|WRONG_VALUE_TYPE /conditions/within_days",
      "{\"sequence\": [{\"event\": \"a\"}, {\"event\": \"b\"}], \"window\": {}}|BAD_WINDOW /conditions/window"})
  void badSequences(String sequence, String expected) {
    assertErrors(ConditionKindsTest.errors(sequence), expected);
  }

  @Test
  void membershipKindsAreRead() {
    SubscriptionTest sub = (SubscriptionTest) ConditionKindsTest.condition("""
        {"subscription": ["email", "sms"], "resource": "news", "op": "status_in",
         "value": ["active", "bounced"]}""");
    assertEquals(List.of("email", "sms"), sub.channels());
    assertEquals(List.of("news"), sub.resources());
    assertEquals(SubscriptionTest.Op.STATUS_IN, sub.op());
    assertEquals(List.of("active", "bounced"), sub.statuses());
    StaticSegmentTest st = (StaticSegmentTest) ConditionKindsTest.condition("""
        {"static_segment": "vip-list", "op": "ever_in", "window": {"last_days": 90}}""");
    assertEquals(StaticSegmentTest.Op.EVER_IN, st.op());
    assertEquals(Optional.of(new Window.LastDays("/conditions/window", 90)), st.window());
    ExternalTest ext = (ExternalTest) ConditionKindsTest.condition("""
        {"external": "crm", "op": "not_exists",
         "where": {"field": "tier", "op": "eq", "value": "gold"}}""");
    assertEquals("crm", ext.table());
    assertEquals(false, ext.exists());
    assertEquals("/conditions/where", ext.where().orElseThrow().pointer());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"subscription\": \"email\"}|MISSING_KEY /conditions",
      "{\"subscription\": \"email\", \"op\": \"subscribed\"}|UNKNOWN_OPERATOR /conditions/op",
      "{\"subscription\": [], \"op\": \"active\"}|WRONG_VALUE_TYPE /conditions/subscription",
      "{\"subscription\": \"email\", \"op\": \"status_in\"}|MISSING_KEY /conditions",
      "{\"subscription\": \"email\", \"op\": \"status_in\", \"value\": \"active\"}|WRONG_VALUE_TYPE /conditions/value",
      "{\"subscription\": \"email\", \"op\": \"status_in\", \"value\": [\"active\", \"gone\"]}|BAD_LITERAL /conditions/value/1",
      "{\"subscription\": \"email\", \"op\": \"active\", \"value\": [\"active\"]}|WRONG_VALUE_TYPE /conditions/value",
      "{\"subscription\": \"email\", \"resource\": 3, \"op\": \"none\"}|WRONG_VALUE_TYPE /conditions/resource",
      "{\"segment\": \"b\"}|MISSING_KEY /conditions",
      "{\"segment\": \"b\", \"op\": \"member\"}|UNKNOWN_OPERATOR /conditions/op",
      "{\"segment\": 3, \"op\": \"in\"}|WRONG_VALUE_TYPE /conditions/segment",
      "{\"segment\": \"\", \"op\": \"in\"}|WRONG_VALUE_TYPE /conditions/segment",
      "{\"static_segment\": \"s\", \"op\": \"ever\"}|UNKNOWN_OPERATOR /conditions/op",
      "{\"static_segment\": \"s\", \"op\": \"in\", \"window\": {\"last_days\": 3}}|WRONG_VALUE_TYPE /conditions/window",
      "{\"static_segment\": \"s\", \"op\": \"never_in\", \"window\": {\"last_days\": 0}}|WRONG_VALUE_TYPE /conditions/window/last_days",
      "{\"static_segment\": null, \"op\": \"in\"}|WRONG_VALUE_TYPE /conditions/static_segment",
      "{\"external\": \"crm\", \"op\": \"in\"}|UNKNOWN_OPERATOR /conditions/op",
      "{\"external\": \"crm\"}|MISSING_KEY /conditions",
      "{\"external\": \"crm\", \"op\": \"exists\", \"where\": {\"segment\": \"b\", \"op\": \"in\"}}|KIND_NOT_ALLOWED /conditions/where/segment",
      "{\"conditions_of\": 1}|WRONG_VALUE_TYPE /conditions/conditions_of"})
  void badMembershipConditions(String condition, String expected) {
    assertErrors(ConditionKindsTest.errors(condition), expected);
  }
}
