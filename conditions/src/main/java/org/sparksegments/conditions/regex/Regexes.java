package org.sparksegments.conditions.regex;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * The dialect of {@code matches}: RE2 syntax (Java's syntax for the common subset), run in time
 * linear in the input, so no pattern can stall a task the way a backtracking engine can.
 *
 * <p>Validation ({@link #problem}) and evaluation ({@link #compile}) share these rules, so a
 * pattern that validates always compiles at run time.
 */
public final class Regexes {
  /** The longest pattern, in characters (spec: at most 256). */
  public static final int MAX_LENGTH = 256;
  /**
   * The largest compiled program, in RE2 instructions: the work per input character grows with
   * it, so it is bounded too (the longest ordinary patterns need a few hundred).
   */
  static final int MAX_PROGRAM = 5_000;

  private Regexes() {}

  /**
   * Why {@code regex} cannot be run, as a message for the author (empty when it can): too long,
   * a construct RE2 does not have (backreferences, lookaround, possessive quantifiers, atomic
   * groups), one Java and RE2 read differently, a syntax error, or a program too large.
   */
  public static Optional<String> problem(String regex, boolean ignoreCase) {
    if (regex.length() > MAX_LENGTH) {
      return Optional.of("Cannot use a pattern of " + regex.length()
          + " characters (expected at most " + MAX_LENGTH + ")");
    }
    Optional<String> construct = Constructs.unsupported(regex);
    if (construct.isPresent()) {
      return construct;
    }
    Pattern p;
    try {
      p = Pattern.compile(regex, flags(ignoreCase));
    } catch (PatternSyntaxException e) {
      return Optional.of("Cannot compile the pattern: " + bounded(e.getMessage()
          .replaceFirst("^error parsing regexp: ", "")) + " (expected RE2 syntax)");
    }
    if (p.programSize() > MAX_PROGRAM) {
      return Optional.of("Cannot use this pattern: it compiles to " + p.programSize()
          + " instructions (expected at most " + MAX_PROGRAM + "; use fewer or smaller counted"
          + " repetitions)");
    }
    return Optional.empty();
  }

  /**
   * The compiled pattern; {@code ignoreCase} compiles it case-insensitively, as {@code (?i)}
   * would (Unicode simple case folding).
   *
   * @throws IllegalArgumentException when {@link #problem} refuses it
   */
  public static Pattern compile(String regex, boolean ignoreCase) {
    Optional<String> problem = problem(regex, ignoreCase);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    return Pattern.compile(regex, flags(ignoreCase));
  }

  private static int flags(boolean ignoreCase) {
    return ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
  }

  /** re2j quotes the rest of the pattern from the error on: at most about 80 characters. */
  private static String bounded(String s) {
    return s.length() <= 100 ? s : s.substring(0, 97) + "...";
  }
}
