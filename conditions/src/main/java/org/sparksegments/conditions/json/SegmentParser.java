package org.sparksegments.conditions.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.Limit;
import org.sparksegments.conditions.model.OrderField;
import org.sparksegments.conditions.model.Range;
import org.sparksegments.conditions.model.Segment;

/**
 * Parses segment files into {@link Segment} models, checking shape only (keys, kinds, literal
 * shapes); nothing here knows a schema or a catalog.
 */
public final class SegmentParser {

  /** Files larger than this are refused before parsing. */
  public static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> SEGMENT_KEYS =
      Set.of("id", "name", "description", "tags", "database", "range", "limit", "conditions");

  /**
   * The outcome for one segment of a file: its problems, and the model of what could be read
   * (null when not even id and database could). Only an entry without errors may be evaluated.
   * A file-level problem (malformed JSON, too large) gives one entry with no id.
   */
  public record Parsed(
      String source, String pointerPrefix, String id, Segment segment,
      List<ValidationError> errors) {
    public Parsed {
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private SegmentParser() {}

  /** True for a well-formed segment id: 1 to 64 of {@code A-Z a-z 0-9 _ -}. */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Parses the text of a segments file.
   *
   * @param source the file name used in messages
   * @return one entry per segment in file order; invalid segments carry their errors
   */
  public static List<Parsed> parseText(String source, String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_BYTES) {
      return List.of(fileError(source, ErrorCode.FILE_TOO_LARGE,
          "Cannot read the document: it is larger than 1 MiB (expected at most "
              + MAX_FILE_BYTES + " bytes)"));
    }
    JsonNode root;
    try {
      root = Json.readTree(text);
    } catch (JsonReadError e) {
      return List.of(fileError(source, ErrorCode.MALFORMED_JSON,
          "Cannot parse JSON at " + e.where() + ": " + e.reason()));
    }
    if (root == null || root.isMissingNode()) {
      return List.of(fileError(source, ErrorCode.MALFORMED_JSON,
          "Cannot parse the file: it is empty (expected a segment object or an array of them)"));
    }
    List<Parsed> out = new ArrayList<>();
    if (root.isArray()) {
      for (int i = 0; i < root.size(); i++) {
        out.add(parseSegment(source, "/" + i, root.get(i)));
      }
      if (root.isEmpty()) {
        out.add(fileError(source, ErrorCode.NOT_AN_OBJECT,
            "Cannot read segments: the array is empty (expected at least one segment object)"));
      }
    } else {
      out.add(parseSegment(source, "", root));
    }
    markDuplicates(out);
    return out;
  }

  /**
   * Marks every segment whose id was already used by an earlier entry of the list, also when
   * the two differ only in case: ids name output folders, and {@code Berlin} and {@code berlin}
   * would share one on a case-insensitive file system.
   */
  public static List<Parsed> markDuplicates(List<Parsed> all) {
    Map<String, Parsed> seen = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      Parsed p = all.get(i);
      if (p.id() == null) {
        continue;
      }
      Parsed first = seen.putIfAbsent(p.id().toLowerCase(java.util.Locale.ROOT), p);
      boolean marked = p.errors().stream().anyMatch(e -> e.code() == ErrorCode.DUPLICATE_ID);
      if (first != null && first != p && !marked) {
        List<ValidationError> errors = new ArrayList<>(p.errors());
        String again = first.id().equals(p.id()) ? "again: it is already the id of a segment in "
            : "as well as '" + first.id() + "': ids that differ only in case are the same"
                + " output folder on some file systems; '" + first.id() + "' is the id of a"
                + " segment in ";
        errors.add(new ValidationError(ErrorCode.DUPLICATE_ID, p.source(), p.id(),
            p.pointerPrefix() + "/id",
            "Cannot use segment id '" + p.id() + "' " + again + first.source()
                + at(first.pointerPrefix()) + " (expected ids unique in a set, ignoring case)"));
        all.set(i, new Parsed(p.source(), p.pointerPrefix(), p.id(), p.segment(), errors));
      }
    }
    return all;
  }

  private static String at(String prefix) {
    return prefix.isEmpty() ? "" : " at " + prefix;
  }

  /** An entry that stands for a whole file that could not be read or parsed. */
  public static Parsed fileError(String source, ErrorCode code, String message) {
    return new Parsed(source, "", null, null,
        List.of(new ValidationError(code, source, null, "", message)));
  }

  private static Parsed parseSegment(String source, String prefix, JsonNode node) {
    Problems problems = new Problems();
    if (!node.isObject()) {
      problems.add(ErrorCode.NOT_AN_OBJECT, prefix,
          "Cannot read a segment: found " + Nodes.describe(node) + " (expected a JSON object)");
      return new Parsed(source, prefix, null, null, locate(problems, source, null));
    }
    ObjectNode obj = (ObjectNode) node;
    Nodes.unknownKeys(obj, prefix, SEGMENT_KEYS, "segment", problems);

    String id = null;
    JsonNode idNode = obj.get("id");
    if (idNode == null) {
      problems.add(ErrorCode.MISSING_KEY, prefix,
          "Cannot read the segment: key 'id' is missing (expected 1 to 64 of A-Z a-z 0-9 _ -)");
    } else if (!idNode.isTextual() || !ID.matcher(idNode.asText()).matches()) {
      problems.add(ErrorCode.BAD_ID, prefix + "/id",
          "Cannot use this segment id: found " + Nodes.describe(idNode)
              + " (expected 1 to 64 of A-Z a-z 0-9 _ -, since it names output folders)");
    } else {
      id = idNode.asText();
    }

    String database = Nodes.requiredString(obj, prefix, "database", "a database name of the catalog",
        problems);
    Optional<String> name = Nodes.optionalString(obj, prefix, "name", problems);
    Optional<String> description = Nodes.optionalString(obj, prefix, "description", problems);
    List<String> tags = parseTags(obj.get("tags"), prefix + "/tags", problems);
    Range range = RangeParser.parse(obj.get("range"), prefix + "/range", problems);
    Limit limit = parseLimit(obj.get("limit"), prefix + "/limit", problems);

    Optional<Condition> conditions = Optional.empty();
    JsonNode cond = obj.get("conditions");
    if (cond != null) {
      conditions = Optional.ofNullable(
          ConditionParser.parseTop(cond, prefix + "/conditions", problems));
    }
    // With errors, the model keeps what could be read, so the binder can report the rest
    // (a bad id still names the segment in messages).
    String modelId = id != null ? id : idNode != null && idNode.isTextual() ? idNode.asText() : null;
    Segment segment = modelId == null || database == null ? null
        : new Segment(source, prefix, modelId, database, name, description, tags, range, limit,
            conditions, obj);
    return new Parsed(source, prefix, id, segment, locate(problems, source, id));
  }

  private static List<ValidationError> locate(Problems problems, String source, String id) {
    return problems.list().stream().map(e -> e.locate(source, id)).toList();
  }

  private static List<String> parseTags(JsonNode node, String pointer, Problems problems) {
    if (node == null) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(ErrorCode.WRONG_VALUE_TYPE, pointer,
          "Cannot read tags: found " + Nodes.describe(node) + " (expected an array of strings)");
      return tags;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode t = node.get(i);
      if (t.isTextual()) {
        tags.add(t.asText());
      } else {
        problems.add(ErrorCode.WRONG_VALUE_TYPE, Pointers.index(pointer, i),
            "Cannot read a tag: found " + Nodes.describe(t) + " (expected a string)");
      }
    }
    return tags;
  }

  private static Limit parseLimit(JsonNode node, String pointer, Problems problems) {
    if (node == null || node.isNull()) {
      return Limit.NONE;
    }
    if (node.isNumber()) {
      return new Limit(limitMax(node, pointer, problems), List.of());
    }
    if (!node.isObject()) {
      problems.add(ErrorCode.BAD_LIMIT, pointer, "Cannot read the limit: found "
          + Nodes.describe(node) + " (expected a number N or {\"max\": N, \"order_by\": [...]})");
      return Limit.NONE;
    }
    ObjectNode obj = (ObjectNode) node;
    Nodes.unknownKeys(obj, pointer, Set.of("max", "order_by"), "limit", problems);
    JsonNode maxNode = obj.get("max");
    long max = maxNode == null || maxNode.isNull() ? 0
        : limitMax(maxNode, pointer + "/max", problems);
    List<OrderField> order = new ArrayList<>();
    JsonNode ob = obj.get("order_by");
    if (ob != null) {
      String obPointer = pointer + "/order_by";
      if (!ob.isArray()) {
        problems.add(ErrorCode.BAD_LIMIT, obPointer, "Cannot read order_by: found "
            + Nodes.describe(ob) + " (expected an array of {\"field\", \"direction\"} objects)");
      } else {
        for (int i = 0; i < ob.size(); i++) {
          OrderField f = parseOrderField(ob.get(i), Pointers.index(obPointer, i), problems);
          if (f != null) {
            order.add(f);
          }
        }
      }
    }
    return new Limit(Math.max(0, max), order);
  }

  private static long limitMax(JsonNode node, String pointer, Problems problems) {
    BigDecimal v = node.isNumber() ? node.decimalValue() : null;
    if (v == null || v.signum() < 0 || v.stripTrailingZeros().scale() > 0
        || v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      problems.add(ErrorCode.BAD_LIMIT, pointer, "Cannot use this limit: found "
          + Nodes.describe(node) + " (expected a whole number, 0 or more; 0 means no limit)");
      return 0;
    }
    return v.longValueExact();
  }

  private static OrderField parseOrderField(JsonNode node, String pointer, Problems problems) {
    if (!node.isObject()) {
      problems.add(ErrorCode.BAD_LIMIT, pointer, "Cannot read an order_by entry: found "
          + Nodes.describe(node) + " (expected {\"field\": PATH, \"direction\": \"asc\"|\"desc\"})");
      return null;
    }
    ObjectNode obj = (ObjectNode) node;
    Nodes.unknownKeys(obj, pointer, Set.of("field", "direction"), "order_by entry", problems);
    String field = Nodes.requiredString(obj, pointer, "field", "a profiles field path", problems);
    boolean desc = false;
    JsonNode dir = obj.get("direction");
    if (dir != null) {
      if (dir.isTextual() && dir.asText().equals("desc")) {
        desc = true;
      } else if (!(dir.isTextual() && dir.asText().equals("asc"))) {
        problems.add(ErrorCode.BAD_LIMIT, pointer + "/direction", "Cannot use this direction: found "
            + Nodes.describe(dir) + " (expected \"asc\" or \"desc\")");
      }
    }
    return field == null ? null : new OrderField(pointer, field, desc);
  }
}
