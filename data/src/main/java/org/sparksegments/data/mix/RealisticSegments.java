package org.sparksegments.data.mix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A realistic mix of segments on the sample's {@code shop} database, generated from a seed: every
 * kind of the language in the shares of {@link #LEAF_SHARES}, trees nested up to depth 8,
 * references to earlier (plain and limited) segments forming chains, {@code conditions_of}
 * imports, ranges with and without salt and limits with orders (see docs/benchmarks.md).
 *
 * <p>The same (n, seed) gives the same documents byte for byte, and a shorter list is a prefix of
 * a longer one. References point only to earlier segments, so there are never cycles.
 */
public final class RealisticSegments {
  /** The seed {@code scripts/bench --mix realistic} uses unless told otherwise. */
  public static final long DEFAULT_SEED = 20261201L;

  /** The kinds of leaf condition, in the order of {@link #LEAF_SHARES}. */
  public static final List<String> LEAF_KINDS = List.of("field", "event", "event aggregate",
      "sequence", "subscription", "static_segment", "external", "segment", "conditions_of");
  /** Percent of leaf conditions of each kind of {@link #LEAF_KINDS}. */
  static final double[] LEAF_SHARES = {34, 18, 8, 6, 8, 5, 4, 12, 5};
  /** Percent of segments whose tree is 1, 2, ..., 8 levels deep. */
  static final double[] DEPTH_SHARES = {20, 30, 20, 12, 7, 5, 3, 3};
  static final int MAX_DEPTH = 8;
  /** Longest chain of segment references a new reference may extend. */
  static final int MAX_REFERENCE_CHAIN = 6;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[][] ORDER_KEYS = {{"loyalty_points", "desc"},
      {"lifetime_value", "desc"}, {"created_at", "desc"}, {"last_seen_local", "desc"},
      {"score", "asc"}, {"age", null}, {"address.zip", "asc"}};

  /** What later segments need to know of an earlier one. */
  private record Earlier(String id, boolean limited, int chain, int inlinedDepth) {}

  private final Draw d;
  private final ShopFields fields;
  private final ShopEvents events;
  private final List<Earlier> earlier = new ArrayList<>();
  private final Map<String, Earlier> byId = new HashMap<>();

  private RealisticSegments(long seed) {
    this.d = new Draw(seed);
    this.fields = new ShopFields(d);
    this.events = new ShopEvents(d, fields);
  }

  /** {@code n} segment documents from {@code seed}, ids {@code r0000}, {@code r0001}, .... */
  public static List<ObjectNode> generate(int n, long seed) {
    RealisticSegments g = new RealisticSegments(seed);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(g.segment(String.format("r%04d", i)));
    }
    return out;
  }

  /** Writes one file per segment into {@code dir} (created; must not hold other segments). */
  public static void write(Path dir, int n, long seed) throws IOException {
    Files.createDirectories(dir);
    for (ObjectNode s : generate(n, seed)) {
      Files.writeString(dir.resolve(s.get("id").asText() + ".json"),
          JSON.writeValueAsString(s) + "\n");
    }
  }

  private ObjectNode segment(String id) {
    ObjectNode s = F.objectNode();
    s.put("id", id);
    s.put("database", "shop");
    boolean holdout = d.chance(0.02);
    if (holdout || d.chance(0.15)) {
      s.set("range", range(holdout));
    }
    if (!holdout && d.chance(0.12)) {
      s.set("limit", limit());
    }
    int chain = 0;
    int inlinedDepth = 0;
    if (!holdout) {
      int target = 1 + d.weighted(DEPTH_SHARES);
      JsonNode tree = node(1, target);
      s.set("conditions", tree);
      chain = chain(tree);
      inlinedDepth = inlinedDepth(tree);
    }
    Earlier e = new Earlier(id, s.has("limit"), chain, inlinedDepth);
    earlier.add(e);
    byId.put(id, e);
    return s;
  }

  private ObjectNode range(boolean holdout) {
    ObjectNode r = F.objectNode();
    if (holdout) {
      r.put("from", 0).put("to", d.pickInt(5, 10)).put("salt", d.pick("holdout-2026", "hold-q3"));
      return r;
    }
    BigDecimal from = BigDecimal.valueOf(5L * d.below(16));
    if (d.chance(0.2)) {
      from = from.add(new BigDecimal("2.5"));
    }
    BigDecimal to = from.add(BigDecimal.valueOf(d.pickInt(10, 20, 25, 50)))
        .min(BigDecimal.valueOf(100));
    if (from.signum() > 0 || d.chance(0.5)) {
      r.put("from", from);
    }
    r.put("to", to);
    if (d.chance(0.35)) {
      r.put("salt", d.pick("exp-7", "q3-test", "ab-2026-05"));
    }
    return r;
  }

  private JsonNode limit() {
    int max = d.pickInt(50, 100, 250, 500, 1000, 5000, 10000);
    if (d.chance(0.25)) {
      return F.numberNode(max);
    }
    ObjectNode l = F.objectNode();
    l.put("max", max);
    ArrayNode order = l.putArray("order_by");
    int keys = d.chance(0.3) ? 2 : 1;
    int first = d.below(ORDER_KEYS.length);
    for (int k = 0; k < keys; k++) {
      String[] key = ORDER_KEYS[(first + k) % ORDER_KEYS.length];
      ObjectNode o = order.addObject().put("field", key[0]);
      if (key[1] != null) {
        o.put("direction", key[1]);
      }
    }
    return l;
  }

  /** A tree whose deepest path is {@code target} levels from the root (level 1). */
  private JsonNode node(int depth, int target) {
    if (depth >= target) {
      return leaf(depth);
    }
    ObjectNode n = F.objectNode();
    int g = d.weighted(55, 30, 15);
    if (g == 2) {
      n.set("not", node(depth + 1, target));
      return n;
    }
    ArrayNode a = n.putArray(g == 0 ? "all" : "any");
    // Conjunctions of many selective tests select nobody: most `all` groups have two children.
    int k = g == 0 ? 2 + d.weighted(65, 25, 10) : d.between(2, 4);
    int spine = d.below(k);
    for (int i = 0; i < k; i++) {
      int childTarget = i == spine ? target : Math.min(target, depth + 1 + d.below(2));
      a.add(node(depth + 1, childTarget));
    }
    return n;
  }

  private JsonNode leaf(int depth) {
    JsonNode leaf = switch (d.weighted(LEAF_SHARES)) {
      case 0 -> fields.profileTest();
      case 1 -> events.countTest();
      case 2 -> events.aggregateTest();
      case 3 -> events.sequence();
      case 4 -> events.subscription();
      case 5 -> events.staticSegment();
      case 6 -> events.external();
      case 7 -> reference();
      default -> conditionsOf(depth);
    };
    if (depth < MAX_DEPTH && !leaf.has("segment") && !leaf.has("conditions_of")
        && d.chance(0.06)) {
      ObjectNode not = F.objectNode();
      not.set("not", leaf);
      return not;
    }
    return leaf;
  }

  /** {@code segment in/not_in} an earlier one: a limited one, one deep in a chain, or any. */
  private JsonNode reference() {
    List<Earlier> candidates = switch (d.weighted(35, 35, 30)) {
      case 0 -> earlier.stream().filter(Earlier::limited).toList();
      case 1 -> earlier.stream().filter(e -> e.chain() > 0).toList();
      default -> earlier;
    };
    candidates = candidates.stream().filter(e -> e.chain() < MAX_REFERENCE_CHAIN).toList();
    if (candidates.isEmpty()) {
      return fields.profileTest();
    }
    ObjectNode n = F.objectNode();
    n.put("segment", d.pick(candidates).id());
    n.put("op", d.chance(0.75) ? "in" : "not_in");
    return n;
  }

  /** {@code conditions_of} an earlier segment whose tree still fits within depth 8 here. */
  private JsonNode conditionsOf(int depth) {
    List<Earlier> fit = earlier.stream()
        .filter(e -> e.inlinedDepth() > 0 && depth - 1 + e.inlinedDepth() <= MAX_DEPTH
            && e.chain() < MAX_REFERENCE_CHAIN)
        .toList();
    if (fit.isEmpty()) {
      return fields.profileTest();
    }
    ObjectNode n = F.objectNode();
    n.put("conditions_of", d.pick(fit).id());
    return n;
  }

  /** The longest chain of segment references a tree starts (imported trees included). */
  private int chain(JsonNode n) {
    int best = 0;
    if (n.has("segment")) {
      best = 1 + byId.get(n.get("segment").asText()).chain();
    } else if (n.has("conditions_of")) {
      best = byId.get(n.get("conditions_of").asText()).chain();
    }
    for (String group : List.of("all", "any", "not")) {
      if (n.has(group)) {
        JsonNode c = n.get(group);
        for (JsonNode x : c.isArray() ? c : List.of(c)) {
          best = Math.max(best, chain(x));
        }
      }
    }
    return best;
  }

  /** The depth of a tree with every {@code conditions_of} replaced by the imported tree. */
  private int inlinedDepth(JsonNode n) {
    if (n.has("conditions_of")) {
      return byId.get(n.get("conditions_of").asText()).inlinedDepth();
    }
    int below = 0;
    for (String group : List.of("all", "any", "not")) {
      if (n.has(group)) {
        JsonNode c = n.get(group);
        for (JsonNode x : c.isArray() ? c : List.of(c)) {
          below = Math.max(below, inlinedDepth(x));
        }
      }
    }
    return 1 + below;
  }
}
