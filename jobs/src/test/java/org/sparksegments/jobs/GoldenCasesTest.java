package org.sparksegments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.FrameAssert;
import org.sparksegments.testing.SharedSpark;

/**
 * The golden cases: one parameterized test over {@code conditions/src/test/resources/golden/*.json}
 * (the corpus lives with the parser and binder, whose own tests check its error cases without
 * Spark), run against the hand-made database of {@link Fixture} (real Parquet files, written
 * once).
 *
 * <p>To regenerate the expectations from the engine, run
 * {@code mvn -B -o -pl jobs test -Dtest=GoldenCasesTest -Dgolden.update=true}: the runner then
 * rewrites the {@code "expected"} list of every member case in the source folder with what the
 * engine selects (error cases are left alone), so the change can be reviewed as a diff. Off by
 * default; the expectations in the files were written by hand from the spec and the fixture.
 * {@code -Dgolden.dir=PATH} rewrites the files of another folder instead (a copy, say).
 *
 * <p>A case file is a JSON object:
 *
 * <pre>
 * {
 *   "description": "what the case shows",
 *   "as_of": "2026-06-01T00:00:00Z",            optional, default Fixture.AS_OF
 *   "segment": { segment on database fx } | [ several segments ],
 *   "segment_text": "raw document text",        instead of "segment", for malformed JSON
 *   "expected": ["p01", ...]                    member ids in member order
 *   "errors": [ {"code": C, "pointer": P, "message_contains": M (optional)}, ... ]
 * }
 * </pre>
 *
 * A member case checks the selected ids in order, the counts ({@code in_range} against the
 * base computed from the fixture's rows, {@code matched} against the list when there is no
 * {@code max}), and, when the segment has conditions and no {@code max}, the negation: the same
 * segment with {@code {"not": conditions}} must select exactly the base profiles of the range
 * minus the expected ones (the spec's two-valued logic, section 3). An error case checks the
 * exact set of (code, pointer) pairs reported by parsing and validation together, and that
 * every message is non-empty. Segment ids must be unique across the golden files.
 *
 * <p>For speed, the member cases of one as-of are evaluated together through {@link
 * Evaluator#evaluate} (the batch path: one wide frame, one boolean column per segment), the
 * ordered and limited ones through {@link Flags#selected}; {@code -Dgolden.single=true}
 * evaluates each case alone through {@link Evaluator#selected} and {@link Evaluator#count}
 * instead (slower, the path of the {@code members} and {@code count} commands).
 */
@ExtendWith(SharedSpark.class)
class GoldenCasesTest {

  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final boolean SINGLE = Boolean.getBoolean("golden.single");
  private static final String ID = "profile_id";
  /** Segments per collected projection: keeps the generated code of one job small. */
  private static final int BATCH_COLUMNS = 48;
  private static final Pattern EXPECTED = Pattern.compile("\"expected\"\\s*:\\s*\\[[^\\]]*\\]");

  private static Fixture fixture;
  private static SchemaSource schemas;
  private static Evaluator evaluator;
  private static final Map<String, Map<String, Long>> BUCKETS = new HashMap<>();
  private static final Map<String, Answer> ANSWERS = new HashMap<>();
  private static final Set<Instant> BATCHED = new HashSet<>();
  private static Map<String, Instant> MEMBER_CASES;

  @BeforeAll
  static void setUp() {
    SparkSession spark = SharedSpark.session();
    fixture = Fixture.get();
    schemas = new SchemaSource(new Configuration(), () -> spark);
    evaluator = new Evaluator(spark, fixture.catalog());
  }

  /** A fresh validator (it caches results by file name); the schemas are read once. */
  private static Validator validator() {
    return new Validator(fixture.catalog(), schemas);
  }

  /** The corpus folder, shared with the conditions module's tests. */
  static final Path GOLDEN = TestSample.root().resolve("conditions/src/test/resources/golden");

  static Stream<String> cases() throws IOException {
    if (!Files.isDirectory(GOLDEN)) {
      throw new IllegalStateException("no golden folder at " + GOLDEN);
    }
    try (Stream<Path> files = Files.list(GOLDEN)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
          .sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void golden(String name) throws Exception {
    JsonNode golden = readCase(name);
    String text = segmentText(golden);
    Instant asOf = asOf(golden);
    String context = name + " (" + golden.path("description").asText() + ")\n  segment: " + text
        + "\n  as_of: " + asOf;
    List<Parsed> parsed = SegmentParser.parseText(name, text);
    if (golden.has("errors")) {
      checkErrors(golden.get("errors"), parsed, context);
    } else if (golden.has("expected")) {
      checkMembers(name, golden, parsed, asOf, context);
    } else {
      fail(name + ": a case needs \"expected\" or \"errors\"");
    }
  }

  // ---------------------------------------------------------------------------------------
  // Member cases

  /** A valid member case: its bound segment and, when the negation is checked, the negation. */
  private record Member(String name, BoundSegment segment, BoundSegment negation) {
    /** Whether the members' order is more than the ids ascending. */
    boolean ordered() {
      return segment.segment().limit().max() > 0 || !segment.segment().limit().orderBy().isEmpty();
    }
  }

  /** What the engine answered for a member case. */
  private record Answer(List<String> members, List<String> negation, long inRange,
      long matched, String problem) {}

  private static void checkMembers(String name, JsonNode golden, List<Parsed> parsed,
      Instant asOf, String context) throws IOException {
    assertEquals(1, parsed.size(), "a member case holds one segment: " + context);
    Member member = member(name, golden, parsed.get(0), context);
    Answer answer = answer(member, asOf);
    if (UPDATE) {
      rewriteExpected(name, answer.members());
      return;
    }
    List<String> expected = strings(golden.get("expected"));
    assertTrue(answer.problem() == null, answer.problem() + ": " + context);
    FrameAssert.assertIds(expected, answer.members(), context);

    List<String> baseInRange = baseInRange(golden.get("segment").get("range"), asOf);
    assertEquals(baseInRange.size(), answer.inRange(), "in_range count: " + context);
    if (member.segment().segment().limit().max() == 0) {
      assertEquals(expected.size(), answer.matched(), "matched count: " + context);
    }
    // The spec's two-valued logic: not C selects exactly the range's profiles that C does not.
    if (member.negation() != null) {
      List<String> notExpected = new ArrayList<>(baseInRange);
      notExpected.removeAll(expected);
      FrameAssert.assertSameIds(notExpected, answer.negation(),
          "NEGATION {\"not\": conditions} of " + context);
    }
  }

  /**
   * Validates a member case and, when it has conditions and no max, the same segment with
   * {@code {"not": conditions}} under the id {@code not-<file name>}.
   */
  private static Member member(String name, JsonNode golden, Parsed parsed, String context)
      throws IOException {
    Binder.Result bound = validator().validate(parsed);
    if (!bound.ok()) {
      fail("expected a valid segment, got errors: " + context + "\n    " + bound.errors()
          .stream().map(ValidationError::render).collect(Collectors.joining("\n    ")));
    }
    JsonNode segment = golden.get("segment");
    BoundSegment negation = null;
    if (segment.has("conditions") && bound.segment().segment().limit().max() == 0) {
      ObjectNode negated = segment.deepCopy();
      negated.put("id", "not-" + name.replaceAll("[^A-Za-z0-9_-]", "_"));
      negated.set("conditions", Json.MAPPER.createObjectNode().set("not",
          segment.get("conditions")));
      String negText = Json.MAPPER.writeValueAsString(negated);
      Binder.Result nb = validator().validate(
          SegmentParser.parseText(name + " (negated)", negText).get(0));
      assertTrue(nb.ok(), "the negated segment must be valid: " + negText + " " + nb.errors());
      negation = nb.segment();
    }
    return new Member(name, bound.segment(), negation);
  }

  /**
   * The engine's answer for a member case. By default every member case of the same as-of is
   * evaluated together, the first time one of them is needed, through {@link
   * Evaluator#evaluate}: one wide frame with one boolean column per segment (and per negation),
   * collected in a few jobs; cases with an order or a limit then take their members from {@link
   * Flags#selected}. With {@code -Dgolden.single=true}, or when a batch fails, each case is
   * evaluated alone through {@link Evaluator#selected} and {@link Evaluator#count}.
   */
  private static synchronized Answer answer(Member member, Instant asOf) throws IOException {
    Answer a = ANSWERS.get(member.name());
    if (a != null) {
      return a;
    }
    if (!SINGLE && BATCHED.add(asOf)) {
      List<Member> group = new ArrayList<>();
      for (Map.Entry<String, Instant> e : memberCases().entrySet()) {
        if (e.getValue().equals(asOf)) {
          try {
            JsonNode golden = readCase(e.getKey());
            Parsed parsed = SegmentParser.parseText(e.getKey(), segmentText(golden)).get(0);
            group.add(member(e.getKey(), golden, parsed, e.getKey()));
          } catch (AssertionError invalid) {
            // reported by that case's own test
          }
        }
      }
      try {
        ANSWERS.putAll(batch(group, asOf));
      } catch (RuntimeException e) {
        System.err.println("golden: the batch of " + group.size() + " segments as of " + asOf
            + " failed, evaluating them one by one: " + e);
      }
      a = ANSWERS.get(member.name());
      if (a != null) {
        return a;
      }
    }
    a = single(member, asOf);
    ANSWERS.put(member.name(), a);
    return a;
  }

  private static Answer single(Member m, Instant asOf) {
    List<String> members = ids(evaluator.selected(m.segment(), asOf).collectAsList());
    Evaluator.Counts c = evaluator.count(m.segment(), asOf);
    List<String> negation = m.negation() == null ? null
        : ids(evaluator.selected(m.negation(), asOf).collectAsList());
    return new Answer(members, negation, c.inRange(), c.matched(), null);
  }

  private static Map<String, Answer> batch(List<Member> group, Instant asOf) {
    List<BoundSegment> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Member m : group) {
      for (BoundSegment s : Arrays.asList(m.segment(), m.negation())) {
        if (s != null) {
          if (!seen.add(s.id())) {
            throw new IllegalStateException("segment id '" + s.id() + "' is used by two golden"
                + " cases; ids must be unique across the golden files");
          }
          targets.add(s);
        }
      }
    }
    Flags ev = evaluator.evaluate(targets, asOf);
    Map<String, List<String>> matched = new HashMap<>();
    Map<String, Long> inRange = new HashMap<>();
    Map<String, String> problems = new HashMap<>();
    for (int from = 0; from < targets.size(); from += BATCH_COLUMNS) {
      List<BoundSegment> chunk = targets.subList(from,
          Math.min(targets.size(), from + BATCH_COLUMNS));
      List<Column> cols = new ArrayList<>();
      cols.add(Columns.column(ID).as("__id"));
      for (int i = 0; i < chunk.size(); i++) {
        cols.add(ev.matched(chunk.get(i).id()).as("m" + i));
        cols.add(ev.inRange(chunk.get(i).id()).as("r" + i));
      }
      List<Row> rows = ev.frame().select(cols.toArray(Column[]::new)).collectAsList();
      for (int i = 0; i < chunk.size(); i++) {
        List<String> ids = new ArrayList<>();
        long n = 0;
        for (Row r : rows) {
          if (r.isNullAt(1 + 2 * i) || r.isNullAt(2 + 2 * i)) {
            // Two-valued logic: a segment's predicate is true or false, never null.
            problems.merge(chunk.get(i).id(), "the predicate is null for "
                + r.getAs("__id"), (x, y) -> x + ", " + y);
            continue;
          }
          if (r.getBoolean(1 + 2 * i)) {
            Object id = r.getAs("__id");
            ids.add(String.valueOf(id));
          }
          if (r.getBoolean(2 + 2 * i)) {
            n++;
          }
        }
        ids.sort(GoldenCasesTest::byUtf8);
        matched.put(chunk.get(i).id(), ids);
        inRange.put(chunk.get(i).id(), n);
      }
    }
    Map<String, Answer> out = new HashMap<>();
    for (Member m : group) {
      String id = m.segment().id();
      List<String> members = m.ordered() ? ids(ev.selected(id).collectAsList()) : matched.get(id);
      String problem = problems.get(id);
      if (m.negation() != null && problems.containsKey(m.negation().id())) {
        problem = (problem == null ? "" : problem + "; ") + "negation: "
            + problems.get(m.negation().id());
      }
      out.put(m.name(), new Answer(members,
          m.negation() == null ? null : matched.get(m.negation().id()),
          inRange.get(id), matched.get(id).size(), problem));
    }
    return out;
  }

  /** The spec's default member order: ids ascending by their UTF-8 bytes. */
  private static int byUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  /** The member cases by file name, with their as-of. */
  private static synchronized Map<String, Instant> memberCases() throws IOException {
    if (MEMBER_CASES == null) {
      Map<String, Instant> m = new TreeMap<>();
      for (String name : cases().toList()) {
        JsonNode golden = readCase(name);
        if (golden.has("expected")) {
          m.put(name, asOf(golden));
        }
      }
      MEMBER_CASES = m;
    }
    return MEMBER_CASES;
  }

  private static JsonNode readCase(String name) throws IOException {
    Path file = GOLDEN.resolve(name);
    return Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static String segmentText(JsonNode golden) throws IOException {
    return golden.has("segment_text") ? golden.get("segment_text").asText()
        : Json.MAPPER.writeValueAsString(golden.get("segment"));
  }

  private static Instant asOf(JsonNode golden) {
    return golden.has("as_of") ? Instant.parse(golden.get("as_of").asText()) : Fixture.AS_OF;
  }

  private static List<String> ids(List<Row> rows) {
    List<String> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Object id = r.getAs(ID); // not String.valueOf(getAs): that would pick valueOf(char[])
      out.add(String.valueOf(id));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * The base as of {@code asOf} (from the fixture's rows) restricted to the range; buckets are
   * computed with Spark SQL exactly as the spec writes them (section 4).
   */
  private static List<String> baseInRange(JsonNode range, Instant asOf) {
    List<String> base = fixture.baseIds(asOf);
    if (range == null) {
      return base;
    }
    long from = range.has("from") ? percentBucket(range.get("from")) : 0;
    long to = range.has("to") ? percentBucket(range.get("to")) : 10_000;
    String salt = range.has("salt") ? range.get("salt").asText() : null;
    Map<String, Long> buckets = buckets(salt);
    return base.stream().filter(id -> buckets.get(id) >= from && buckets.get(id) < to).toList();
  }

  private static long percentBucket(JsonNode percent) {
    return percent.decimalValue().multiply(BigDecimal.valueOf(100)).longValueExact();
  }

  private static synchronized Map<String, Long> buckets(String salt) {
    return BUCKETS.computeIfAbsent(salt == null ? "" : salt, s -> {
      String values = fixture.ids().stream().map(id -> "('" + id + "')")
          .collect(Collectors.joining(", "));
      String key = salt == null ? "cast(id as string)"
          : "concat('" + salt.replace("'", "''") + "', ':', cast(id as string))";
      Map<String, Long> m = new HashMap<>();
      SharedSpark.session().sql("select id, pmod(xxhash64(" + key + "), 10000) from values "
          + values + " as t(id)").collectAsList()
          .forEach(r -> m.put(r.getString(0), r.getLong(1)));
      return m;
    });
  }

  /** Rewrites the "expected" list of a case in the source folder (golden.update=true). */
  private static synchronized void rewriteExpected(String name, List<String> actual)
      throws IOException {
    Path source = Path.of(System.getProperty("golden.dir", GOLDEN.toString())).resolve(name);
    String text = Files.readString(source, StandardCharsets.UTF_8);
    Matcher m = EXPECTED.matcher(text);
    if (!m.find()) {
      fail(name + ": no \"expected\" list to rewrite");
    }
    String list = actual.stream().map(id -> "\"" + id + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
    String updated = text.substring(0, m.start()) + "\"expected\": " + list
        + text.substring(m.end());
    if (!updated.equals(text)) {
      Files.writeString(source, updated, StandardCharsets.UTF_8);
      System.out.println("golden.update: rewrote " + source);
    }
  }

  // ---------------------------------------------------------------------------------------
  // Error cases

  private static void checkErrors(JsonNode expectedErrors, List<Parsed> parsed,
      String context) {
    List<ValidationError> actual = new ArrayList<>();
    Validator v = validator();
    for (Parsed p : parsed) {
      actual.addAll(v.validate(p).errors());
    }
    assertErrors(expectedErrors, actual, context);
  }

  /** The exact set of code and pointer pairs, every message non-empty; optional fragments. */
  static void assertErrors(JsonNode expectedErrors, List<ValidationError> actual,
      String context) {
    Set<String> expected = new TreeSet<>();
    for (JsonNode e : expectedErrors) {
      expected.add(e.get("code").asText() + " at " + e.get("pointer").asText());
    }
    Set<String> got = new LinkedHashSet<>();
    for (ValidationError e : actual) {
      got.add(e.code() + " at " + e.pointer());
      assertFalse(e.message().isBlank(), "an error without a message: " + e);
    }
    String rendered = actual.stream().map(ValidationError::render)
        .collect(Collectors.joining("\n    "));
    FrameAssert.assertSameIds(expected, new TreeSet<>(got),
        context + "\n  errors reported:\n    " + rendered);
    assertEquals(got.size(), actual.size(),
        "the same error reported twice: " + context + "\n    " + rendered);
    for (JsonNode e : expectedErrors) {
      if (e.has("message_contains")) {
        String where = e.get("code").asText() + " at " + e.get("pointer").asText();
        String fragment = e.get("message_contains").asText();
        boolean found = actual.stream().anyMatch(a -> (a.code() + " at " + a.pointer())
            .equals(where) && a.message().contains(fragment));
        assertTrue(found, "the message of " + where + " should contain '" + fragment + "': "
            + context + "\n    " + rendered);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Generated documents: too big to keep as files

  private static List<ValidationError> validateText(String text) {
    List<ValidationError> out = new ArrayList<>();
    Validator v = validator();
    for (Parsed p : SegmentParser.parseText("generated.json", text)) {
      out.addAll(v.validate(p).errors());
    }
    return out;
  }

  private static JsonNode errors(String... codeAndPointer) {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (int i = 0; i < codeAndPointer.length; i += 2) {
      a.addObject().put("code", codeAndPointer[i]).put("pointer", codeAndPointer[i + 1]);
    }
    return a;
  }

  private static String segment(String conditions) {
    return "{\"id\": \"generated\", \"database\": \"fx\", \"conditions\": " + conditions + "}";
  }

  private static final String LEAF = "{\"field\": \"city\", \"op\": \"eq\", \"value\": \"Berlin\"}";

  /** {@code n} nested nots around a field test: the field test is at depth n + 1. */
  private static String nots(int n) {
    return "{\"not\": ".repeat(n) + LEAF + "}".repeat(n);
  }

  @Test
  void depth32IsAllowedAndEvaluates() {
    // 31 nots, the field test at depth 32: an odd number of nots is "city neq Berlin".
    List<Parsed> parsed = SegmentParser.parseText("deep.json", segment(nots(31)));
    Binder.Result bound = validator().validate(parsed.get(0));
    assertTrue(bound.ok(), bound.errors().toString());
    List<String> actual = ids(evaluator.selected(bound.segment(), Fixture.AS_OF).collectAsList());
    List<String> expected = new ArrayList<>(fixture.baseIds(Fixture.AS_OF));
    expected.remove("p01");
    FrameAssert.assertIds(expected, actual, "31 nots around city eq Berlin");
  }

  @Test
  void depth33IsTooDeepAtTheFirstNodePastTheLimit() {
    // 32 nots: the field test is at depth 33, /conditions followed by 32 times /not.
    assertErrors(errors("TOO_DEEP", "/conditions" + "/not".repeat(32)),
        validateText(segment(nots(32))), "32 nots");
  }

  @Test
  void tooDeepPointsAtTheFirstNodeInDocumentOrder() {
    // all[0] reaches depth 32 exactly (allowed); all[1] reaches depth 34: its node at depth 33
    // is the one reported, once.
    String ok = nots(30); // at /conditions/all/0: depth 2 .. 32
    String deep = nots(32); // at /conditions/all/1: depth 2 .. 34
    String text = segment("{\"all\": [" + ok + ", " + deep + "]}");
    assertErrors(errors("TOO_DEEP", "/conditions/all/1" + "/not".repeat(31)),
        validateText(text), "deep second branch");
  }

  @Test
  void tooDeepThroughGroups() {
    // all / any alternate: 32 groups, the leaf at depth 33.
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    StringBuilder pointer = new StringBuilder("/conditions");
    for (int i = 0; i < 32; i++) {
      String kind = i % 2 == 0 ? "all" : "any";
      open.append("{\"").append(kind).append("\": [");
      close.append("]}");
      pointer.append('/').append(kind).append("/0");
    }
    String text = segment(open + LEAF + close);
    assertErrors(errors("TOO_DEEP", pointer.toString()), validateText(text), "32 groups");
  }

  private static String anyOf(int leaves) {
    StringBuilder sb = new StringBuilder("{\"any\": [");
    for (int i = 0; i < leaves; i++) {
      sb.append(i == 0 ? "" : ", ").append("{\"field\": \"age\", \"op\": \"eq\", \"value\": ")
          .append(i).append('}');
    }
    return sb.append("]}").toString();
  }

  @Test
  void tenThousandNodesAreAllowed() {
    // one any with 9,999 children: 10,000 nodes
    List<ValidationError> errors = validateText(segment(anyOf(9_999)));
    assertTrue(errors.isEmpty(), errors.toString());
  }

  @Test
  void tenThousandAndOneNodesAreTooMany() {
    assertErrors(errors("TOO_MANY_NODES", "/conditions"), validateText(segment(anyOf(10_000))),
        "10,001 nodes");
  }

  @Test
  void aFileOverOneMebibyteIsRefused() {
    String big = "{\"id\": \"big\", \"database\": \"fx\", \"description\": \""
        + "x".repeat(1024 * 1024) + "\"}";
    assertErrors(errors("FILE_TOO_LARGE", ""), validateText(big), "a 1 MiB description");
  }
}
