package org.sparksegments.conditions.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which patterns matches runs (RE2 syntax, linear time) and what it says of the others. */
class RegexesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)(.*)X", // backtracks for minutes in java.util.regex
      "^(Anna|Anne)$", "@example\\.(com|org)$", "^\\D+$", "^\\QBERLIN\\E$", "a*?b", "a{2,5}",
      "(?i)berlin", "(?<name>a)b", "\\\\1", "[\\[a]", "[]a]", "[^]a]", "[[:alpha:]]+",
      "\\pL{3}", "\\p{L}+", "\\x{1001}", "\\Q(?=\\E", "\\Q\\1", "a{,3}", "{", "x{1000}", "((a{10}){10}){10}",
      "(a{10}b{10}){100}"})
  void runsThesePatterns(String regex) {
    assertEquals(Optional.empty(), Regexes.problem(regex, false), regex);
    assertEquals(Optional.empty(), Regexes.problem(regex, true), regex);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(a)\\1|backreference (\\1)",
      "(?<x>a)\\k<x>|named backreference",
      "a(?=b)|lookahead",
      "a(?!b)|lookahead",
      "(?<=a)b|lookbehind",
      "(?<!a)b|lookbehind",
      "a*+|possessive quantifier",
      "a++b|possessive quantifier",
      "a?+|possessive quantifier",
      "a{2}+|possessive quantifier",
      "(?>ab)|atomic group",
      "[a[b]]|class inside a class",
      "[a-z&&b]|&& in a class",
      "((a{100}){100})|multiply to more than 1000",
      "((a{1000}){1000}){1000}|multiply to more than 1000",
      "((a{10})){101}|multiply to more than 1000",
      "a{1001}|multiply to more than 1000",
      "(|missing closing )",
      "[a-|missing closing ]",
      "*|missing argument to repetition operator",
      "\\h|invalid escape sequence",
      "\\Z|invalid escape sequence",
      "(?x)a b|invalid or unsupported Perl syntax",
      "\\p{Alpha}|invalid character class range",
      ".{1000}.{1000}.{1000}.{1000}.{1000}.{1000}|instructions (expected at most 5000"})
  void refusesTheseSayingWhy(String regex, String why) {
    Optional<String> problem = Regexes.problem(regex, false);
    assertTrue(problem.isPresent() && problem.get().contains(why), regex + ": " + problem);
    assertThrows(IllegalArgumentException.class, () -> Regexes.compile(regex, false));
  }

  @Test
  void theLengthLimitIs256Characters() {
    assertEquals(Optional.empty(), Regexes.problem("a".repeat(256), false));
    assertTrue(Regexes.problem("a".repeat(257), false).orElseThrow().contains("257"));
  }

  @Test
  void anErrorMessageQuotesAtMostAbout80CharactersOfThePattern() {
    String message = Regexes.problem("(" + "a".repeat(255), false).orElseThrow();
    assertTrue(message.length() < 160, message);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void nestedCountsAreRefusedBeforeCompilingSoTheyCannotExhaustTheHeap() {
    // 23 characters that re2j alone would expand to 10^9 instructions
    assertTrue(Regexes.problem("((a{1000}){1000}){1000}", true).isPresent());
  }

  @Test
  void ignoreCaseFoldsUnicodeLetters() {
    assertTrue(Regexes.compile("^berlin$", true).matcher("BERLIN").find());
    assertTrue(Regexes.compile("müller", true).matcher("MÜLLER").find());
    assertTrue(!Regexes.compile("^berlin$", false).matcher("BERLIN").find());
    // upper-case escapes keep their meaning: \D is "not a digit"
    assertTrue(Regexes.compile("^\\D+$", true).matcher("anna").find());
  }
}
