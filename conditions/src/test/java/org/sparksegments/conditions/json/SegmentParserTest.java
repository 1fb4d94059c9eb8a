package org.sparksegments.conditions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;
import static org.sparksegments.conditions.fixture.Check.only;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Segment;

/** The segment document's own shape: JSON syntax, files of one or many segments, ids, keys. */
class SegmentParserTest {

  private static List<Parsed> parse(String text) {
    return SegmentParser.parseText("doc.json", text);
  }

  private static List<ValidationError> errors(String text) {
    return parse(text).stream().flatMap(p -> p.errors().stream()).toList();
  }

  @Test
  void aMinimalSegmentParses() {
    List<Parsed> parsed = parse("{\"id\": \"vip-1\", \"database\": \"shop\"}");
    assertEquals(1, parsed.size());
    Parsed p = parsed.get(0);
    assertTrue(p.ok(), p.errors().toString());
    assertEquals("", p.pointerPrefix());
    Segment s = p.segment();
    assertEquals("vip-1", s.id());
    assertEquals("shop", s.database());
    assertEquals("doc.json", s.source());
    assertTrue(s.conditions().isEmpty());
    assertEquals(0, s.limit().max());
  }

  @Test
  void theOptionalKeysAreRead() {
    Segment s = parse("""
        {"id": "a", "database": "shop", "name": "A", "description": "all of them",
         "tags": ["x", "y"]}""").get(0).segment();
    assertEquals("A", s.name().orElseThrow());
    assertEquals("all of them", s.description().orElseThrow());
    assertEquals(List.of("x", "y"), s.tags());
  }

  @Test
  void malformedJsonNamesLineAndColumnAtTheRoot() {
    // the second comma of line 3 is at column 20
    ValidationError e = only(errors("{\n  \"id\": \"a\",\n  \"database\": \"fx\",,\n}"),
        "MALFORMED_JSON ");
    assertTrue(e.message().contains("line 3, column 20"), e.message());
    assertEquals("doc.json", e.file());
    assertNull(e.segmentId());
  }

  @Test
  void anUnterminatedStringIsMalformed() {
    ValidationError e = only(errors("{\"id\": \"a"), "MALFORMED_JSON ");
    assertTrue(e.message().startsWith("Cannot parse JSON at line 1, column "), e.message());
  }

  @Test
  void trailingTextAfterTheDocumentIsMalformed() {
    only(errors("{\"id\": \"a\", \"database\": \"fx\"} {}"), "MALFORMED_JSON ");
  }

  @Test
  void aKeyWrittenTwiceIsMalformed() {
    // strict duplicate detection: the second value must not silently win
    ValidationError e = only(errors("{\"id\": \"a\", \"id\": \"b\", \"database\": \"fx\"}"),
        "MALFORMED_JSON ");
    assertTrue(e.message().contains("id"), e.message());
  }

  @Test
  void anEmptyDocumentIsMalformed() {
    ValidationError e = only(errors("  \n"), "MALFORMED_JSON ");
    assertTrue(e.message().contains("empty"), e.message());
  }

  @Test
  void aDocumentThatIsNotAnObjectOrArray() {
    List<Parsed> parsed = parse("\"segment\"");
    only(parsed.get(0).errors(), "NOT_AN_OBJECT ");
    assertNull(parsed.get(0).segment());
  }

  @Test
  void anEmptyArrayHasNoSegment() {
    only(errors("[]"), "NOT_AN_OBJECT ");
  }

  @Test
  void anArrayFileGivesOneEntryPerSegmentWithIndexedPointers() {
    List<Parsed> parsed = parse("""
        [
          {"id": "a", "database": "fx"},
          {"id": "b", "database": "fx", "conditions": {"field": "city", "op": "exists"}},
          {"id": "c", "database": "fx", "colour": 1,
           "conditions": {"all": [{"field": "city", "op": "exists"},
                                  {"field": "city", "op": "nope"}]}},
          7
        ]""");
    assertEquals(4, parsed.size());
    assertEquals(List.of("/0", "/1", "/2", "/3"),
        parsed.stream().map(Parsed::pointerPrefix).toList());
    assertTrue(parsed.get(0).ok());
    assertTrue(parsed.get(1).ok());
    assertErrors(parsed.get(2).errors(), "UNKNOWN_KEY /2/colour",
        "UNKNOWN_OPERATOR /2/conditions/all/1/op");
    assertEquals("c", parsed.get(2).errors().get(0).segmentId());
    only(parsed.get(3).errors(), "NOT_AN_OBJECT /3");
    // the model keeps the array's pointers, so the binder's problems are located in the file
    assertEquals("/1/conditions", parsed.get(1).segment().conditions().orElseThrow().pointer());
  }

  @Test
  void idsThatDifferOnlyInCaseAreDuplicates() {
    String text = """
        [{"id": "Berlin", "database": "fx"}, {"id": "berlin", "database": "fx"},
         {"id": "BERLIN", "database": "fx"}, {"id": "berlin-2", "database": "fx"}]""";
    List<Parsed> parsed = parse(text);
    assertErrors(errors(text), "DUPLICATE_ID /1/id", "DUPLICATE_ID /2/id");
    String m = parsed.get(1).errors().get(0).message();
    assertTrue(m.contains("'berlin'") && m.contains("'Berlin'") && m.contains("case"), m);
  }

  @Test
  void aRepeatedIdIsReportedAtEachLaterOccurrence() {
    String text = """
        [{"id": "a", "database": "fx"}, {"id": "b", "database": "fx"},
         {"id": "a", "database": "fx"}, {"id": "a", "database": "fx"}]""";
    List<Parsed> parsed = parse(text);
    assertErrors(errors(text), "DUPLICATE_ID /2/id", "DUPLICATE_ID /3/id");
    assertTrue(parsed.get(2).errors().get(0).message().contains("at /0"),
        parsed.get(2).errors().get(0).message());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "a|true",
      "A-b_9|true",
      "a234567890123456789012345678901234567890123456789012345678901234|true",
      "a2345678901234567890123456789012345678901234567890123456789012345|false",
      "with space|false",
      "dot.ted|false",
      "'sl/ash'|false",
      "ümlaut|false",
      "''|false"})
  void segmentIds(String id, boolean valid) {
    assertEquals(valid, SegmentParser.isId(id));
    List<ValidationError> e = errors("{\"id\": \"" + id + "\", \"database\": \"fx\"}");
    if (valid) {
      assertErrors(e);
    } else {
      assertErrors(e, "BAD_ID /id");
    }
  }

  @Test
  void anIdThatIsNotAStringIsBad() {
    List<Parsed> parsed = parse("{\"id\": 12, \"database\": \"fx\"}");
    only(parsed.get(0).errors(), "BAD_ID /id");
    assertNull(parsed.get(0).segment());
  }

  @Test
  void aBadTextualIdStillNamesTheModelSoTheBinderCanReportTheRest() {
    Parsed p = parse("{\"id\": \"bad id\", \"database\": \"fx\"}").get(0);
    only(p.errors(), "BAD_ID /id");
    assertNull(p.id());
    assertNotNull(p.segment());
    assertEquals("bad id", p.segment().id());
  }

  @Test
  void missingIdAndDatabaseAreReportedAtTheSegment() {
    only(errors("{\"database\": \"fx\"}"), "MISSING_KEY ");
    only(errors("{\"id\": \"a\"}"), "MISSING_KEY ");
    // both missing: two problems at the segment's own pointer, one naming each key
    List<ValidationError> e = errors("{}");
    assertEquals(List.of("MISSING_KEY ", "MISSING_KEY "),
        e.stream().map(x -> x.code() + " " + x.pointer()).toList());
    assertTrue(e.get(0).message().contains("'id'"), e.get(0).message());
    assertTrue(e.get(1).message().contains("'database'"), e.get(1).message());
  }

  @Test
  void theDatabaseMustBeANonEmptyString() {
    assertErrors(errors("{\"id\": \"a\", \"database\": 3}"), "WRONG_VALUE_TYPE /database");
    assertErrors(errors("{\"id\": \"a\", \"database\": \"\"}"), "WRONG_VALUE_TYPE /database");
  }

  @Test
  void unknownSegmentKeysAreEachReportedWithTheAllowedOnes() {
    List<ValidationError> e = errors("""
        {"id": "a", "database": "fx", "colour": "red", "databse": "fx", "a/b~c": 1}""");
    assertErrors(e, "UNKNOWN_KEY /colour", "UNKNOWN_KEY /databse", "UNKNOWN_KEY /a~1b~0c");
    assertTrue(e.get(0).message().contains("conditions, database, description, id, limit, name,"
        + " range, tags"), e.get(0).message());
  }

  @Test
  void nameDescriptionAndTagsHaveShapes() {
    assertErrors(errors("""
        {"id": "a", "database": "fx", "name": 1, "description": [], "tags": ["x", 2, "y", null]}"""),
        "WRONG_VALUE_TYPE /name", "WRONG_VALUE_TYPE /description", "WRONG_VALUE_TYPE /tags/1",
        "WRONG_VALUE_TYPE /tags/3");
    assertErrors(errors("{\"id\": \"a\", \"database\": \"fx\", \"tags\": \"x\"}"),
        "WRONG_VALUE_TYPE /tags");
  }

  @Test
  void aDocumentOverOneMebibyteIsRefusedUnparsed() {
    String big = "{\"id\": \"a\", \"database\": \"fx\", \"description\": \""
        + "x".repeat((int) SegmentParser.MAX_FILE_BYTES) + "\"}";
    only(errors(big), "FILE_TOO_LARGE ");
  }
}
