package org.sparksegments.conditions.regex;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds, in one pass over a pattern, the constructs to refuse before RE2 compiles it: those RE2
 * does not have (named here, where RE2's own message would only say "invalid escape"), those
 * Java and RE2 read differently, and counted repetitions whose nesting multiplies past
 * {@value #MAX_REPEAT} (RE2's own limit; re2j lacks it and would expand
 * {@code ((a{1000}){1000}){1000}} until the heap is exhausted).
 */
final class Constructs {
  static final int MAX_REPEAT = 1000;
  private static final String RE2 = " (matches runs RE2 syntax, in linear time)";

  private final String p;
  private int i;
  /** Per open group: the largest product of counted repetitions inside it. */
  private final Deque<long[]> groups = new ArrayDeque<>();
  /** The repetition product of the last atom (a closed group carries its inside's). */
  private long lastAtom = 1;

  private Constructs(String p) {
    this.p = p;
  }

  static Optional<String> unsupported(String pattern) {
    try {
      new Constructs(pattern).scan();
      return Optional.empty();
    } catch (Refused r) {
      return Optional.of(r.getMessage());
    }
  }

  private void scan() {
    groups.push(new long[] {1});
    while (i < p.length()) {
      char c = p.charAt(i);
      switch (c) {
        case '\\' -> escape();
        case '[' -> charClass();
        case '(' -> open();
        case ')' -> close();
        case '*', '+', '?' -> {
          i++;
          quantified();
        }
        case '{' -> counted();
        default -> {
          i++;
          lastAtom = 1;
        }
      }
    }
  }

  private void escape() {
    char n = at(i + 1);
    if (n >= '1' && n <= '9') {
      throw new Refused("Cannot use a backreference (\\" + n + ") in a pattern" + RE2);
    }
    if (n == 'k' && at(i + 2) == '<') {
      throw new Refused("Cannot use a named backreference (\\k<...>) in a pattern" + RE2);
    }
    if (n == 'Q') {
      int end = p.indexOf("\\E", i + 2);
      i = end < 0 ? p.length() : end + 2;
    } else if ((n == 'p' || n == 'P' || n == 'x') && at(i + 2) == '{') {
      int end = p.indexOf('}', i + 2);
      i = end < 0 ? p.length() : end + 1;
    } else {
      i += 2;
    }
    lastAtom = 1;
  }

  /** A bracket class: Java reads [a[b]] as a union and && as an intersection; RE2 does not. */
  private void charClass() {
    i++;
    if (at(i) == '^') {
      i++;
    }
    if (at(i) == ']') {
      i++;
    }
    while (i < p.length() && p.charAt(i) != ']') {
      char c = p.charAt(i);
      if (c == '\\') {
        char n = at(i + 1);
        if ((n == 'p' || n == 'P' || n == 'x') && at(i + 2) == '{') {
          int end = p.indexOf('}', i + 2);
          i = end < 0 ? p.length() : end + 1;
        } else if (n == 'Q') {
          int end = p.indexOf("\\E", i + 2);
          i = end < 0 ? p.length() : end + 2;
        } else {
          i += 2;
        }
      } else if (c == '[' && at(i + 1) == ':') {
        int end = p.indexOf(":]", i + 2);
        i = end < 0 ? p.length() : end + 2;
      } else if (c == '[') {
        throw new Refused("Cannot use a class inside a class ([...[...]]) in a pattern: Java"
            + " reads it as a union, RE2 as a '[' character; write \\[ for the character, or"
            + " list the members in one class");
      } else if (c == '&' && at(i + 1) == '&') {
        throw new Refused("Cannot use && in a class in a pattern: Java reads it as an"
            + " intersection, RE2 as '&'; write \\& for the character");
      } else {
        i++;
      }
    }
    i++;
    lastAtom = 1;
  }

  private void open() {
    if (at(i + 1) == '?') {
      char n = at(i + 2);
      if (n == '=' || n == '!') {
        throw new Refused("Cannot use a lookahead ((?=...) or (?!...)) in a pattern" + RE2);
      }
      if (n == '<' && (at(i + 3) == '=' || at(i + 3) == '!')) {
        throw new Refused("Cannot use a lookbehind ((?<=...) or (?<!...)) in a pattern" + RE2);
      }
      if (n == '>') {
        throw new Refused("Cannot use an atomic group ((?>...)) in a pattern" + RE2);
      }
    }
    groups.push(new long[] {1});
    i++;
  }

  private void close() {
    // An unbalanced ')' is left to RE2's own error.
    long inside = groups.size() > 1 ? groups.pop()[0] : 1;
    long[] parent = groups.peek();
    parent[0] = Math.max(parent[0], inside);
    lastAtom = inside;
    i++;
  }

  /** {n}, {n,} or {n,m} after an atom; anything else is a literal '{', as in RE2. */
  private void counted() {
    int end = p.indexOf('}', i);
    String body = end < 0 ? "" : p.substring(i + 1, end);
    if (!body.matches("\\d{1,9}(,\\d{0,9})?")) {
      i++;
      lastAtom = 1;
      return;
    }
    String[] parts = body.split(",", -1);
    long n = Long.parseLong(parts[0]);
    long count = parts.length == 2 && !parts[1].isEmpty()
        ? Math.max(n, Long.parseLong(parts[1])) : n;
    long product = lastAtom * Math.max(count, 1);
    if (product > MAX_REPEAT) {
      throw new Refused("Cannot use counted repetitions that multiply to more than "
          + MAX_REPEAT + " (nested {n} counts are multiplied)" + RE2);
    }
    long[] group = groups.peek();
    group[0] = Math.max(group[0], product);
    i = end + 1;
    quantified();
  }

  /** After a quantifier: a lazy '?' is fine, a possessive '+' is refused. */
  private void quantified() {
    if (at(i) == '+') {
      throw new Refused("Cannot use a possessive quantifier (*+, ++, ?+, {n}+) in a pattern"
          + RE2);
    }
    if (at(i) == '?') {
      i++;
    }
    lastAtom = 1;
  }

  private char at(int k) {
    return k < p.length() ? p.charAt(k) : '\0';
  }

  /** A refusal found while scanning. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
