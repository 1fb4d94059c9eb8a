package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.json.Json;

/** Numbers and keys as RFC 8785 (ECMAScript number printing) requires. */
class JcsTest {

  @Test
  void numbersPrintAsEcmaScriptDoes() {
    String[][] cases = {
        {"0", "0"}, {"-0.0", "0"}, {"50.0", "50"}, {"1E-7", "1e-7"}, {"0.000001", "0.000001"},
        {"1152921504606846976", "1152921504606847000"}, {"1E21", "1e+21"},
        {"1E20", "100000000000000000000"}, {"0.30000000000000004", "0.30000000000000004"},
        {"-1.5", "-1.5"}, {"4.5", "4.5"}, {"2.5E-9", "2.5e-9"}, {"123456.789", "123456.789"},
        {"9007199254740993", "9007199254740992"}};
    for (String[] c : cases) {
      assertEquals(c[1], Jcs.number(new BigDecimal(c[0])), c[0]);
    }
  }

  @Test
  void keysSortByUtf16AndStringsEscapeMinimally() throws Exception {
    String doc = "{\"b\": 1, \"a\": [true, null, \"x\\u0007\\/\\u00e9\"], \"\\u20ac\": 2,"
        + " \"\\ud83d\\ude00\": 3}";
    assertEquals("{\"a\":[true,null,\"x\\u0007/\u00e9\"],\"b\":1,\"\u20ac\":2,"
        + "\"\ud83d\ude00\":3}", Jcs.canonical(Json.MAPPER.readTree(doc)));
  }

  @Test
  void aNumberOfNoDoubleIsHashableAndKeepsItsValue() throws Exception {
    assertEquals("1e+400", Jcs.number(new BigDecimal("1e400")));
    assertEquals("-2.5e+400", Jcs.number(new BigDecimal("-25e399")));
    assertEquals("1e-999999999", Jcs.number(new BigDecimal("1e-999999999")));
    assertEquals("1e-2147483647", Jcs.number(new BigDecimal("1e-2147483647")));
    assertEquals("0", Jcs.number(new BigDecimal("0e-2147483647")));
    String doc = "{\"field\": \"lifetime_value\", \"op\": \"gt\", \"value\": 1e400}";
    assertEquals(64, Jcs.sha256(Json.MAPPER.readTree(doc)).length());
    org.junit.jupiter.api.Assertions.assertNotEquals(Jcs.sha256(Json.MAPPER.readTree(doc)),
        Jcs.sha256(Json.MAPPER.readTree(doc.replace("1e400", "2e400"))));
  }
}
