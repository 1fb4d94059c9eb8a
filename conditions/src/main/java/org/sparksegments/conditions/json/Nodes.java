package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.Quote;

/** Small shape checks shared by the parsers. */
final class Nodes {
  private Nodes() {}

  /** A short description of a JSON value for messages: its type and, if short, its text. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String type = switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "the string";
      case NUMBER -> "the number";
      case BOOLEAN -> "the boolean";
      case NULL -> "null";
      default -> "a value";
    };
    if (node.isContainerNode() || node.isNull()) {
      return type;
    }
    // A number as scientific text: its plain form can have a billion digits.
    String text = node.isNumber() ? Quote.number(node.decimalValue()) : node.toString();
    return type + " " + Quote.text(text);
  }

  /** Reports every key of {@code obj} outside {@code allowed}, each at its own pointer. */
  static void unknownKeys(ObjectNode obj, String pointer, Collection<String> allowed, String what,
      Problems problems) {
    Iterator<String> it = obj.fieldNames();
    while (it.hasNext()) {
      String key = it.next();
      if (!allowed.contains(key)) {
        problems.add(ErrorCode.UNKNOWN_KEY, Pointers.key(pointer, key),
            "Cannot use key '" + Quote.text(key) + "' in a " + what + ": it is not part of the"
                + " language (expected one of " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  static String requiredString(ObjectNode obj, String pointer, String key, String expected,
      Problems problems) {
    JsonNode n = obj.get(key);
    if (n == null) {
      problems.add(ErrorCode.MISSING_KEY, pointer,
          "Cannot read this object: key '" + key + "' is missing (expected " + expected + ")");
      return null;
    }
    if (!n.isTextual() || n.asText().isEmpty()) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, key),
          "Cannot read '" + key + "': found " + describe(n) + " (expected " + expected + ")");
      return null;
    }
    return n.asText();
  }

  static Optional<String> optionalString(ObjectNode obj, String pointer, String key,
      Problems problems) {
    JsonNode n = obj.get(key);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, key),
          "Cannot read '" + key + "': found " + describe(n) + " (expected a string)");
      return Optional.empty();
    }
    return Optional.of(n.asText());
  }

  /**
   * A string or a non-empty array of non-empty strings (an array is OR); empty when the key is
   * absent and not required.
   */
  static java.util.List<String> stringList(ObjectNode obj, String pointer, String key,
      boolean required, String what, Problems problems) {
    JsonNode n = obj.get(key);
    String p = Pointers.key(pointer, key);
    if (n == null) {
      if (required) {
        problems.add(ErrorCode.MISSING_KEY, pointer, "Cannot read the condition: key '" + key
            + "' is missing (expected " + what + ": a string or an array of strings)");
      }
      return java.util.List.of();
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    if (n.isTextual() && !n.asText().isEmpty()) {
      out.add(n.asText());
    } else if (n.isArray() && !n.isEmpty()) {
      for (int i = 0; i < n.size(); i++) {
        JsonNode e = n.get(i);
        if (e.isTextual() && !e.asText().isEmpty()) {
          out.add(e.asText());
        } else {
          problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.index(p, i), "Cannot read "
              + describe(e) + " in '" + key + "' (expected a non-empty string)");
        }
      }
    } else {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, p, "Cannot read '" + key + "': found "
          + describe(n) + " (expected " + what + ": a string or a non-empty array of strings)");
    }
    return out;
  }

  /** A whole number in [min, max], or -1 with a problem reported. */
  static long wholeNumber(JsonNode n, String pointer, long min, long max, String what,
      Problems problems) {
    java.math.BigDecimal d = n != null && n.isNumber() ? n.decimalValue() : null;
    if (d == null || d.stripTrailingZeros().scale() > 0
        || d.compareTo(java.math.BigDecimal.valueOf(min)) < 0
        || d.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, pointer, "Cannot read " + what + ": found "
          + describe(n) + " (expected a whole number from " + min + " to " + max + ")");
      return -1;
    }
    return d.longValueExact();
  }
}
