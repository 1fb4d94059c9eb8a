package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.model.Range;

/** Reads {@code {"from": F, "to": T, "salt": S}} (percent, at most two decimals). */
final class RangeParser {
  private RangeParser() {}

  static Range parse(JsonNode node, String pointer, Problems problems) {
    if (node == null) {
      return Range.ALL;
    }
    if (!node.isObject()) {
      problems.add(ErrorCode.BAD_RANGE, pointer, "Cannot read the range: found "
          + Nodes.describe(node) + " (expected {\"from\": F, \"to\": T} in percent)");
      return Range.ALL;
    }
    ObjectNode obj = (ObjectNode) node;
    int before = problems.size();
    Nodes.unknownKeys(obj, pointer, Set.of("from", "to", "salt"), "range", problems);
    int from = percent(obj.get("from"), pointer + "/from", 0, problems);
    int to = percent(obj.get("to"), pointer + "/to", Range.BUCKETS, problems);
    Optional<String> salt = Optional.empty();
    JsonNode s = obj.get("salt");
    if (s != null) {
      if (s.isTextual() && !s.asText().isEmpty()) {
        salt = Optional.of(s.asText());
      } else {
        problems.add(ErrorCode.BAD_RANGE, pointer + "/salt",
            "Cannot use this salt: found " + Nodes.describe(s) + " (expected a non-empty string)");
      }
    }
    if (problems.size() > before) {
      return Range.ALL;
    }
    if (from >= to) {
      problems.add(ErrorCode.BAD_RANGE, pointer + "/to", "Cannot use this range: to ("
          + to / 100.0 + ") is not greater than from (" + from / 100.0
          + ") (expected 0 <= from < to <= 100)");
      return Range.ALL;
    }
    return new Range(from, to, salt);
  }

  /** A percent with at most two decimals as a bucket bound (percent times 100). */
  private static int percent(JsonNode n, String pointer, int dflt, Problems problems) {
    if (n == null) {
      return dflt;
    }
    BigDecimal v = n.isNumber() ? n.decimalValue() : null;
    if (v == null || v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0
        || v.stripTrailingZeros().scale() > 2) {
      problems.add(ErrorCode.BAD_RANGE, pointer, "Cannot use this range bound: found "
          + Nodes.describe(n) + " (expected a percent from 0 to 100 with at most two decimals)");
      return dflt;
    }
    return v.movePointRight(2).intValueExact();
  }
}
