package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;

/**
 * Literals and options no type can hold, run as a user runs them (spec 7): huge exponents, years
 * far beyond 9999, a decimal of 400 digits. Each is a coded error with its pointer, exit 2, and
 * a standard error of a few lines (a literal is quoted up to about 80 characters), never an
 * exception, a Spark failure or a gigabyte of message.
 */
class HostileLiteralCliTest {
  private static final String AS_OF = "2026-06-01T00:00:00Z";
  private static final int MAX_STDERR = 10_000;
  private static String catalog;

  @BeforeAll
  static void sample() throws Exception {
    catalog = TestSample.catalog().toString();
  }

  private static Path segment(Path dir, String id, String condition) throws Exception {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(id + ".json"), "{\"id\": \"" + id + "\","
        + " \"database\": \"shop\", \"conditions\": " + condition + "}");
  }

  private static void assertRefused(Cli.Result r, String expected) {
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains(expected), r.toString());
    assertTrue(r.err().length() < MAX_STDERR, "stderr of " + r.err().length() + " characters");
    assertTrue(!r.err().contains("Exception"), r.toString());
  }

  @Test
  void validateReportsEveryUnrepresentableLiteralOfTheFolder(@TempDir Path dir) throws Exception {
    Path segments = dir.resolve("segments");
    segment(segments, "tiny", "{\"field\": \"age\", \"op\": \"eq\", \"value\": 1e-99999}");
    segment(segments, "tinier", "{\"field\": \"age\", \"op\": \"eq\", \"value\": 1e-999999999}");
    segment(segments, "far", "{\"field\": \"created_at\", \"op\": \"gt\","
        + " \"value\": \"+999999999-12-31T23:59:59Z\"}");
    segment(segments, "typo", "{\"field\": \"cityy\", \"op\": \"eq\", \"value\": \"Berlin\"}");
    Cli.Result r = Cli.run("validate", "--catalog", catalog, "--segments", segments.toString());
    assertRefused(r, "segment tiny: BAD_LITERAL at /conditions/value");
    for (String line : new String[] {"segment tinier: BAD_LITERAL at /conditions/value",
        "segment far: BAD_LITERAL at /conditions/value",
        "segment typo: UNKNOWN_FIELD at /conditions/field"}) {
      assertTrue(r.err().contains(line), line + "\n" + r);
    }
    assertTrue(r.err().contains("the number 1E-999999999"), r.toString());
  }

  @Test
  void countRefusesANumberOfABillionDigitExponent(@TempDir Path dir) throws Exception {
    Path f = segment(dir, "tinier", "{\"field\": \"age\", \"op\": \"eq\","
        + " \"value\": 1e-999999999}");
    assertRefused(Cli.run("count", "--catalog", catalog, "--segments", f.toString(),
        "--segment", "tinier", "--as-of", AS_OF), "BAD_LITERAL at /conditions/value");
  }

  @Test
  void countRefusesADecimalBeyondSparksPrecision(@TempDir Path dir) throws Exception {
    Path f = segment(dir, "huge-ltv", "{\"field\": \"lifetime_value\", \"op\": \"gt\","
        + " \"value\": 1e400}");
    Cli.Result r = Cli.run("count", "--catalog", catalog, "--segments", f.toString(),
        "--segment", "huge-ltv", "--as-of", AS_OF);
    assertRefused(r, "BAD_LITERAL at /conditions/value");
    assertTrue(!r.err().contains("DECIMAL_PRECISION"), r.toString());
  }

  @Test
  void anAsOfBeyondTheYear9999IsABadOption(@TempDir Path dir) throws Exception {
    Path f = segment(dir, "recent", "{\"event\": \"purchase\", \"op\": \"exists\","
        + " \"window\": {\"last_days\": 30}}");
    Cli.Result r = Cli.run("count", "--catalog", catalog, "--segments", f.toString(),
        "--segment", "recent", "--as-of", "+999999999-12-31T23:59:59Z");
    assertRefused(r, "BAD_OPTION");
    assertTrue(r.err().contains("years 0001 to 9999"), r.toString());
  }

  @Test
  void bulkUpdateRefusesAnExponentThatNoIntHolds(@TempDir Path dir) throws Exception {
    Path copy = TestSample.copyTo(dir);
    Cli.Result r = Cli.run("bulk-update", "--catalog", copy.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of", AS_OF,
        "--set", "age=1e-2147483647", "--quiet");
    assertRefused(r, "BAD_LITERAL");
    assertTrue(r.err().contains("1E-2147483647"), r.toString());
  }

}
