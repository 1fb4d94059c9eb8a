package org.sparksegments.conditions.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The function Spark runs for matches, called as an executor calls it. */
class RegexFindTest {
  private static final String ITEM_6 = "(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)X";

  @Test
  void findsThePatternAnywhereAsRlikeDid() throws Exception {
    RegexFind f = new RegexFind("b", false);
    assertEquals(true, f.call("abc"));
    assertEquals(false, new RegexFind("^b", false).call("abc"));
    assertEquals(true, new RegexFind("^abc$", false).call("abc"));
    assertEquals(true, new RegexFind("", false).call(""));
  }

  @Test
  void aNullValueGivesNull() throws Exception {
    assertNull(new RegexFind("a", false).call(null));
    assertNull(new RegexFind("a", true).call(null));
  }

  @Test
  void ignoreCaseCompilesThePatternCaseInsensitively() throws Exception {
    assertEquals(true, new RegexFind("@EXAMPLE\\.com$", true).call("c0000001@example.COM"));
    assertEquals(false, new RegexFind("@EXAMPLE\\.com$", false).call("c0000001@example.COM"));
  }

  @Test
  void travelsAsThePatternTextAndCompilesOnArrival() throws Exception {
    RegexFind f = new RegexFind("^c\\d+@", true);
    assertEquals(true, f.call("C0000001@example.com")); // compiled here, transient
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(f);
    }
    RegexFind copy;
    try (ObjectInputStream in = new ObjectInputStream(
        new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (RegexFind) in.readObject();
    }
    assertEquals(true, copy.call("c0000002@example.org"));
    assertEquals(false, copy.call("x@example.org"));
  }

  /**
   * The pattern that kept java.util.regex (rlike) busy for over 5 minutes on 20,000 profiles,
   * over a million e-mail addresses: RE2 is linear in the input (about 5 to 40 s here, by the
   * machine's load). Timings belong in benchmarks; the timeout only guards against a hang (a
   * backtracking engine would take hours).
   */
  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void theCatastrophicPatternRunsOverAMillionEmails() throws Exception {
    RegexFind plain = new RegexFind(ITEM_6, false);
    RegexFind folded = new RegexFind(ITEM_6, true);
    int plainHits = 0;
    int foldedHits = 0;
    for (int i = 0; i < 1_000_000; i++) {
      String email = "c" + (10_000_000 + i) + "@" + (i % 1000 == 0 ? "EXAMPLE.COM"
          : i % 7 == 0 ? "mail.example.org" : "example.com");
      plainHits += plain.call(email) ? 1 : 0;
      if (i % 100 == 0) {
        foldedHits += folded.call(email) ? 1 : 0;
      }
    }
    assertEquals(1_000, plainHits); // the X of EXAMPLE.COM
    assertEquals(10_000, foldedHits); // every "example" has an x
  }
}
