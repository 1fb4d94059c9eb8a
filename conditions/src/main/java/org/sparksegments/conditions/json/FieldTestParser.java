package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.model.FieldOp;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Literal;
import org.sparksegments.conditions.regex.Regexes;

/** Parses {@code {"field": PATH, "op": OP, "value": V, "ignore_case": B}}. */
final class FieldTestParser {
  private static final Set<String> KEYS = Set.of("field", "op", "value", "ignore_case");

  private FieldTestParser() {}

  static FieldTest parse(ObjectNode obj, String pointer, Problems problems) {
    int before = problems.size();
    Nodes.unknownKeys(obj, pointer, KEYS, "field condition", problems);
    String path = Nodes.requiredString(obj, pointer, "field", "a profiles field path", problems);
    FieldOp op = parseOp(obj, pointer, problems);
    boolean ignoreCase = false;
    JsonNode ic = obj.get("ignore_case");
    String icPointer = Pointers.key(pointer, "ignore_case");
    if (ic != null) {
      if (!ic.isBoolean()) {
        problems.add(ErrorCode.WRONG_VALUE_TYPE, icPointer, "Cannot read ignore_case: found "
            + Nodes.describe(ic) + " (expected true or false)");
      } else if (op != null && !op.isStringTest() && ic.asBoolean()) {
        problems.add(ErrorCode.WRONG_VALUE_TYPE, icPointer, "Cannot use ignore_case with '"
            + op.json() + "' (expected it only with string tests: eq, neq, in, not_in, gt, gte,"
            + " lt, lte, between, not_between, contains, not_contains, starts_with, ends_with,"
            + " matches)");
      } else {
        ignoreCase = ic.asBoolean();
      }
    }
    List<Literal> values = new ArrayList<>();
    int withinDays = -1;
    if (op != null) {
      JsonNode v = obj.get("value");
      String vp = Pointers.key(pointer, "value");
      switch (op.arity()) {
        case NONE -> {
          if (v != null) {
            problems.add(ErrorCode.WRONG_VALUE_TYPE, vp, "Cannot use a value with '" + op.json()
                + "': it tests presence only (expected no 'value' key)");
          }
        }
        case ONE -> {
          if (missing(v, pointer, op, problems)) {
            break;
          }
          if (v.isArray()) {
            problems.add(ErrorCode.WRONG_VALUE_TYPE, vp, "Cannot use an array with '" + op.json()
                + "' (expected one literal; for several values use in or has_any)");
          } else {
            literal(v, vp, problems).ifPresent(values::add);
          }
        }
        case LIST, PAIR -> {
          if (missing(v, pointer, op, problems)) {
            break;
          }
          boolean pair = op.arity() == FieldOp.Arity.PAIR;
          if (!v.isArray() || v.isEmpty() || (pair && v.size() != 2)) {
            problems.add(ErrorCode.WRONG_VALUE_TYPE, vp, "Cannot read the value of '" + op.json()
                + "': found " + Nodes.describe(v) + (v.isArray() ? " of " + v.size() : "")
                + (pair ? " (expected [low, high])" : " (expected a non-empty array of literals)"));
            break;
          }
          for (int i = 0; i < v.size(); i++) {
            literal(v.get(i), Pointers.index(vp, i), problems).ifPresent(values::add);
          }
        }
        case WITHIN_DAYS -> {
          if (missing(v, pointer, op, problems)) {
            break;
          }
          withinDays = withinDays(v, vp, problems);
        }
        default -> throw new IllegalStateException(op.toString());
      }
      checkOpValues(op, values, ignoreCase, problems);
    }
    if (problems.size() > before) {
      return null;
    }
    return new FieldTest(pointer, path, op, values, ignoreCase, withinDays);
  }

  private static FieldOp parseOp(ObjectNode obj, String pointer, Problems problems) {
    JsonNode opNode = obj.get("op");
    if (opNode == null) {
      problems.add(ErrorCode.MISSING_KEY, pointer, "Cannot read the field condition: key 'op' is"
          + " missing (expected one of " + FieldOp.names() + ")");
      return null;
    }
    Optional<FieldOp> op = opNode.isTextual() ? FieldOp.fromJson(opNode.asText())
        : Optional.empty();
    if (op.isEmpty()) {
      problems.add(ErrorCode.UNKNOWN_OPERATOR, Pointers.key(pointer, "op"), "Cannot use operator "
          + Nodes.describe(opNode) + " on a field (expected one of " + FieldOp.names() + ")");
      return null;
    }
    return op.get();
  }

  private static boolean missing(JsonNode v, String pointer, FieldOp op, Problems problems) {
    if (v == null) {
      problems.add(ErrorCode.MISSING_KEY, pointer, "Cannot read the field condition: key 'value'"
          + " is missing (operator '" + op.json() + "' needs one)");
      return true;
    }
    return false;
  }

  /** A JSON literal: string, number, boolean, or a relative day literal. */
  static Optional<Literal> literal(JsonNode v, String pointer, Problems problems) {
    if (v.isTextual()) {
      return Optional.of(new Literal.Text(pointer, v.asText()));
    }
    if (v.isNumber()) {
      return Optional.of(new Literal.Number(pointer, v.decimalValue()));
    }
    if (v.isBoolean()) {
      return Optional.of(new Literal.Bool(pointer, v.asBoolean()));
    }
    if (v.isObject() && v.size() == 1 && (v.has("days_ago") || v.has("days_ahead"))) {
      String key = v.has("days_ago") ? "days_ago" : "days_ahead";
      JsonNode n = v.get(key);
      BigDecimal d = n.isNumber() ? n.decimalValue() : null;
      if (d == null || d.signum() < 0 || d.stripTrailingZeros().scale() > 0
          || d.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
        problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, key), "Cannot read "
            + key + ": found " + Nodes.describe(n) + " (expected a whole number of days, 0 to"
            + " 1000000)");
        return Optional.empty();
      }
      long days = d.longValueExact();
      return Optional.of(new Literal.Relative(pointer, key.equals("days_ago") ? -days : days));
    }
    problems.add(ErrorCode.WRONG_VALUE_TYPE, pointer, "Cannot use " + Nodes.describe(v)
        + " as a literal (expected a string, number, boolean, {\"days_ago\": N} or"
        + " {\"days_ahead\": N}; test for null with exists / not_exists)");
    return Optional.empty();
  }

  private static int withinDays(JsonNode v, String pointer, Problems problems) {
    JsonNode n = v.isObject() && v.size() == 1 ? v.get("within_days") : null;
    BigDecimal d = n != null && n.isNumber() ? n.decimalValue() : null;
    if (d == null || d.signum() < 0 || d.stripTrailingZeros().scale() > 0
        || d.compareTo(BigDecimal.valueOf(366)) > 0) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, pointer, "Cannot read the value of anniversary:"
          + " found " + Nodes.describe(v) + " (expected {\"within_days\": N}, N from 0 to 366)");
      return -1;
    }
    return d.intValueExact();
  }

  /** Checks that need the operator but no schema: regexes and sizes. */
  private static void checkOpValues(FieldOp op, List<Literal> values, boolean ignoreCase,
      Problems problems) {
    if (op == FieldOp.MATCHES && values.size() == 1) {
      Literal l = values.get(0);
      if (!(l instanceof Literal.Text t)) {
        problems.add(ErrorCode.WRONG_VALUE_TYPE, l.pointer(),
            "Cannot use this pattern: matches takes a string (a regular expression, RE2 syntax)");
      } else {
        Regexes.problem(t.value(), ignoreCase)
            .ifPresent(m -> problems.add(ErrorCode.BAD_REGEX, l.pointer(), m));
      }
    }
    if (op.name().startsWith("SIZE_") && values.size() == 1) {
      Literal l = values.get(0);
      boolean ok = l instanceof Literal.Number n && n.value().signum() >= 0
          && n.value().stripTrailingZeros().scale() <= 0
          && n.value().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
      if (!ok) {
        problems.add(ErrorCode.BAD_LITERAL, l.pointer(), "Cannot compare a size with this"
            + " value (expected a whole number, 0 or more)");
      }
    }
  }
}
