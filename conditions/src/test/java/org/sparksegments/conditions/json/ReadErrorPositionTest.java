package org.sparksegments.conditions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.ValidationError;

/**
 * Every document that cannot be read says where (spec 7: line and column from 1): also a number
 * over Jackson's 1,000-digit limit and bytes that are not UTF-8, in messages of bounded size.
 */
class ReadErrorPositionTest {

  @Test
  void aNumberOfFiveThousandDigitsIsMalformedJsonWithItsLineAndColumn() {
    String text = "{\"id\": \"s\", \"database\": \"shop\",\n \"conditions\": {\"field\": \"age\","
        + " \"op\": \"eq\", \"value\": " + "7".repeat(5001) + "}}";
    List<SegmentParser.Parsed> parsed = SegmentParser.parseText("f.json", text);
    ValidationError e = parsed.get(0).errors().get(0);
    assertEquals(ErrorCode.MALFORMED_JSON, e.code());
    assertTrue(e.message().startsWith("Cannot parse JSON at line 2, column "), e.message());
    assertTrue(e.message().length() < 400, e.message());
  }

  @Test
  void aLongBadTokenIsQuotedInABoundedMessage() {
    String text = "{\"id\": " + "x".repeat(100_000) + "}";
    ValidationError e = SegmentParser.parseText("f.json", text).get(0).errors().get(0);
    assertEquals(ErrorCode.MALFORMED_JSON, e.code());
    assertTrue(e.message().startsWith("Cannot parse JSON at line 1, column "), e.message());
    assertTrue(e.message().length() < 400, e.message());
  }

  @Test
  void aByteThatIsNotUtf8IsLocated() {
    byte[] good = "{\"id\": \"s\",\n  \"name\": \"".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[good.length + 3];
    System.arraycopy(good, 0, bytes, 0, good.length);
    bytes[good.length] = (byte) 0xC3; // a lead byte followed by no continuation
    bytes[good.length + 1] = '"';
    bytes[good.length + 2] = '}';
    JsonReadError e = assertThrows(JsonReadError.class, () -> Utf8.decode(bytes));
    assertEquals("line 2, column 12 (byte offset " + good.length + ")", e.where());
    assertTrue(e.reason().contains("0xc3"), e.reason());
  }

  @Test
  void utf8TextDecodes() throws Exception {
    assertEquals("{\"name\": \"Zoë ✓ 𝄞\"}",
        Utf8.decode("{\"name\": \"Zoë ✓ 𝄞\"}".getBytes(StandardCharsets.UTF_8)));
    assertEquals("", Utf8.decode(new byte[0]));
  }
}
