package org.sparksegments.conditions.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;
import static org.sparksegments.conditions.fixture.Check.only;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.fixture.Check;
import org.sparksegments.conditions.fixture.Databases;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Segment;

/**
 * References between segments, resolved through a {@link SegmentResolver}: {@code segment}
 * membership and {@code conditions_of} imports; unknown segments, other databases, cycles, and
 * references to segments whose documents are invalid.
 */
class SegmentReferencesTest {

  private static Segment model(String json) {
    Parsed p = SegmentParser.parseText("other.json", json).get(0);
    assertTrue(p.ok(), p.errors().toString());
    return p.segment();
  }

  /** A resolver over hand-made segments, each parsed without problems. */
  private static SegmentResolver resolver(Segment... segments) {
    return id -> List.of(segments).stream().filter(s -> s.id().equals(id)).findFirst()
        .map(s -> new SegmentResolver.Found(s, true));
  }

  private static Binder.Result bind(String json, SegmentResolver resolver) {
    return Binder.bind(model(json), Databases.shop(), resolver);
  }

  @Test
  void aReferenceToAKnownSegmentIsBoundAsMembership() {
    Segment vip = model("{\"id\": \"vip\", \"database\": \"shop\"}");
    Binder.Result r = bind("""
        {"id": "a", "database": "shop",
         "conditions": {"all": [{"segment": "vip", "op": "in"}, {"segment": "vip", "op": "not_in"}]}}""",
        resolver(vip));
    assertTrue(r.ok(), r.errors().toString());
    BoundCondition.All all = (BoundCondition.All) r.segment().condition().orElseThrow();
    assertEquals(List.of(new BoundCondition.SegmentMember("vip", true),
        new BoundCondition.SegmentMember("vip", false)), all.children());
  }

  @Test
  void withoutAResolverEveryReferenceIsUnknown() {
    Binder.Result r = Binder.bind(model("""
        {"id": "a", "database": "shop", "conditions": {"segment": "vip", "op": "in"}}"""),
        Databases.shop());
    ValidationError e = only(r.errors(), "UNKNOWN_SEGMENT /conditions/segment");
    assertTrue(e.message().contains("'vip'"), e.message());
  }

  @Test
  void anUnknownSegmentIsReportedAtEachReference() {
    assertErrors(Check.sample("""
        {"id": "a", "database": "shop",
         "conditions": {"not": {"any": [{"field": "age", "op": "exists"},
                                        {"segment": "nobody", "op": "in"},
                                        {"conditions_of": "none"}]}}}"""),
        "UNKNOWN_SEGMENT /conditions/not/any/1/segment",
        "UNKNOWN_SEGMENT /conditions/not/any/2/conditions_of");
  }

  @Test
  void aSegmentOnAnotherDatabaseIsAMismatch() {
    ValidationError e = only(Check.sample("""
        [{"id": "a", "database": "shop"},
         {"id": "b", "database": "app", "conditions": {"any": [{"segment": "a", "op": "in"},
                                                             {"field": "level", "op": "exists"}]}}]"""),
        "DATABASE_MISMATCH /1/conditions/any/0/segment");
    assertTrue(e.message().contains("it is on database 'shop' (expected 'app')"), e.message());
    only(Check.sample("""
        [{"id": "a", "database": "shop"},
         {"id": "b", "database": "app", "conditions": {"conditions_of": "a"}}]"""),
        "DATABASE_MISMATCH /1/conditions/conditions_of");
  }

  @Test
  void aCycleIsReportedInEverySegmentOnItWithItsPath() {
    List<ValidationError> errors = Check.sample("""
        [{"id": "a", "database": "shop", "conditions": {"segment": "b", "op": "in"}},
         {"id": "b", "database": "shop", "conditions": {"all": [{"field": "age", "op": "exists"},
                                                              {"segment": "c", "op": "in"}]}},
         {"id": "c", "database": "shop", "conditions": {"not": {"segment": "a", "op": "in"}}},
         {"id": "d", "database": "shop", "conditions": {"segment": "a", "op": "in"}}]""");
    assertErrors(errors, "SEGMENT_CYCLE /0/conditions/segment",
        "SEGMENT_CYCLE /1/conditions/all/1/segment", "SEGMENT_CYCLE /2/conditions/not/segment");
    assertTrue(errors.get(0).message().contains("a -> b -> c -> a"), errors.get(0).message());
    assertTrue(errors.get(1).message().contains("b -> c -> a -> b"), errors.get(1).message());
  }

  @Test
  void aSegmentReferringToItself() {
    only(Check.sample("""
        {"id": "x", "database": "shop", "conditions": {"segment": "x", "op": "not_in"}}"""),
        "SEGMENT_CYCLE /conditions/segment");
    only(Check.sample("""
        {"id": "x", "database": "shop", "conditions": {"conditions_of": "x"}}"""),
        "SEGMENT_CYCLE /conditions/conditions_of");
  }

  @Test
  void importsThatFormACycle() {
    assertErrors(Check.sample("""
        [{"id": "a", "database": "shop", "conditions": {"conditions_of": "b"}},
         {"id": "b", "database": "shop", "conditions": {"not": {"conditions_of": "a"}}}]"""),
        "SEGMENT_CYCLE /0/conditions/conditions_of", "SEGMENT_CYCLE /1/conditions/not/conditions_of");
  }

  @Test
  void aReferenceToASegmentWhoseDocumentIsInvalid() {
    List<ValidationError> errors = Check.sample("""
        [{"id": "a", "database": "shop", "conditions": {"segment": "b", "op": "in"}},
         {"id": "b", "database": "shop", "colour": "red"}]""");
    assertErrors(errors, "INVALID_REFERENCE /0/conditions/segment", "UNKNOWN_KEY /1/colour");
    assertTrue(errors.get(0).message().contains("'b'"), errors.get(0).message());
    // the resolver says whether the other document parsed cleanly
    Segment b = model("{\"id\": \"b\", \"database\": \"shop\"}");
    Binder.Result r = bind("""
        {"id": "a", "database": "shop", "conditions": {"conditions_of": "b"}}""",
        id -> Optional.of(new SegmentResolver.Found(b, false)));
    only(r.errors(), "INVALID_REFERENCE /conditions/conditions_of");
  }

  @Test
  void importingConditionsInlinesTheOtherTree() {
    Segment berlin = model("""
        {"id": "berlin", "database": "shop",
         "conditions": {"field": "city", "op": "eq", "value": "Berlin"}}""");
    Segment everyone = model("{\"id\": \"everyone\", \"database\": \"shop\"}");
    Binder.Result r = bind("""
        {"id": "a", "database": "shop",
         "conditions": {"all": [{"conditions_of": "berlin"}, {"conditions_of": "everyone"}]}}""",
        resolver(berlin, everyone));
    assertTrue(r.ok(), r.errors().toString());
    BoundCondition.All all = (BoundCondition.All) r.segment().condition().orElseThrow();
    BoundCondition.Field city = (BoundCondition.Field) all.children().get(0);
    assertEquals("city", city.field().path());
    assertEquals(List.of(new BoundValue.Exact("Berlin")), city.values());
    // a segment without conditions selects everyone: its conditions are true
    assertEquals(new BoundCondition.Const(true), all.children().get(1));
  }

  @Test
  void importedConditionsWithProblemsMakeOneInvalidReference() {
    List<ValidationError> errors = Check.sample("""
        [{"id": "a", "database": "shop", "conditions": {"conditions_of": "b"}},
         {"id": "b", "database": "shop", "conditions": {"field": "agee", "op": "exists"}}]""");
    assertErrors(errors, "INVALID_REFERENCE /0/conditions/conditions_of",
        "UNKNOWN_FIELD /1/conditions/field");
    assertTrue(errors.get(0).message().contains("UNKNOWN_FIELD at /1/conditions/field"),
        errors.get(0).message());
  }

  @Test
  void importedConditionsAreBoundToTheImportingDatabase() {
    // b reads shop's columns; imported into a segment of app, they are app's unknown fields
    Segment b = model("""
        {"id": "b", "database": "app", "conditions": {"field": "is_vip", "op": "exists"}}""");
    Binder.Result r = Binder.bind(model("""
        {"id": "a", "database": "app", "conditions": {"conditions_of": "b"}}"""),
        Databases.app(), resolver(b));
    ValidationError e = only(r.errors(), "INVALID_REFERENCE /conditions/conditions_of");
    assertTrue(e.message().contains("UNKNOWN_FIELD"), e.message());
  }

  @Test
  void aCycleAtTheEndOfAChainOfTwentyThousandReferencesIsFound() {
    // s0 refers to s19999 and each s(i) to s(i-1): the search walks the whole chain, without
    // a call per link (a recursive walk overflows the stack here) and without a scan per step.
    int n = 20_000;
    Segment[] chain = new Segment[n];
    for (int i = 0; i < n; i++) {
      String target = "s" + (i == 0 ? n - 1 : i - 1);
      chain[i] = model("{\"id\": \"s" + i + "\", \"database\": \"shop\", \"conditions\": "
          + (i % 2 == 0 ? "{\"segment\": \"" + target + "\", \"op\": \"in\"}"
              : "{\"conditions_of\": \"" + target + "\"}") + "}");
    }
    java.util.Map<String, Segment> byId = new java.util.HashMap<>();
    for (Segment s : chain) {
      byId.put(s.id(), s);
    }
    SegmentResolver resolver = id -> Optional.ofNullable(byId.get(id))
        .map(s -> new SegmentResolver.Found(s, true));
    References.Cycle cycle = References.cycleThrough("s0", resolver).orElseThrow();
    assertEquals(n + 1, cycle.path().size());
    assertEquals(List.of("s0", "s" + (n - 1), "s" + (n - 2)), cycle.path().subList(0, 3));
    assertEquals("s0", cycle.path().get(n));
    // Without the closing link there is no cycle.
    byId.put("s0", model("{\"id\": \"s0\", \"database\": \"shop\"}"));
    assertEquals(Optional.empty(), References.cycleThrough("s1", resolver));
  }

  @Test
  void referencesAreListedInDocumentOrder() {
    Segment s = model("""
        {"id": "a", "database": "shop",
         "conditions": {"any": [{"segment": "b", "op": "in"},
                                {"not": {"conditions_of": "c"}},
                                {"event": "x", "op": "exists"}]}}""");
    assertEquals(List.of(new References.Ref("b", "/conditions/any/0/segment", false),
        new References.Ref("c", "/conditions/any/1/not/conditions_of", true)),
        References.of(s.conditions().orElseThrow()));
    Segment b = model("""
        {"id": "b", "database": "shop", "conditions": {"conditions_of": "a"}}""");
    Segment c = model("{\"id\": \"c\", \"database\": \"shop\"}");
    References.Cycle cycle = References.cycleThrough("a", resolver(s, b, c)).orElseThrow();
    assertEquals(List.of("a", "b", "a"), cycle.path());
    assertEquals("/conditions/any/0/segment", cycle.start().pointer());
    assertEquals(Optional.empty(), References.cycleThrough("c", resolver(s, b, c)));
  }

  @Test
  void theDatabaseMustBeInTheCatalog() {
    ValidationError e = only(Check.errors("{\"id\": \"a\", \"database\": \"shopp\"}",
        Map.of("shop", Databases.shop())), "UNKNOWN_DATABASE /database");
    assertTrue(e.message().contains("expected one of shop"), e.message());
  }
}
