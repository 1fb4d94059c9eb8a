package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.SegmentRef;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;
import org.sparksegments.conditions.model.Window;

/**
 * Parses subscription, segment, static segment, external and conditions_of conditions.
 */
final class MembershipParser {
  /** The statuses a subscription record can have. */
  static final List<String> STATUSES = List.of("active", "unsubscribed", "suppressed", "bounced",
      "unconfirmed");

  private MembershipParser() {}

  static Condition parse(String kind, ObjectNode obj, String pointer, int depth,
      Problems problems) {
    int before = problems.size();
    Condition c = switch (kind) {
      case "subscription" -> subscription(obj, pointer, problems);
      case "segment" -> segment(obj, pointer, problems);
      case "static_segment" -> staticSegment(obj, pointer, problems);
      case "external" -> external(obj, pointer, depth, problems);
      case "conditions_of" -> conditionsOf(obj, pointer, problems);
      default -> throw new IllegalStateException(kind);
    };
    return problems.size() > before ? null : c;
  }

  private static String op(ObjectNode obj, String pointer, List<String> ops, String what,
      Problems problems) {
    JsonNode n = obj.get("op");
    if (n == null) {
      problems.add(ErrorCode.MISSING_KEY, pointer, "Cannot read the " + what + " condition: key"
          + " 'op' is missing (expected one of " + String.join(", ", ops) + ")");
      return null;
    }
    if (!n.isTextual() || !ops.contains(n.asText())) {
      problems.add(ErrorCode.UNKNOWN_OPERATOR, Pointers.key(pointer, "op"), "Cannot use operator "
          + Nodes.describe(n) + " on a " + what + " (expected one of " + String.join(", ", ops)
          + ")");
      return null;
    }
    return n.asText();
  }

  private static Condition subscription(ObjectNode obj, String pointer, Problems problems) {
    Nodes.unknownKeys(obj, pointer, Set.of("subscription", "resource", "op", "value"),
        "subscription condition", problems);
    List<String> channels = Nodes.stringList(obj, pointer, "subscription", true, "channels",
        problems);
    List<String> resources = Nodes.stringList(obj, pointer, "resource", false, "resources",
        problems);
    String op = op(obj, pointer, List.of("active", "status_in", "none"), "subscription",
        problems);
    List<String> statuses = List.of();
    if ("status_in".equals(op)) {
      if (!obj.has("value")) {
        problems.add(ErrorCode.MISSING_KEY, pointer, "Cannot read the subscription condition:"
            + " key 'value' is missing (status_in needs a list of statuses)");
      } else if (!obj.get("value").isArray()) {
        problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, "value"), "Cannot read"
            + " the statuses: found " + Nodes.describe(obj.get("value")) + " (expected a"
            + " non-empty array of " + String.join(", ", STATUSES) + ")");
      } else {
        statuses = Nodes.stringList(obj, pointer, "value", true, "statuses", problems);
        JsonNode arr = obj.get("value");
        for (int i = 0; i < arr.size(); i++) {
          if (arr.get(i).isTextual() && !STATUSES.contains(arr.get(i).asText())) {
            problems.add(ErrorCode.BAD_LITERAL, Pointers.index(Pointers.key(pointer, "value"), i),
                "Cannot use status " + Nodes.describe(arr.get(i)) + " (expected one of "
                    + String.join(", ", STATUSES) + ")");
          }
        }
      }
    } else if (op != null && obj.has("value")) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, "value"), "Cannot use a"
          + " value with '" + op + "' (only status_in takes one)");
    }
    if (op == null) {
      return null;
    }
    SubscriptionTest.Op o = switch (op) {
      case "active" -> SubscriptionTest.Op.ACTIVE;
      case "status_in" -> SubscriptionTest.Op.STATUS_IN;
      default -> SubscriptionTest.Op.NONE;
    };
    return new SubscriptionTest(pointer, channels, resources, o, statuses);
  }

  private static String name(ObjectNode obj, String pointer, String key, String what,
      Problems problems) {
    JsonNode n = obj.get(key);
    if (!n.isTextual() || n.asText().isEmpty()) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, key), "Cannot read '" + key
          + "': found " + Nodes.describe(n) + " (expected " + what + ")");
      return null;
    }
    return n.asText();
  }

  private static Condition segment(ObjectNode obj, String pointer, Problems problems) {
    Nodes.unknownKeys(obj, pointer, Set.of("segment", "op"), "segment condition", problems);
    String id = name(obj, pointer, "segment", "the id of another segment", problems);
    String op = op(obj, pointer, List.of("in", "not_in"), "segment", problems);
    return id == null || op == null ? null : new SegmentRef(pointer, id, op.equals("in"));
  }

  private static Condition staticSegment(ObjectNode obj, String pointer, Problems problems) {
    Nodes.unknownKeys(obj, pointer, Set.of("static_segment", "op", "window"),
        "static_segment condition", problems);
    String name = name(obj, pointer, "static_segment", "a static segment name", problems);
    String op = op(obj, pointer, List.of("in", "not_in", "ever_in", "never_in", "left"),
        "static segment", problems);
    Optional<Window> window = EventParser.window(obj, pointer, problems);
    if (obj.has("window") && op != null && !op.equals("ever_in") && !op.equals("never_in")) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, "window"), "Cannot use a"
          + " window with '" + op + "' (only ever_in and never_in take one)");
    }
    if (name == null || op == null) {
      return null;
    }
    StaticSegmentTest.Op o = StaticSegmentTest.Op.valueOf(op.toUpperCase(java.util.Locale.ROOT));
    return new StaticSegmentTest(pointer, name, o, window);
  }

  private static Condition external(ObjectNode obj, String pointer, int depth,
      Problems problems) {
    Nodes.unknownKeys(obj, pointer, Set.of("external", "op", "where"), "external condition",
        problems);
    String name = name(obj, pointer, "external", "an external table of the catalog", problems);
    String op = op(obj, pointer, List.of("exists", "not_exists"), "external table", problems);
    Optional<Condition> where = Optional.empty();
    if (obj.has("where")) {
      where = Optional.ofNullable(ConditionParser.parseWhere(obj.get("where"),
          Pointers.key(pointer, "where"), depth + 1, problems));
    }
    return name == null || op == null ? null
        : new ExternalTest(pointer, name, op.equals("exists"), where);
  }

  private static Condition conditionsOf(ObjectNode obj, String pointer, Problems problems) {
    Nodes.unknownKeys(obj, pointer, Set.of("conditions_of"), "conditions_of condition",
        problems);
    String id = name(obj, pointer, "conditions_of", "the id of another segment", problems);
    return id == null ? null : new ConditionsOf(pointer, id);
  }
}
