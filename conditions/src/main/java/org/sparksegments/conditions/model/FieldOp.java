package org.sparksegments.conditions.model;

import java.util.Arrays;
import java.util.Optional;

/** The operators of a profile field test, with the shape of value each one takes. */
public enum FieldOp {
  EQ("eq", Arity.ONE),
  NEQ("neq", Arity.ONE),
  IN("in", Arity.LIST),
  NOT_IN("not_in", Arity.LIST),
  GT("gt", Arity.ONE),
  GTE("gte", Arity.ONE),
  LT("lt", Arity.ONE),
  LTE("lte", Arity.ONE),
  BETWEEN("between", Arity.PAIR),
  NOT_BETWEEN("not_between", Arity.PAIR),
  CONTAINS("contains", Arity.ONE),
  NOT_CONTAINS("not_contains", Arity.ONE),
  STARTS_WITH("starts_with", Arity.ONE),
  ENDS_WITH("ends_with", Arity.ONE),
  MATCHES("matches", Arity.ONE),
  EXISTS("exists", Arity.NONE),
  NOT_EXISTS("not_exists", Arity.NONE),
  EMPTY("empty", Arity.NONE),
  NOT_EMPTY("not_empty", Arity.NONE),
  HAS("has", Arity.ONE),
  HAS_ANY("has_any", Arity.LIST),
  HAS_ALL("has_all", Arity.LIST),
  HAS_NONE("has_none", Arity.LIST),
  SIZE_EQ("size_eq", Arity.ONE),
  SIZE_GT("size_gt", Arity.ONE),
  SIZE_GTE("size_gte", Arity.ONE),
  SIZE_LT("size_lt", Arity.ONE),
  SIZE_LTE("size_lte", Arity.ONE),
  ANNIVERSARY("anniversary", Arity.WITHIN_DAYS);

  /** What the {@code value} key holds for an operator. */
  public enum Arity {
    /** No value key at all. */
    NONE,
    /** One literal. */
    ONE,
    /** A non-empty array of literals. */
    LIST,
    /** {@code [low, high]}. */
    PAIR,
    /** {@code {"within_days": N}}. */
    WITHIN_DAYS
  }

  private final String json;
  private final Arity arity;

  FieldOp(String json, Arity arity) {
    this.json = json;
    this.arity = arity;
  }

  /** The operator's name in segment documents. */
  public String json() {
    return json;
  }

  public Arity arity() {
    return arity;
  }

  /** Whether this operator takes {@code "ignore_case"}. */
  public boolean isStringTest() {
    return switch (this) {
      case EQ, NEQ, IN, NOT_IN, GT, GTE, LT, LTE, BETWEEN, NOT_BETWEEN, CONTAINS, NOT_CONTAINS,
          STARTS_WITH, ENDS_WITH, MATCHES -> true;
      default -> false;
    };
  }

  public static Optional<FieldOp> fromJson(String name) {
    return Arrays.stream(values()).filter(op -> op.json.equals(name)).findFirst();
  }

  /** All operator names, for messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(FieldOp::json).toList());
  }
}
