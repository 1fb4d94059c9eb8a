package org.sparksegments.conditions.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;
import static org.sparksegments.conditions.fixture.Check.only;
import static org.sparksegments.conditions.fixture.Types.col;
import static org.sparksegments.conditions.fixture.Types.ntz;
import static org.sparksegments.conditions.fixture.Types.string;
import static org.sparksegments.conditions.fixture.Types.table;
import static org.sparksegments.conditions.fixture.Types.timestamp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.fixture.Check;
import org.sparksegments.conditions.fixture.Databases;
import org.sparksegments.conditions.fixture.MapTables;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Aggregate;

/**
 * Conditions on the other tables of a database, bound against the hand-written shop schema:
 * events (filters, where, aggregates, windows), sequences, subscriptions, static segments and
 * external tables; and what a database without such a table, or with a bad one, gives.
 */
class TableBindingTest {

  static String segment(String database, String conditions) {
    return "{\"id\": \"s\", \"database\": \"" + database + "\", \"conditions\": " + conditions
        + "}";
  }

  static List<ValidationError> shop(String conditions) {
    return Check.sample(segment("shop", conditions));
  }

  static BoundCondition bound(DatabaseView db, String conditions) {
    Parsed p = SegmentParser.parseText("doc.json", segment(db.name(), conditions)).get(0);
    assertTrue(p.ok(), p.errors().toString());
    Binder.Result r = Binder.bind(p.segment(), db);
    assertTrue(r.ok(), r.errors().toString());
    return r.segment().condition().orElseThrow();
  }

  @Test
  void anEventTestIsBoundWithItsWhereAndAggregate() {
    BoundCondition.Event e = (BoundCondition.Event) bound(Databases.shop(), """
        {"event": "purchase", "where": {"field": "utm_source", "op": "eq", "value": "google"},
         "op": "gte", "aggregate": {"fn": "sum", "of": "value"}, "value": 100}""");
    assertEquals(Optional.of(Aggregate.Fn.SUM), e.aggregate());
    assertEquals("value", e.aggregateOf().orElseThrow().path());
    assertEquals(List.of(new BoundValue.Exact(100.0)), e.values());
    BoundCondition.Field where = (BoundCondition.Field) e.filter().where().orElseThrow();
    assertEquals("utm_source", where.field().path());
  }

  @Test
  void theAggregatesResultTypeConvertsTheValue() {
    // count_distinct counts: a whole number, whatever the column
    BoundCondition.Event e = (BoundCondition.Event) bound(Databases.shop(), """
        {"event": "page_view", "op": "gt", "aggregate": {"fn": "count_distinct", "of": "url"},
         "value": 3}""");
    assertEquals(List.of(new BoundValue.Exact(3L)), e.values());
    // max of a timestamp compares with instants
    e = (BoundCondition.Event) bound(Databases.shop(), """
        {"event": "sent", "op": "lt", "aggregate": {"fn": "max", "of": "ts"},
         "value": "2026-01-01T00:00:00Z"}""");
    assertEquals(List.of(new BoundValue.Exact(Instant.parse("2026-01-01T00:00:00Z"))),
        e.values());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"event\": \"a\", \"op\": \"exists\", \"where\": {\"field\": \"amount\", \"op\": \"exists\"}}|UNKNOWN_FIELD /conditions/where/field",
      "{\"event\": \"a\", \"op\": \"exists\", \"where\": {\"field\": \"value\", \"op\": \"contains\", \"value\": \"1\"}}|TYPE_MISMATCH /conditions/where/op",
      "{\"event\": \"a\", \"op\": \"exists\", \"where\": {\"field\": \"value\", \"op\": \"gt\", \"value\": \"1\"}}|BAD_LITERAL /conditions/where/value",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"amount\"}, \"value\": 1}|UNKNOWN_FIELD /conditions/aggregate/of",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"url\"}, \"value\": 1}|TYPE_MISMATCH /conditions/aggregate/fn",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"avg\", \"of\": \"ts\"}, \"value\": 1}|TYPE_MISMATCH /conditions/aggregate/fn",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"value\"}, \"value\": \"1\"}|BAD_LITERAL /conditions/value",
      "{\"event\": \"a\", \"op\": \"gt\", \"aggregate\": {\"fn\": \"count_distinct\", \"of\": \"url\"}, \"value\": 1.5}|BAD_LITERAL /conditions/value",
      "{\"event\": \"a\", \"op\": \"between\", \"aggregate\": {\"fn\": \"sum\", \"of\": \"value\"}, \"value\": [5, 1]}|BAD_BETWEEN /conditions/value",
      "{\"event\": \"a\", \"op\": \"exists\", \"window\": {\"since\": \"2026-01-02\", \"until\": \"2026-01-01\"}}|BAD_WINDOW /conditions/window/until",
      "{\"event\": \"a\", \"op\": \"exists\", \"window\": {\"since\": \"2026-01-01\", \"until\": \"2026-01-01\"}}|BAD_WINDOW /conditions/window/until",
      "{\"event\": \"a\", \"op\": \"exists\", \"window\": {\"since\": \"soon\", \"until\": \"2026-01-01\"}}|BAD_WINDOW /conditions/window/since",
      "{\"sequence\": [{\"event\": \"a\"}, {\"event\": \"b\", \"where\": {\"field\": \"urll\", \"op\": \"exists\"}}]}|UNKNOWN_FIELD /conditions/sequence/1/where/field",
      "{\"sequence\": [{\"event\": \"a\"}, {\"event\": \"b\"}], \"window\": {\"since\": \"x\", \"until\": \"2026-01-01\"}}|BAD_WINDOW /conditions/window/since",
      "{\"static_segment\": \"vip-list\", \"op\": \"ever_in\", \"window\": {\"since\": \"2026-01-02\", \"until\": \"2026-01-01\"}}|BAD_WINDOW /conditions/window/until",
      "{\"external\": \"crm\", \"op\": \"exists\", \"where\": {\"field\": \"level\", \"op\": \"exists\"}}|UNKNOWN_FIELD /conditions/where/field",
      "{\"external\": \"crm\", \"op\": \"exists\", \"where\": {\"field\": \"crm_score\", \"op\": \"gt\", \"value\": \"high\"}}|BAD_LITERAL /conditions/where/value",
      "{\"external\": \"erp\", \"op\": \"exists\"}|UNKNOWN_TABLE /conditions/external"})
  void problemsInTheOtherTables(String conditions, String expected) {
    only(shop(conditions), expected);
  }

  @Test
  void unknownFieldsNameTheirTable() {
    ValidationError e = only(shop("""
        {"event": "a", "op": "exists", "where": {"field": "urll", "op": "exists"}}"""),
        "UNKNOWN_FIELD /conditions/where/field");
    assertTrue(e.message().contains("in the events table (did you mean url?)"), e.message());
    e = only(shop("""
        {"external": "crm", "op": "exists", "where": {"field": "teir", "op": "exists"}}"""),
        "UNKNOWN_FIELD /conditions/where/field");
    assertTrue(e.message().contains("in the external table crm table (did you mean tier?)"),
        e.message());
  }

  @Test
  void windowsAreResolvedInTheDatabasesZone() {
    BoundCondition.Event e = (BoundCondition.Event) bound(Databases.shop(), """
        {"event": "a", "op": "exists",
         "window": {"since": "2026-06-01", "until": "2026-06-01T12:00:00"}}""");
    // Europe/Berlin is UTC+2 in June: local midnight and noon
    assertEquals(Optional.of(new BoundWindow.Instants(Instant.parse("2026-05-31T22:00:00Z"),
        Instant.parse("2026-06-01T10:00:00Z"))), e.window());
    e = (BoundCondition.Event) bound(Databases.app(), """
        {"event": "a", "op": "exists",
         "window": {"since": "2026-06-01", "until": "2026-06-01T12:00:00+02:00"}}""");
    assertEquals(Optional.of(new BoundWindow.Instants(Instant.parse("2026-06-01T00:00:00Z"),
        Instant.parse("2026-06-01T10:00:00Z"))), e.window());
    e = (BoundCondition.Event) bound(Databases.shop(), """
        {"event": "a", "op": "exists", "window": {"from": "2026-01-01", "to": "2026-01-31"}}""");
    assertEquals(Optional.of(new BoundWindow.Dates(LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 1, 31))), e.window());
    e = (BoundCondition.Event) bound(Databases.shop(), """
        {"event": "a", "op": "exists", "window": {"days_ago": [60, 30]}}""");
    assertEquals(Optional.of(new BoundWindow.DaysAgo(60, 30)), e.window());
  }

  @Test
  void membershipConditionsBind() {
    assertEquals(new BoundCondition.Subscription(List.of("email"), List.of(),
        org.sparksegments.conditions.model.SubscriptionTest.Op.ACTIVE, List.of()),
        bound(Databases.shop(), "{\"subscription\": \"email\", \"op\": \"active\"}"));
    BoundCondition.StaticMember st = (BoundCondition.StaticMember) bound(Databases.shop(),
        "{\"static_segment\": \"vip-list\", \"op\": \"ever_in\", \"window\": {\"last_days\": 9}}");
    assertEquals(Optional.of(new BoundWindow.LastDays(9)), st.window());
    BoundCondition.External ext = (BoundCondition.External) bound(Databases.shop(),
        "{\"external\": \"crm\", \"op\": \"exists\","
            + " \"where\": {\"field\": \"tier\", \"op\": \"eq\", \"value\": \"gold\"}}");
    assertEquals("email", ext.key());
    assertEquals("email", ext.profileField().path());
  }

  /** A database whose only table is profiles: every other table is unknown. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"event\": \"a\", \"op\": \"exists\"}|UNKNOWN_TABLE /conditions/event",
      "{\"sequence\": [{\"event\": \"a\"}, {\"event\": \"b\"}]}|UNKNOWN_TABLE /conditions/sequence",
      "{\"subscription\": \"email\", \"op\": \"none\"}|UNKNOWN_TABLE /conditions/subscription",
      "{\"static_segment\": \"s\", \"op\": \"left\"}|UNKNOWN_TABLE /conditions/static_segment",
      "{\"external\": \"crm\", \"op\": \"exists\"}|UNKNOWN_TABLE /conditions/external",
      "{\"not\": {\"any\": [{\"field\": \"age\", \"op\": \"exists\"}, {\"event\": \"a\", \"op\": \"exists\"}]}}|UNKNOWN_TABLE /conditions/not/any/1/event"})
  void aDatabaseWithoutTheTable(String conditions, String expected) {
    ValidationError e = only(Check.fx(segment("fx", conditions)), expected);
    assertTrue(e.message().contains("database 'fx'"), e.message());
  }

  @Test
  void theSampleAppDatabaseHasNoExternalTable() {
    only(Check.sample(segment("app", "{\"external\": \"crm\", \"op\": \"exists\"}")),
        "UNKNOWN_TABLE /conditions/external");
  }

  private static DatabaseView shopWith(MapTables tables) {
    return new DatabaseView("shop", "profile_id", ZoneId.of("Europe/Berlin"),
        Databases.shopProfiles(), tables);
  }

  private static List<ValidationError> on(DatabaseView db, String conditions) {
    return Check.errors(segment("shop", conditions), Map.of("shop", db));
  }

  @Test
  void aTableThatCannotBeReadIsReportedWhereItIsNeeded() {
    DatabaseView db = shopWith(new MapTables().unreadable("events", "no data files")
        .unreadableExternal("crm", "email", "email", "no such folder"));
    ValidationError e = only(on(db, "{\"all\": [{\"event\": \"a\", \"op\": \"exists\"},"
        + " {\"field\": \"age\", \"op\": \"exists\"}]}"), "UNREADABLE_TABLE /conditions/all/0/event");
    assertTrue(e.message().contains("no data files"), e.message());
    only(on(db, "{\"external\": \"crm\", \"op\": \"exists\"}"),
        "UNREADABLE_TABLE /conditions/external");
  }

  @Test
  void aTableWithoutItsRequiredColumnsIsBad() {
    DatabaseView db = shopWith(new MapTables()
        .with("events", table(col("profile_id", string()), col("event", string())))
        .with("subscriptions", table(col("channel", string()), col("resource", string()),
            col("status", string()), col("updated_at", timestamp())))
        .with("static_segments", table(col("segment", string()), col("profile_id", string()),
            col("added_at", ntz()), col("removed_at", timestamp())))
        .external("crm", table(col("mail", string())), "email", "email"));
    ValidationError e = only(on(db, "{\"event\": \"a\", \"op\": \"exists\"}"),
        "BAD_TABLE /conditions/event");
    assertTrue(e.message().contains("[channel, campaign, message, ts]"), e.message());
    e = only(on(db, "{\"subscription\": \"email\", \"op\": \"active\"}"),
        "BAD_TABLE /conditions/subscription");
    assertTrue(e.message().contains("[profile_id]"), e.message());
    e = only(on(db, "{\"static_segment\": \"s\", \"op\": \"in\"}"),
        "BAD_TABLE /conditions/static_segment");
    assertTrue(e.message().contains("added_at as timestamp (found timestamp_ntz)"), e.message());
    only(on(db, "{\"external\": \"crm\", \"op\": \"exists\"}"), "BAD_TABLE /conditions/external");
  }

  @Test
  void anExternalTablesProfileFieldMustExist() {
    DatabaseView db = shopWith(new MapTables().external("crm", Databases.crm(), "email",
        "mail"));
    ValidationError e = only(on(db, "{\"external\": \"crm\", \"op\": \"exists\"}"),
        "UNKNOWN_FIELD /conditions/external");
    assertTrue(e.message().contains("did you mean email?"), e.message());
  }
}
