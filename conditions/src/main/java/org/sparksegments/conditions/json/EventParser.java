package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.model.Aggregate;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.EventFilter;
import org.sparksegments.conditions.model.EventOp;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.Literal;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.Window;

/** Parses event tests and sequences: filters, windows, operators. */
final class EventParser {
  private static final Set<String> FILTER_KEYS = Set.of("event", "channel", "campaign",
      "message", "where");
  private static final Set<String> EVENT_KEYS = Set.of("event", "channel", "campaign", "message",
      "where", "window", "op", "count", "aggregate", "value", "days");
  private static final Set<String> SEQUENCE_KEYS = Set.of("sequence", "within_days", "window");

  /** Steps are bits of an int mask in the evaluation. */
  static final int MAX_STEPS = 30;

  private EventParser() {}

  static Condition parseEvent(ObjectNode obj, String pointer, int depth, Problems problems) {
    int before = problems.size();
    Nodes.unknownKeys(obj, pointer, EVENT_KEYS, "event condition", problems);
    EventFilter filter = filter(obj, pointer, depth, problems);
    Optional<Window> window = window(obj, pointer, problems);
    JsonNode opNode = obj.get("op");
    EventOp op = null;
    if (opNode == null) {
      problems.add(ErrorCode.MISSING_KEY, pointer, "Cannot read the event condition: key 'op'"
          + " is missing (expected one of " + EventOp.names() + ")");
    } else {
      op = opNode.isTextual() ? EventOp.fromJson(opNode.asText()).orElse(null) : null;
      if (op == null) {
        problems.add(ErrorCode.UNKNOWN_OPERATOR, Pointers.key(pointer, "op"), "Cannot use"
            + " operator " + Nodes.describe(opNode) + " on events (expected one of "
            + EventOp.names() + ")");
      }
    }
    long count = -1;
    long days = -1;
    Optional<Aggregate> aggregate = Optional.empty();
    List<Literal> values = new ArrayList<>();
    if (op != null) {
      EventOp.Needs needs = op.needs();
      allowOnly(obj, pointer, op, "count", needs == EventOp.Needs.COUNT, problems);
      allowOnly(obj, pointer, op, "days", needs == EventOp.Needs.DAYS, problems);
      allowOnly(obj, pointer, op, "aggregate", needs == EventOp.Needs.AGGREGATE, problems);
      allowOnly(obj, pointer, op, "value", needs == EventOp.Needs.AGGREGATE, problems);
      switch (needs) {
        case COUNT -> count = !obj.has("count") ? -1 : Nodes.wholeNumber(obj.get("count"),
            Pointers.key(pointer, "count"), 0, Integer.MAX_VALUE, "count", problems);
        case DAYS -> days = !obj.has("days") ? -1 : Nodes.wholeNumber(obj.get("days"),
            Pointers.key(pointer, "days"), 0, WindowParser.MAX_DAYS, "days", problems);
        case AGGREGATE -> {
          aggregate = aggregate(obj, pointer, problems);
          values = values(obj, pointer, op, problems);
        }
        default -> { }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new EventTest(pointer, filter, window, op, count, aggregate, values, days);
  }

  static Condition parseSequence(ObjectNode obj, String pointer, int depth, Problems problems) {
    int before = problems.size();
    Nodes.unknownKeys(obj, pointer, SEQUENCE_KEYS, "sequence condition", problems);
    JsonNode arr = obj.get("sequence");
    String sp = Pointers.key(pointer, "sequence");
    List<EventFilter> steps = new ArrayList<>();
    if (!arr.isArray() || arr.size() < 2 || arr.size() > MAX_STEPS) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, sp, "Cannot read the sequence: found "
          + Nodes.describe(arr) + (arr.isArray() ? " of " + arr.size() : "")
          + " (expected an array of 2 to " + MAX_STEPS + " steps, each an event filter)");
    } else {
      for (int i = 0; i < arr.size(); i++) {
        JsonNode step = arr.get(i);
        String stp = Pointers.index(sp, i);
        if (!step.isObject()) {
          problems.add(ErrorCode.NOT_AN_OBJECT, stp, "Cannot read a sequence step: found "
              + Nodes.describe(step) + " (expected an event filter such as {\"event\": \"opened\"})");
          continue;
        }
        Nodes.unknownKeys((ObjectNode) step, stp, FILTER_KEYS, "sequence step", problems);
        steps.add(filter((ObjectNode) step, stp, depth, problems));
      }
    }
    long within = -1;
    if (obj.has("within_days")) {
      within = Nodes.wholeNumber(obj.get("within_days"), Pointers.key(pointer, "within_days"), 0,
          WindowParser.MAX_DAYS, "within_days", problems);
    }
    Optional<Window> window = window(obj, pointer, problems);
    if (problems.size() > before) {
      return null;
    }
    return new Sequence(pointer, steps, within, window);
  }

  /** The filter keys of an event test or a step; the where tree continues the depth. */
  private static EventFilter filter(ObjectNode obj, String pointer, int depth,
      Problems problems) {
    List<String> events = Nodes.stringList(obj, pointer, "event", true, "event names", problems);
    List<String> channels = Nodes.stringList(obj, pointer, "channel", false, "channels",
        problems);
    List<String> campaigns = Nodes.stringList(obj, pointer, "campaign", false, "campaigns",
        problems);
    List<String> messages = Nodes.stringList(obj, pointer, "message", false, "messages",
        problems);
    Optional<Condition> where = Optional.empty();
    if (obj.has("where")) {
      where = Optional.ofNullable(ConditionParser.parseWhere(obj.get("where"),
          Pointers.key(pointer, "where"), depth + 1, problems));
    }
    return new EventFilter(pointer, events, channels, campaigns, messages, where);
  }

  static Optional<Window> window(ObjectNode obj, String pointer, Problems problems) {
    JsonNode w = obj.get("window");
    return w == null ? Optional.empty()
        : Optional.ofNullable(WindowParser.parse(w, Pointers.key(pointer, "window"), problems));
  }

  private static void allowOnly(ObjectNode obj, String pointer, EventOp op, String key,
      boolean needed, Problems problems) {
    if (needed && !obj.has(key)) {
      problems.add(ErrorCode.MISSING_KEY, pointer, "Cannot read the event condition: key '"
          + key + "' is missing (operator '" + op.json() + "' needs it)");
    } else if (!needed && obj.has(key)) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.key(pointer, key), "Cannot use '" + key
          + "' with operator '" + op.json() + "' (it belongs to "
          + switch (key) {
            case "count" -> "at_least, at_most, exactly";
            case "days" -> "last_within, last_before, first_within";
            default -> "gt, gte, lt, lte, eq, between with an aggregate";
          } + ")");
    }
  }

  private static Optional<Aggregate> aggregate(ObjectNode obj, String pointer,
      Problems problems) {
    JsonNode a = obj.get("aggregate");
    String ap = Pointers.key(pointer, "aggregate");
    if (a == null) {
      return Optional.empty();
    }
    if (!a.isObject()) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, ap, "Cannot read the aggregate: found "
          + Nodes.describe(a) + " (expected {\"fn\": F, \"of\": COLUMN})");
      return Optional.empty();
    }
    Nodes.unknownKeys((ObjectNode) a, ap, Set.of("fn", "of"), "aggregate", problems);
    JsonNode fn = a.get("fn");
    Optional<Aggregate.Fn> f = fn != null && fn.isTextual() ? Aggregate.Fn.fromJson(fn.asText())
        : Optional.empty();
    if (f.isEmpty()) {
      problems.add(fn == null ? ErrorCode.MISSING_KEY : ErrorCode.UNKNOWN_OPERATOR,
          fn == null ? ap : Pointers.key(ap, "fn"), "Cannot use aggregate function "
              + Nodes.describe(fn) + " (expected sum, avg, min, max or count_distinct)");
    }
    String of = Nodes.requiredString((ObjectNode) a, ap, "of", "a column of the events table",
        problems);
    return f.isEmpty() || of == null ? Optional.empty() : Optional.of(new Aggregate(ap, f.get(), of));
  }

  private static List<Literal> values(ObjectNode obj, String pointer, EventOp op,
      Problems problems) {
    JsonNode v = obj.get("value");
    String vp = Pointers.key(pointer, "value");
    List<Literal> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (op == EventOp.BETWEEN) {
      if (!v.isArray() || v.size() != 2) {
        problems.add(ErrorCode.WRONG_VALUE_TYPE, vp, "Cannot read the value of between: found "
            + Nodes.describe(v) + " (expected [low, high])");
        return out;
      }
      for (int i = 0; i < 2; i++) {
        FieldTestParser.literal(v.get(i), Pointers.index(vp, i), problems).ifPresent(out::add);
      }
      return out;
    }
    if (v.isArray()) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, vp, "Cannot use an array with '" + op.json()
          + "' (expected one literal)");
      return out;
    }
    FieldTestParser.literal(v, vp, problems).ifPresent(out::add);
    return out;
  }
}
