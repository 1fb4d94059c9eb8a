package org.sparksegments.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** SQL text pieces for DuckDB: quoted literals and identifiers, instants for a column type. */
final class DuckSql {
  private static final DateTimeFormatter WALL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private DuckSql() {}

  /** A string literal: single quotes doubled; DuckDB reads backslashes literally. */
  static String string(String s) {
    if (s.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("NUL character in a string literal");
    }
    return "'" + s.replace("'", "''") + "'";
  }

  /** A list of string literals, for IN and list functions. */
  static String strings(List<String> values) {
    return values.stream().map(DuckSql::string).collect(Collectors.joining(", "));
  }

  /** {@code column IN (values)}, false where the column is null. */
  static String in(String column, List<String> values) {
    return "coalesce(" + ident(column) + " IN (" + strings(values) + "), false)";
  }

  /** A quoted identifier (a column name), whatever characters it holds. */
  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** An exact number as written (never in exponent form). */
  static String number(BigDecimal v) {
    return v.toPlainString();
  }

  /**
   * An instant as a literal comparable with a column of DuckDB type {@code type} without any
   * cast of the column: Spark's INT96 timestamps read as TIMESTAMP holding UTC wall time;
   * timestamps written as adjusted-to-UTC INT64 read as TIMESTAMP WITH TIME ZONE.
   */
  static String instant(Instant i, String type) {
    String wall = WALL.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
    return switch (type) {
      case "TIMESTAMP" -> "TIMESTAMP '" + wall + "'";
      case "TIMESTAMP_NS" -> "TIMESTAMP_NS '" + wall + "'";
      case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMPTZ '" + wall + "+00'";
      default -> throw new IllegalArgumentException("not an instant column type: " + type);
    };
  }

  /** Whether a DuckDB column type holds instants this class can write literals for. */
  static boolean isInstant(String type) {
    return type.equals("TIMESTAMP") || type.equals("TIMESTAMP_NS")
        || type.equals("TIMESTAMP WITH TIME ZONE");
  }
}
