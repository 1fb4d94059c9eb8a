package org.sparksegments.conditions.json;

/**
 * A document that cannot be read as JSON text: where (line and column, both from 1, or a byte
 * offset) and why, in a message of bounded size.
 */
public final class JsonReadError extends Exception {
  private static final int MAX_REASON = 300;
  private final String where;
  private final String reason;

  JsonReadError(String where, String reason) {
    super(where + ": " + reason);
    this.where = where;
    this.reason = bounded(reason);
  }

  /** Such as {@code line 3, column 14}. */
  public String where() {
    return where;
  }

  /** What is wrong there, at most a few hundred characters. */
  public String reason() {
    return reason;
  }

  // Parser messages quote the offending token; a token can be as long as the file.
  private static String bounded(String s) {
    String r = s == null ? "unreadable" : s;
    return r.length() <= MAX_REASON ? r : r.substring(0, MAX_REASON - 1) + "…";
  }
}
