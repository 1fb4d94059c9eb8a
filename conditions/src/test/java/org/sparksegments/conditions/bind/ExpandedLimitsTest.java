package org.sparksegments.conditions.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.fixture.Check.assertErrors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.fixture.Check;
import org.sparksegments.conditions.fixture.Databases;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.SegmentParser.Parsed;

/**
 * The node and depth limits after {@code conditions_of} is expanded: imports that double at
 * every level are checked in linear time, the segments past 10,000 nodes or depth 32 are blamed
 * at the import that crosses the limit, and an import met twice is bound once.
 */
class ExpandedLimitsTest {

  /**
   * s0 is one field test; s(k) is {@code any} of two imports of s(k-1). Expanded, s(k) has
   * n(k) = 1 + 2 n(k-1) nodes, n(0) = 1, so n(k) = 2^(k+1) - 1: s12 has 8,191 nodes (valid),
   * s13 has 16,383. In s13 the running count is 1 + 8,191 after the first import and 16,383
   * after the second: the second import crosses. From s14 on, the first import alone (16,383 or
   * more) crosses.
   */
  static String doubling(int levels) {
    StringBuilder sb = new StringBuilder("[{\"id\": \"s0\", \"database\": \"shop\","
        + " \"conditions\": {\"field\": \"age\", \"op\": \"gte\", \"value\": 30}}");
    for (int k = 1; k < levels; k++) {
      String prev = "s" + (k - 1);
      sb.append(",\n{\"id\": \"s").append(k).append("\", \"database\": \"shop\", \"conditions\":"
          + " {\"any\": [{\"conditions_of\": \"").append(prev).append("\"}, {\"conditions_of\": \"")
          .append(prev).append("\"}]}}");
    }
    return sb.append("]").toString();
  }

  /**
   * The expected problems of {@link #doubling}: s13 at its second import, later ones at the
   * first.
   */
  static String[] doublingErrors(int levels) {
    List<String> out = new ArrayList<>();
    for (int k = 13; k < levels; k++) {
      out.add("TOO_MANY_NODES /" + k + "/conditions/any/" + (k == 13 ? 1 : 0) + "/conditions_of");
      if (k >= 32) {
        // s(k) is also k + 1 levels deep: from s32 on, the first import crosses depth 32.
        out.add("TOO_DEEP /" + k + "/conditions/any/0/conditions_of");
      }
    }
    return out.toArray(String[]::new);
  }

  @Test
  void fortyOneDoublingLevelsAreCheckedInLinearTime() {
    List<ValidationError> errors = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> Check.sample(doubling(41)));
    assertErrors(errors, doublingErrors(41));
    assertTrue(errors.get(0).message().contains("10000"), errors.get(0).message());
  }

  @Test
  void twentyNineLevelsToo() {
    assertErrors(assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> Check.sample(doubling(29))), doublingErrors(29));
  }

  @Test
  void thirteenLevelsAreValidWith8191NodesAtTheTop() {
    assertErrors(Check.sample(doubling(13)));
  }

  /**
   * d0 is one field test; d(k) is {@code not} of an import of d(k-1). Expanded, d(k) is k nots
   * over the test: depth k + 1. d31 has depth 32 (valid); d32 would put the test at depth 33, so
   * its import (at depth 2, bringing d31's 32 levels) crosses; d33 too.
   */
  @Test
  void importsNestedPastDepth32AreTooDeepAtTheImport() {
    StringBuilder sb = new StringBuilder("[{\"id\": \"d0\", \"database\": \"shop\","
        + " \"conditions\": {\"field\": \"age\", \"op\": \"exists\"}}");
    for (int k = 1; k <= 33; k++) {
      sb.append(",\n{\"id\": \"d").append(k).append("\", \"database\": \"shop\", \"conditions\":"
          + " {\"not\": {\"conditions_of\": \"d").append(k - 1).append("\"}}}");
    }
    assertErrors(Check.sample(sb.append("]").toString()),
        "TOO_DEEP /32/conditions/not/conditions_of", "TOO_DEEP /33/conditions/not/conditions_of");
  }

  /** An import inside an all inside the third level: depth counted from where it is written. */
  @Test
  void theDepthOfAnImportCountsFromWhereItIsWritten() {
    StringBuilder deep = new StringBuilder("{\"field\": \"age\", \"op\": \"exists\"}");
    for (int i = 0; i < 29; i++) {
      deep.insert(0, "{\"not\": ").append("}");
    }
    // "deep" has depth 30; imported at depth 3 it reaches 32 (valid), at depth 4 it reaches 33.
    String text = "[{\"id\": \"deep\", \"database\": \"shop\", \"conditions\": " + deep + "},"
        + "{\"id\": \"ok\", \"database\": \"shop\", \"conditions\": {\"all\": [{\"any\": ["
        + "{\"conditions_of\": \"deep\"}, {\"field\": \"age\", \"op\": \"exists\"}]}]}},"
        + "{\"id\": \"bad\", \"database\": \"shop\", \"conditions\": {\"all\": ["
        + "{\"field\": \"age\", \"op\": \"exists\"}, {\"any\": [{\"not\": "
        + "{\"conditions_of\": \"deep\"}}, {\"conditions_of\": \"deep\"}]}]}}]";
    assertErrors(Check.sample(text), "TOO_DEEP /2/conditions/all/1/any/0/not/conditions_of");
  }

  /** Own nodes and imported ones together: the plain node after the imports crosses. */
  @Test
  void aPlainNodeThatCrossesTheLimitIsBlamedAtTheConditions() {
    String big = tests("age", 5_000);
    // big: 1 + 5,000 nodes; "both" has 1 + 5,001 + 5,001 = 10,003 nodes, the last plain one
    // crossing; "one" has 1 + 5,001 + 1 = 5,003.
    String text = "[{\"id\": \"big\", \"database\": \"shop\", \"conditions\": {\"any\": [" + big
        + "]}},"
        + "{\"id\": \"both\", \"database\": \"shop\", \"conditions\": {\"all\": ["
        + "{\"conditions_of\": \"big\"}, {\"conditions_of\": \"big\"}]}},"
        + "{\"id\": \"one\", \"database\": \"shop\", \"conditions\": {\"all\": ["
        + "{\"conditions_of\": \"big\"}, {\"field\": \"age\", \"op\": \"exists\"}]}},"
        + "{\"id\": \"after\", \"database\": \"shop\", \"conditions\": {\"all\": ["
        + "{\"conditions_of\": \"one\"}, {\"any\": [" + tests("age", 4_997)
        + "]}]}}]";
    // after: 1 + 5,003 + 1 + 4,997 = 10,002: the count passes 10,000 at a plain field test.
    assertErrors(Check.sample(text), "TOO_MANY_NODES /1/conditions/all/1/conditions_of",
        "TOO_MANY_NODES /3/conditions");
  }

  /** Nodes of where trees count, as in the parser's limit. */
  @Test
  void whereTreesOfImportedEventsCount() {
    String where = tests("channel", 4_999);
    // ev: event (1) + where any (1) + 4,999 tests = 5,001; twice plus the all: 10,003.
    String text = "[{\"id\": \"ev\", \"database\": \"shop\", \"conditions\": {\"event\": \"opened\","
        + " \"where\": {\"any\": [" + where + "]}, \"op\": \"at_least\", \"count\": 1}},"
        + "{\"id\": \"twice\", \"database\": \"shop\", \"conditions\": {\"all\": ["
        + "{\"conditions_of\": \"ev\"}, {\"conditions_of\": \"ev\"}]}}]";
    assertErrors(Check.sample(text), "TOO_MANY_NODES /1/conditions/all/1/conditions_of");
  }

  /** {@code n} field tests of {@code field}, comma-separated. */
  private static String tests(String field, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"field\": \"").append(field)
          .append("\", \"op\": \"exists\"}");
    }
    return sb.toString();
  }

  @Test
  void anImportMetTwiceIsTheSameBoundSubtree() {
    List<Parsed> set = SegmentParser.parseText("t.json", doubling(4));
    Binder.Result r = Binder.bind(set.get(3).segment(), Databases.shop(), Check.resolver(set));
    assertTrue(r.ok(), r.errors().toString());
    BoundCondition.Any top = (BoundCondition.Any) r.segment().condition().orElseThrow();
    assertEquals(2, top.children().size());
    assertSame(top.children().get(0), top.children().get(1));
    BoundCondition.Any s2 = (BoundCondition.Any) top.children().get(0);
    assertSame(s2.children().get(0), s2.children().get(1));
  }

  /** A segment importing an invalid one stays INVALID_REFERENCE, found once for both imports. */
  @Test
  void anInvalidImportTwiceIsReportedAtEachImport() {
    assertErrors(Check.sample("""
        [{"id": "bad", "database": "shop", "conditions": {"field": "nope", "op": "exists"}},
         {"id": "a", "database": "shop", "conditions": {"any": [{"conditions_of": "bad"},
                                                             {"conditions_of": "bad"}]}}]"""),
        "UNKNOWN_FIELD /0/conditions/field", "INVALID_REFERENCE /1/conditions/any/0/conditions_of",
        "INVALID_REFERENCE /1/conditions/any/1/conditions_of");
  }
}
