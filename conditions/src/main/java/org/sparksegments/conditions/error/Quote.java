package org.sparksegments.conditions.error;

import java.math.BigDecimal;

/**
 * Bounds a user's value quoted in a message: a literal of a megabyte (or a number whose plain
 * form has a billion digits) must not make a message of that size.
 */
public final class Quote {
  /** The most characters of a value that a message quotes. */
  public static final int MAX = 80;

  private Quote() {}

  /** The text itself when short; else its first characters, "…" and its length. */
  public static String text(String s) {
    if (s == null || s.length() <= MAX) {
      return s;
    }
    int end = MAX - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return s.substring(0, end) + "… (" + s.length() + " characters in all)";
  }

  /**
   * A number as scientific text (never {@link BigDecimal#toPlainString}, whose length is the
   * exponent's size), bounded as {@link #text}.
   */
  public static String number(BigDecimal d) {
    return text(d.toString());
  }
}
