package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.model.AllOf;
import org.sparksegments.conditions.model.AnyOf;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.Not;

/** Parses a condition tree: one kind key per object, the limits of depth and size first. */
final class ConditionParser {

  /** The top condition is at depth 1; a node at depth 33 is too deep. */
  static final int MAX_DEPTH = org.sparksegments.conditions.model.TreeLimits.MAX_DEPTH;
  static final int MAX_NODES = org.sparksegments.conditions.model.TreeLimits.MAX_NODES;

  /** Every kind key of the language, in the spec's order. */
  static final List<String> KINDS = List.of("all", "any", "not", "field", "event", "subscription",
      "segment", "static_segment", "external", "conditions_of", "sequence");

  /** The kinds a {@code where} tree may hold: field tests over another table's columns. */
  private static final Set<String> WHERE_KINDS = Set.of("all", "any", "not", "field");

  private ConditionParser() {}

  /**
   * Parses the {@code conditions} value of a segment. Nodes with errors are reported and left
   * out, so that the binder can still report the problems of the rest; null when nothing is
   * left or a limit is exceeded.
   */
  static Condition parseTop(JsonNode node, String pointer, Problems problems) {
    if (!checkLimits(node, pointer, problems)) {
      return null;
    }
    return parse(node, pointer, 1, false, problems);
  }

  /** Parses a {@code where} tree at {@code depth}: all, any, not and field tests only. */
  static Condition parseWhere(JsonNode node, String pointer, int depth, Problems problems) {
    return parse(node, pointer, depth, true, problems);
  }

  /**
   * Walks the tree without recursion (a 1 MiB file can nest far deeper than the stack allows) to
   * count the nodes and find the first node past the depth limit, in document order. Pointers
   * are kept as links to the parent and spelled out only for the node reported, so the walk
   * stays linear in the size of the document.
   */
  private static boolean checkLimits(JsonNode top, String pointer, Problems problems) {
    record Item(JsonNode node, Item parent, String step, int depth) {
      String pointer(String root) {
        java.util.ArrayDeque<String> steps = new java.util.ArrayDeque<>();
        for (Item i = this; i.parent != null; i = i.parent) {
          steps.push(i.step);
        }
        return root + String.join("", steps);
      }
    }
    Deque<Item> stack = new ArrayDeque<>();
    stack.push(new Item(top, null, "", 1));
    int nodes = 0;
    boolean tooDeepReported = false;
    while (!stack.isEmpty()) {
      Item it = stack.pop();
      nodes++;
      if (it.depth > MAX_DEPTH && !tooDeepReported) {
        problems.add(ErrorCode.TOO_DEEP, it.pointer(pointer), "Cannot nest conditions this deep:"
            + " this node is at depth " + it.depth + " (expected at most " + MAX_DEPTH + ")");
        tooDeepReported = true;
      }
      List<Child> children = childConditions(it.node, "");
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(new Item(children.get(i).node(), it, children.get(i).pointer(),
            it.depth + 1));
      }
    }
    if (nodes > MAX_NODES) {
      problems.add(ErrorCode.TOO_MANY_NODES, pointer, "Cannot evaluate a tree of " + nodes
          + " condition nodes (expected at most " + MAX_NODES + ")");
    }
    return !tooDeepReported && nodes <= MAX_NODES;
  }

  record Child(JsonNode node, String pointer) {}

  /** The condition objects directly inside a condition object, in document order. */
  private static List<Child> childConditions(JsonNode node, String pointer) {
    List<Child> out = new ArrayList<>();
    if (!node.isObject()) {
      return out;
    }
    for (String group : List.of("all", "any")) {
      JsonNode arr = node.get(group);
      if (arr != null && arr.isArray()) {
        for (int i = 0; i < arr.size(); i++) {
          out.add(new Child(arr.get(i), Pointers.index(Pointers.key(pointer, group), i)));
        }
      }
    }
    JsonNode not = node.get("not");
    if (not != null) {
      out.add(new Child(not, Pointers.key(pointer, "not")));
    }
    JsonNode where = node.get("where");
    if (where != null && (node.has("event") || node.has("external"))) {
      out.add(new Child(where, Pointers.key(pointer, "where")));
    }
    JsonNode seq = node.get("sequence");
    if (seq != null && seq.isArray()) {
      for (int i = 0; i < seq.size(); i++) {
        JsonNode w = seq.get(i).get("where");
        if (w != null) {
          out.add(new Child(w, Pointers.key(Pointers.index(Pointers.key(pointer, "sequence"), i),
              "where")));
        }
      }
    }
    return out;
  }

  private static Condition parse(JsonNode node, String pointer, int depth, boolean where,
      Problems problems) {
    if (!node.isObject()) {
      problems.add(ErrorCode.NOT_AN_OBJECT, pointer, "Cannot read a condition: found "
          + Nodes.describe(node) + " (expected an object with one of the keys "
          + String.join(", ", KINDS) + ")");
      return null;
    }
    ObjectNode obj = (ObjectNode) node;
    List<String> kinds = new ArrayList<>();
    for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (KINDS.contains(key)) {
        kinds.add(key);
      }
    }
    if (kinds.isEmpty()) {
      List<String> keys = new ArrayList<>();
      obj.fieldNames().forEachRemaining(keys::add);
      problems.add(ErrorCode.UNKNOWN_KIND, pointer, "Cannot tell the kind of this condition: it"
          + " has the keys " + keys + " (expected exactly one of " + String.join(", ", KINDS) + ")");
      return null;
    }
    if (kinds.size() > 1) {
      problems.add(ErrorCode.MULTIPLE_KINDS, pointer, "Cannot tell the kind of this condition:"
          + " it has the kind keys " + kinds + " (expected exactly one)");
      return null;
    }
    String kind = kinds.get(0);
    if (where && !WHERE_KINDS.contains(kind)) {
      problems.add(ErrorCode.KIND_NOT_ALLOWED, Pointers.key(pointer, kind), "Cannot use a '"
          + kind + "' condition inside where (expected field tests over the table's own columns,"
          + " combined with all, any and not)");
      return null;
    }
    return switch (kind) {
      case "all", "any" -> parseGroup(obj, kind, pointer, depth, where, problems);
      case "not" -> parseNot(obj, pointer, depth, where, problems);
      case "field" -> FieldTestParser.parse(obj, pointer, problems);
      case "event" -> EventParser.parseEvent(obj, pointer, depth, problems);
      case "sequence" -> EventParser.parseSequence(obj, pointer, depth, problems);
      default -> MembershipParser.parse(kind, obj, pointer, depth, problems);
    };
  }

  private static Condition parseGroup(ObjectNode obj, String kind, String pointer, int depth,
      boolean where, Problems problems) {
    Nodes.unknownKeys(obj, pointer, Set.of(kind), kind + " condition", problems);
    JsonNode arr = obj.get(kind);
    String arrPointer = Pointers.key(pointer, kind);
    if (!arr.isArray()) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, arrPointer, "Cannot read '" + kind + "': found "
          + Nodes.describe(arr) + " (expected a non-empty array of conditions)");
      return null;
    }
    if (arr.isEmpty()) {
      problems.add(ErrorCode.EMPTY_GROUP, arrPointer, "Cannot evaluate an empty '" + kind
          + "': it has no conditions (expected at least one)");
      return null;
    }
    List<Condition> children = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      Condition c = parse(arr.get(i), Pointers.index(arrPointer, i), depth + 1, where, problems);
      if (c != null) {
        children.add(c);
      }
    }
    if (children.isEmpty()) {
      return null;
    }
    return kind.equals("all") ? new AllOf(pointer, children) : new AnyOf(pointer, children);
  }

  private static Condition parseNot(ObjectNode obj, String pointer, int depth, boolean where,
      Problems problems) {
    Nodes.unknownKeys(obj, pointer, Set.of("not"), "not condition", problems);
    Condition child = parse(obj.get("not"), Pointers.key(pointer, "not"), depth + 1, where,
        problems);
    return child == null ? null : new Not(pointer, child);
  }
}
