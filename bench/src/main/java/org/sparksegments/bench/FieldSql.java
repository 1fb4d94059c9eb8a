package org.sparksegments.bench;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Literal;

/**
 * A field test (spec 3.1) as a DuckDB predicate over a top-level column whose DuckDB type is
 * known. Two-valued logic as in the engine: every positive test is {@code coalesce(p, false)}
 * and every negative one {@code NOT coalesce(p, false)}, so a test on a missing value is false
 * and a negative operator is the exact complement of its twin.
 *
 * <p>Not translated (reported instead): dotted paths, {@code ignore_case} (DuckDB and Java
 * lower-case Unicode differently), {@code matches} (Java regular expressions are not RE2),
 * {@code anniversary}, relative literals, and value tests on date, timestamp, struct or map
 * columns, whose day and time-zone rules the engine applies.
 */
final class FieldSql {
  private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT",
      "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");

  /** What a DuckDB column type allows. */
  enum Kind { STRING, INTEGER, FLOATING, DECIMAL, BOOLEAN, LIST, MAP, OTHER }

  private FieldSql() {}

  /** The predicate of {@code f} over {@code type}, a column of the table being filtered. */
  static String test(FieldTest f, String type) {
    if (f.ignoreCase()) {
      throw new Untranslatable("field " + f.path() + ": ignore_case is not translated"
          + " (DuckDB and Java lower-case Unicode differently)");
    }
    String c = DuckSql.ident(f.path());
    Kind kind = kind(type);
    String element = kind == Kind.LIST ? type.substring(0, type.length() - 2) : null;
    List<Literal> v = f.values();
    return switch (f.op()) {
      case EQ -> yes(c + " = " + scalar(f, v.get(0), type));
      case NEQ -> no(c + " = " + scalar(f, v.get(0), type));
      case IN -> yes(c + " IN (" + scalars(f, v, type) + ")");
      case NOT_IN -> no(c + " IN (" + scalars(f, v, type) + ")");
      case GT -> yes(c + " > " + ordered(f, v.get(0), type));
      case GTE -> yes(c + " >= " + ordered(f, v.get(0), type));
      case LT -> yes(c + " < " + ordered(f, v.get(0), type));
      case LTE -> yes(c + " <= " + ordered(f, v.get(0), type));
      case BETWEEN -> yes(between(f, c, type));
      case NOT_BETWEEN -> no(between(f, c, type));
      case CONTAINS -> yes("contains(" + c + ", " + text(f, v.get(0), kind) + ")");
      case NOT_CONTAINS -> no("contains(" + c + ", " + text(f, v.get(0), kind) + ")");
      case STARTS_WITH -> yes("starts_with(" + c + ", " + text(f, v.get(0), kind) + ")");
      case ENDS_WITH -> yes("ends_with(" + c + ", " + text(f, v.get(0), kind) + ")");
      case EXISTS -> c + " IS NOT NULL";
      case NOT_EXISTS -> c + " IS NULL";
      case EMPTY -> "(" + empty(f, c, kind) + ")";
      case NOT_EMPTY -> "NOT (" + empty(f, c, kind) + ")";
      case HAS -> yes("list_contains(" + c + ", " + scalar(f, v.get(0), list(f, element)) + ")");
      case HAS_ANY -> yes(hasAny(f, c, v, list(f, element)));
      case HAS_ALL -> yes(v.stream().map(l -> "list_contains(" + c + ", "
          + scalar(f, l, list(f, element)) + ")").collect(Collectors.joining(" AND ")));
      case HAS_NONE -> no(hasAny(f, c, v, list(f, element)));
      case SIZE_EQ -> yes(size(f, c, kind) + " = " + count(f, v.get(0)));
      case SIZE_GT -> yes(size(f, c, kind) + " > " + count(f, v.get(0)));
      case SIZE_GTE -> yes(size(f, c, kind) + " >= " + count(f, v.get(0)));
      case SIZE_LT -> yes(size(f, c, kind) + " < " + count(f, v.get(0)));
      case SIZE_LTE -> yes(size(f, c, kind) + " <= " + count(f, v.get(0)));
      case MATCHES, ANNIVERSARY -> throw new Untranslatable("field " + f.path() + ": "
          + f.op().json() + " is not translated");
    };
  }

  static Kind kind(String type) {
    if (type.equals("VARCHAR")) {
      return Kind.STRING;
    }
    if (INTEGERS.contains(type)) {
      return Kind.INTEGER;
    }
    if (type.equals("DOUBLE") || type.equals("FLOAT")) {
      return Kind.FLOATING;
    }
    if (type.startsWith("DECIMAL")) {
      return Kind.DECIMAL;
    }
    if (type.equals("BOOLEAN")) {
      return Kind.BOOLEAN;
    }
    if (type.endsWith("[]")) {
      return Kind.LIST;
    }
    return type.startsWith("MAP(") ? Kind.MAP : Kind.OTHER;
  }

  /**
   * A literal converted to the column's type, as the binder converts it: strings for strings,
   * numbers for numbers (cast to the floating type of a floating column), booleans for booleans.
   */
  static String scalar(FieldTest f, Literal l, String type) {
    Kind kind = kind(type);
    if (l instanceof Literal.Text t && kind == Kind.STRING) {
      return DuckSql.string(t.value());
    }
    if (l instanceof Literal.Bool b && kind == Kind.BOOLEAN) {
      return Boolean.toString(b.value());
    }
    if (l instanceof Literal.Number n) {
      return switch (kind) {
        case INTEGER -> integral(f, n.value()).toPlainString();
        case DECIMAL -> DuckSql.number(n.value());
        case FLOATING -> "CAST(" + DuckSql.number(n.value()) + " AS " + type + ")";
        default -> throw unfit(f, l, type);
      };
    }
    throw unfit(f, l, type);
  }

  private static String scalars(FieldTest f, List<Literal> values, String type) {
    return values.stream().map(l -> scalar(f, l, type)).collect(Collectors.joining(", "));
  }

  /** A literal for an order comparison: strings (by UTF-8 bytes in both engines) or numbers. */
  private static String ordered(FieldTest f, Literal l, String type) {
    Kind kind = kind(type);
    if (kind == Kind.BOOLEAN || kind == Kind.LIST || kind == Kind.MAP || kind == Kind.OTHER) {
      throw unfit(f, l, type);
    }
    return scalar(f, l, type);
  }

  private static String between(FieldTest f, String c, String type) {
    return c + " >= " + ordered(f, f.values().get(0), type) + " AND " + c + " <= "
        + ordered(f, f.values().get(1), type);
  }

  private static String text(FieldTest f, Literal l, Kind kind) {
    if (kind != Kind.STRING || !(l instanceof Literal.Text t)) {
      throw unfit(f, l, "a string test");
    }
    return DuckSql.string(t.value());
  }

  private static String empty(FieldTest f, String c, Kind kind) {
    return switch (kind) {
      case STRING -> c + " IS NULL OR " + c + " = ''";
      case LIST, MAP -> c + " IS NULL OR " + size(f, c, kind) + " = 0";
      default -> throw new Untranslatable("field " + f.path() + ": empty on a non-string");
    };
  }

  private static String size(FieldTest f, String c, Kind kind) {
    return switch (kind) {
      case LIST -> "len(" + c + ")";
      case MAP -> "cardinality(" + c + ")";
      default -> throw new Untranslatable("field " + f.path() + ": size of a non-collection");
    };
  }

  private static String hasAny(FieldTest f, String c, List<Literal> values, String element) {
    return "list_has_any(" + c + ", [" + scalars(f, values, element) + "])";
  }

  private static String list(FieldTest f, String element) {
    if (element == null) {
      throw new Untranslatable("field " + f.path() + ": " + f.op().json() + " on a non-array");
    }
    return element;
  }

  private static String count(FieldTest f, Literal l) {
    if (!(l instanceof Literal.Number n)) {
      throw unfit(f, l, "a size");
    }
    return integral(f, n.value()).toPlainString();
  }

  private static BigDecimal integral(FieldTest f, BigDecimal v) {
    try {
      return new BigDecimal(v.toBigIntegerExact());
    } catch (ArithmeticException e) {
      throw new Untranslatable("field " + f.path() + ": " + v + " is not a whole number");
    }
  }

  private static Untranslatable unfit(FieldTest f, Literal l, String type) {
    return new Untranslatable("field " + f.path() + " (" + type + "): " + f.op().json()
        + " with " + l.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
        + " literal is not translated");
  }

  private static String yes(String p) {
    return "coalesce(" + p + ", false)";
  }

  private static String no(String p) {
    return "NOT coalesce(" + p + ", false)";
  }
}
