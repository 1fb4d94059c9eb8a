package org.sparksegments.data.mix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * Field tests on the sample's {@code shop} profiles, one per type of column and every operator,
 * with literals taken from the generator's own value lists so that most tests select a share of
 * the profiles that is neither none nor all.
 */
final class ShopFields {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final String[] CITIES = {"Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt", "Leipzig",
      "Dresden", "M\u00fcnchen", "Stuttgart", "D\u00fcsseldorf", "Wien", "Z\u00fcrich"};
  static final String[] TAGS = {"newsletter", "sale", "vip", "eco", "sport", "kids"};
  private static final String[] FIRST_NAMES = {"Anna", "Lukas", "Marie", "Jonas", "Sophie", "Leon",
      "Emma", "Paul", "Mia", "Felix", "Lena", "Noah"};
  private static final String[] LANGUAGES = {"de", "en", "tr", "fr", "ru"};
  private static final String[] COLORS = {"red", "blue", "green", "black"};

  private final Draw d;

  ShopFields(Draw d) {
    this.d = d;
  }

  static ObjectNode test(String field, String op) {
    ObjectNode n = F.objectNode();
    n.put("field", field);
    n.put("op", op);
    return n;
  }

  /** The test with the relative literal {@code {"days_ago": days}} as its value. */
  static ObjectNode daysAgo(ObjectNode test, int days) {
    test.putObject("value").put("days_ago", days);
    return test;
  }

  private ArrayNode values(ObjectNode n, String[] pool, int count) {
    ArrayNode a = n.putArray("value");
    for (int i = 0; i < count; i++) {
      a.add(d.pick(pool));
    }
    return a;
  }

  /** A field test on a profile column, the column's type drawn with the weights below. */
  ObjectNode profileTest() {
    return switch (d.weighted(26, 14, 5, 6, 6, 7, 6, 5, 6, 5, 8, 3, 3)) {
      case 0 -> string();
      case 1 -> integer();
      case 2 -> decimal();
      case 3 -> score();
      case 4 -> vip();
      case 5 -> birthday();
      case 6 -> created();
      case 7 -> lastSeen();
      case 8 -> emailTest();
      case 9 -> address();
      case 10 -> tags();
      case 11 -> attrs();
      default -> d.chance(0.5)
          ? test("profile_id", "ends_with").put("value", String.valueOf(d.below(10)))
          : test("profile_id", "matches").put("value", "[0" + d.between(1, 9) + "]$");
    };
  }

  private ObjectNode string() {
    switch (d.weighted(30, 15, 15, 10, 10, 10, 10)) {
      case 0 -> {
        ObjectNode n = test("city", d.pick("eq", "eq", "neq")).put("value", d.pick(CITIES));
        if (d.chance(0.3)) {
          n.put("ignore_case", true);
        }
        return n;
      }
      case 1 -> {
        ObjectNode n = test("city", d.pick("in", "in", "not_in"));
        values(n, CITIES, d.between(2, 4));
        return n;
      }
      case 2 -> {
        ObjectNode n = test("country", d.pick("in", "not_in", "eq"));
        if (n.get("op").asText().equals("eq")) {
          return n.put("value", d.pick("DE", "AT", "CH"));
        }
        n.putArray("value").add(d.pick("AT", "DE")).add("CH");
        return n;
      }
      case 3 -> {
        ObjectNode n = test("language", d.pick("in", "not_in", "neq", "exists"));
        if (n.get("op").asText().equals("neq")) {
          return n.put("value", "de");
        } else if (n.get("op").asText().endsWith("in")) {
          values(n, LANGUAGES, d.between(1, 3));
        }
        return n;
      }
      case 4 -> {
        return test("city", "matches").put("value", d.pick("^(Berlin|M(\u00fc|ue)nchen)$",
            "^[A-D]", "(?i)^berlin$", "burg$", "^M\u00fcnchen|^Munich"));
      }
      case 5 -> {
        String op = d.pick("starts_with", "in", "contains", "ends_with", "not_contains", "between");
        ObjectNode n = test("first_name", op);
        switch (op) {
          case "in" -> values(n, FIRST_NAMES, d.between(2, 4));
          case "between" -> n.putArray("value").add("A").add(d.pick("F", "L", "M"));
          case "contains", "not_contains" -> n.put("value", d.pick("an", "ia", "e")).put(
              "ignore_case", d.chance(0.5));
          case "ends_with" -> n.put("value", d.pick("a", "s", "e"));
          default -> n.put("value", d.pick("L", "M", "An", "J", "So"));
        }
        return n;
      }
      default -> {
        String op = d.pick("eq", "in", "neq", "not_exists");
        ObjectNode n = test("attrs.color", op);
        if (op.equals("in")) {
          values(n, COLORS, 2);
        } else if (!op.equals("not_exists")) {
          n.put("value", d.pick(COLORS));
        }
        return n;
      }
    }
  }

  private ObjectNode integer() {
    if (d.chance(0.5)) {
      String op = d.pick("between", "between", "not_between", "gte", "lt", "gt", "lte");
      ObjectNode n = test("age", op);
      int low = d.between(18, 60);
      if (op.endsWith("between")) {
        n.putArray("value").add(low).add(low + d.pickInt(4, 9, 14, 19));
      } else {
        n.put("value", low);
      }
      return n;
    }
    String op = d.pick("gte", "gte", "lt", "between", "eq", "not_between", "in");
    ObjectNode n = test("loyalty_points", op);
    int v = d.pickInt(100, 500, 1000, 2500, 5000, 10000, 20000);
    switch (op) {
      case "eq" -> n.put("value", 0);
      case "in" -> n.putArray("value").add(0).add(v);
      case "between", "not_between" -> n.putArray("value").add(v).add(v * 4L);
      default -> n.put("value", v);
    }
    return n;
  }

  private ObjectNode decimal() {
    String op = d.pick("gte", "gte", "lt", "between", "not_between", "gt");
    ObjectNode n = test("lifetime_value", op);
    BigDecimal v = new BigDecimal(d.pick("49.99", "100", "250.50", "500", "1000", "2500.25"));
    if (op.endsWith("between")) {
      n.putArray("value").add(v).add(v.multiply(BigDecimal.valueOf(3)));
    } else {
      n.put("value", v);
    }
    return n;
  }

  private ObjectNode score() {
    String op = d.pick("gt", "lt", "between", "gte", "exists", "not_exists", "lte");
    ObjectNode n = test("score", op);
    if (op.equals("between")) {
      double lo = d.between(20, 60) + 0.5;
      n.putArray("value").add(lo).add(lo + d.between(5, 30));
    } else if (!op.endsWith("exists")) {
      n.put("value", d.between(25, 75) + d.pick(0.0, 0.25, 0.5));
    }
    return n;
  }

  private ObjectNode vip() {
    return switch (d.below(5)) {
      case 0 -> test("is_vip", "eq").put("value", true);
      case 1 -> test("is_vip", "eq").put("value", false);
      case 2 -> test("is_vip", "neq").put("value", true);
      case 3 -> {
        ObjectNode n = test("is_vip", "in");
        n.putArray("value").add(true);
        yield n;
      }
      default -> test("is_vip", d.pick("exists", "not_exists"));
    };
  }

  private ObjectNode birthday() {
    String op = d.pick("anniversary", "anniversary", "lte", "gte", "between", "exists", "lt");
    ObjectNode n = test("birthday", op);
    switch (op) {
      case "anniversary" -> n.putObject("value").put("within_days", d.pickInt(0, 6, 7, 14, 30));
      case "lte" -> n.put("value", d.between(1960, 2000) + "-12-31");
      case "gte" -> n.putObject("value").put("days_ago", 365 * d.between(20, 50));
      case "between" -> {
        int y = d.between(1950, 2000);
        n.putArray("value").add(y + "-01-01").add((y + d.between(5, 15)) + "-06-30");
      }
      case "lt" -> n.putObject("value").put("days_ago", 365 * d.between(25, 45));
      default -> { }
    }
    return n;
  }

  private ObjectNode created() {
    String op = d.pick("gte", "gte", "lt", "between", "lte");
    ObjectNode n = test("created_at", op);
    switch (op) {
      case "between" -> {
        int m = d.between(1, 9);
        n.putArray("value").add("2025-0" + m + "-01").add("2025-" + String.format("%02d", m + 3)
            + "-15");
      }
      case "lte" -> n.put("value", d.pick("2025-12-31", "2026-03-01T12:00:00+01:00",
          "2025-06-30T23:59:59Z"));
      default -> n.putObject("value").put("days_ago", d.pickInt(7, 30, 90, 180, 365, 730));
    }
    return n;
  }

  private ObjectNode lastSeen() {
    String op = d.pick("gte", "gte", "lt", "between", "not_exists");
    ObjectNode n = test("last_seen_local", op);
    switch (op) {
      case "gte" -> n.putObject("value").put("days_ago", d.pickInt(3, 7, 14, 30, 60));
      case "lt" -> n.put("value", d.pick("2026-05-01T08:00:00", "2026-04-15", "2026-05-20T18:30:00"));
      case "between" -> n.putArray("value").add("2026-04-01").add("2026-05-15T12:00:00");
      default -> { }
    }
    return n;
  }

  private ObjectNode emailTest() {
    return switch (d.below(6)) {
      case 0 -> test("email", "ends_with").put("value", d.pick("@example.com", "@EXAMPLE.ORG"))
          .put("ignore_case", true);
      case 1 -> test("email", d.pick("empty", "not_empty"));
      case 2 -> test("email", "not_exists");
      case 3 -> test("email", "matches").put("value", d.pick("^c000[0-4]", "@example\\.(org|net)$",
          "^[A-Z]"));
      case 4 -> test("email", "contains").put("value", d.pick(".net", "@example.org"));
      default -> test("email", "not_contains").put("value", "example.com");
    };
  }

  private ObjectNode address() {
    return switch (d.below(5)) {
      case 0 -> test("address", d.pick("exists", "not_exists"));
      case 1 -> test("address.zip", "starts_with").put("value", String.valueOf(d.between(1, 9)));
      case 2 -> {
        ObjectNode n = test("address.zip", d.pick("between", "not_between"));
        int lo = d.between(1, 7);
        n.putArray("value").add(lo + "0000").add((lo + 2) + "9999");
        yield n;
      }
      case 3 -> test("address.city", "eq").put("value", d.pick(CITIES));
      default -> test("address.street", "contains").put("value", d.pick("stra\u00dfe", "weg",
          "Markt"));
    };
  }

  private ObjectNode tags() {
    String op = d.pick("has", "has", "has_any", "has_any", "has_all", "has_none", "empty",
        "not_empty", "size_gte", "size_eq", "size_lt");
    ObjectNode n = test("tags", op);
    switch (op) {
      case "has" -> n.put("value", d.pick(TAGS));
      case "has_any", "has_none" -> values(n, TAGS, d.between(1, 3));
      case "has_all" -> {
        int i = d.below(TAGS.length - 1);
        n.putArray("value").add(TAGS[i]).add(TAGS[i + 1]);
      }
      case "size_gte", "size_eq", "size_lt" -> n.put("value", d.between(1, 3));
      default -> { }
    }
    return n;
  }

  private ObjectNode attrs() {
    String op = d.pick("size_gte", "size_eq", "size_lte", "empty", "not_empty", "exists");
    ObjectNode n = test("attrs", op);
    if (op.startsWith("size_")) {
      n.put("value", d.between(1, 3));
    }
    return n;
  }

  /** A {@code where} tree over the events table's columns, up to {@code depth} levels. */
  ObjectNode eventWhere(String event, int depth) {
    if (depth > 1 && d.chance(0.4)) {
      return group(depth, () -> eventWhere(event, depth - 1));
    }
    if (event.equals("page_view")) {
      return switch (d.below(5)) {
        case 0 -> test("url", "contains").put("value", d.pick("/sale", "/new", "/cart"));
        case 1 -> test("url", "starts_with").put("value", "https://shop.example.com/p/");
        case 2 -> {
          ObjectNode n = test("utm_source", "in");
          n.putArray("value").add(d.pick("google", "facebook")).add("newsletter");
          yield n;
        }
        case 3 -> test("utm_source", d.pick("not_exists", "exists"));
        default -> test("utm_campaign", "eq").put("value", d.pick("summer-sale", "winback"));
      };
    }
    if (event.equals("purchase")) {
      return switch (d.below(3)) {
        case 0 -> test("value", d.pick("gte", "lt")).put("value", d.pickInt(20, 50, 100, 200));
        case 1 -> {
          ObjectNode n = test("value", "between");
          n.putArray("value").add(25.5).add(d.pickInt(100, 250, 400));
          yield n;
        }
        default -> daysAgo(test("ts", "gte"), d.pickInt(30, 90));
      };
    }
    return switch (d.below(3)) {
      case 0 -> test("message", "in").set("value", F.arrayNode().add("m1").add("m" + d.between(2, 9)));
      case 1 -> test("url", "matches").put("value", "/c/(spring|summer)");
      default -> test("campaign", d.pick("exists", "not_exists"));
    };
  }

  /** A {@code where} tree over the external CRM table's columns. */
  ObjectNode crmWhere(int depth) {
    if (depth > 1 && d.chance(0.35)) {
      return group(depth, () -> crmWhere(depth - 1));
    }
    return switch (d.below(6)) {
      case 0 -> test("tier", "eq").put("value", d.pick("gold", "silver", "bronze"));
      case 1 -> {
        ObjectNode n = test("tier", "in");
        n.putArray("value").add("gold").add("silver");
        yield n;
      }
      case 2 -> test("crm_score", d.pick("gte", "lt")).put("value", d.pickInt(30, 50, 80));
      case 3 -> test("consent", "eq").put("value", d.chance(0.8));
      case 4 -> daysAgo(test("updated_at", "gte"), d.pickInt(90, 180, 365));
      default -> test("tier", "not_exists");
    };
  }

  private ObjectNode group(int depth, java.util.function.Supplier<ObjectNode> child) {
    ObjectNode n = F.objectNode();
    int g = d.below(4);
    if (g == 0) {
      n.set("not", child.get());
      return n;
    }
    ArrayNode a = n.putArray(g == 1 ? "any" : "all");
    a.add(child.get());
    a.add(child.get());
    return n;
  }
}
