package org.sparksegments.conditions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.error.ValidationError;

/** A 1 MiB document nested far past the limit is reported, not walked quadratically. */
class DeepDocumentTest {

  @Test
  void aVeryDeepChainIsReportedAtTheFirstNodePastTheLimit() {
    int depth = 120_000;
    String doc = "{\"id\":\"x\",\"database\":\"shop\",\"conditions\":"
        + "{\"not\":".repeat(depth - 1) + "{\"field\":\"age\",\"op\":\"exists\"}"
        + "}".repeat(depth - 1) + "}";
    List<ValidationError> errors = SegmentParser.parseText("deep.json", doc).get(0).errors();
    // Both limits are exceeded, and both are reported at once.
    assertEquals(2, errors.size(), errors.toString());
    assertEquals("TOO_DEEP", errors.get(0).code().name());
    assertEquals("/conditions" + "/not".repeat(32), errors.get(0).pointer());
    assertEquals("TOO_MANY_NODES", errors.get(1).code().name());
    assertEquals("/conditions", errors.get(1).pointer());
  }
}
