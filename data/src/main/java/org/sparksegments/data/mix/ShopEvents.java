package org.sparksegments.data.mix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Event tests, sequences, subscriptions, static segments and external tables on the sample's
 * {@code shop} database: the events, channels, campaigns, lists and statuses its generator writes,
 * with windows of every form around the sample's as-of (2026-06-01).
 */
final class ShopEvents {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] MESSAGE_EVENTS = {"sent", "delivered", "opened", "opened",
      "clicked", "clicked", "bounced"};
  private static final String[] CAMPAIGNS = {"spring-1", "spring-2", "summer-sale", "welcome",
      "black-friday", "winback"};
  private static final String[] STATUSES = {"unsubscribed", "bounced", "suppressed",
      "unconfirmed"};
  private static final String[] STATIC_LISTS = {"vip-list", "control-group", "beta-testers"};
  private static final String[] STATIC_OPS = {"in", "not_in", "ever_in", "never_in", "left"};

  private final Draw d;
  private final ShopFields fields;

  ShopEvents(Draw d, ShopFields fields) {
    this.d = d;
    this.fields = fields;
  }

  /** The filter keys of an event test or a sequence step; {@code where} with the given odds. */
  private String filters(ObjectNode n, double whereOdds) {
    String event;
    switch (d.weighted(50, 25, 20, 5)) {
      case 0 -> {
        event = d.pick(MESSAGE_EVENTS);
        n.put("event", event);
        if (d.chance(0.35)) {
          n.put("channel", d.pick("email", "email", "push", "sms"));
        }
        if (d.chance(0.2)) {
          if (d.chance(0.5)) {
            n.put("campaign", d.pick(CAMPAIGNS));
          } else {
            n.putArray("campaign").add(d.pick(CAMPAIGNS)).add(d.pick(CAMPAIGNS));
          }
        }
        if (d.chance(0.05)) {
          n.put("message", "m" + d.between(1, 5));
        }
      }
      case 1 -> {
        event = "purchase";
        n.put("event", event);
        if (d.chance(0.15)) {
          n.put("channel", "web");
        }
      }
      case 2 -> {
        event = "page_view";
        n.put("event", event);
        whereOdds = Math.max(whereOdds, 0.6);
      }
      default -> {
        event = "sent";
        n.putArray("event").add("sent").add("delivered");
      }
    }
    if (d.chance(whereOdds)) {
      n.set("where", fields.eventWhere(event, d.between(1, 3)));
    }
    return event;
  }

  /** A window of one of the four forms (shares 45 / 20 / 20 / 15). */
  ObjectNode window() {
    ObjectNode w = F.objectNode();
    switch (d.weighted(45, 20, 20, 15)) {
      case 0 -> w.put("last_days", d.pickInt(7, 14, 30, 30, 60, 90, 90, 180, 365));
      case 1 -> {
        int b = d.pickInt(7, 30, 30, 90, 180);
        w.putArray("days_ago").add(b * d.pickInt(2, 3, 4)).add(b);
      }
      case 2 -> {
        int m = d.between(1, 12);
        int y = m > 5 ? 2025 : 2026;
        String from = String.format("%d-%02d-01", y, m);
        w.put("from", from);
        w.put("to", String.format("%d-%02d-28", y, m + d.below(13 - m)));
      }
      default -> {
        int m = d.between(1, 4);
        w.put("since", d.pick(String.format("2026-%02d-01", m),
            String.format("2026-%02d-01T00:00:00Z", m),
            String.format("2026-%02d-01T08:00:00", m)));
        w.put("until", d.pick("2026-05-15T12:00:00+02:00", "2026-05-20", "2026-06-01T00:00:00Z"));
      }
    }
    return w;
  }

  /** An event test counting or timing events (no aggregate). */
  ObjectNode countTest() {
    ObjectNode n = F.objectNode();
    filters(n, 0.25);
    if (d.chance(0.75)) {
      n.set("window", window());
    }
    switch (d.weighted(25, 10, 25, 10, 5, 10, 8, 7)) {
      case 0 -> n.put("op", "exists");
      case 1 -> n.put("op", "not_exists");
      case 2 -> n.put("op", "at_least").put("count", d.between(1, 3));
      case 3 -> n.put("op", "at_most").put("count", d.between(0, 3));
      case 4 -> n.put("op", "exactly").put("count", d.between(1, 2));
      case 5 -> n.put("op", "last_within").put("days", d.pickInt(7, 14, 30, 90));
      case 6 -> n.put("op", "last_before").put("days", d.pickInt(30, 60, 90, 180));
      default -> n.put("op", "first_within").put("days", d.pickInt(14, 30, 90));
    }
    return n;
  }

  /** An event test comparing an aggregate: spend, basket sizes, distinct campaigns, dates. */
  ObjectNode aggregateTest() {
    ObjectNode n = F.objectNode();
    if (d.chance(0.7)) {
      n.put("event", "purchase");
      if (d.chance(0.2)) {
        n.set("where", fields.eventWhere("purchase", 1));
      }
    } else {
      n.put("event", d.pick("opened", "clicked", "page_view"));
    }
    if (d.chance(0.7)) {
      n.set("window", window());
    }
    ObjectNode agg = n.putObject("aggregate");
    if (n.get("event").asText().equals("purchase")) {
      switch (d.weighted(35, 20, 12, 13, 10, 10)) {
        case 0 -> {
          agg.put("fn", "sum").put("of", "value");
          if (d.chance(0.2)) {
            n.put("op", "between");
            int lo = d.pickInt(50, 100, 200);
            n.putArray("value").add(lo).add(lo * 4);
          } else {
            n.put("op", d.pick("gte", "gte", "gt", "lt")).put("value", d.pickInt(50, 100, 250, 500,
                1000));
          }
        }
        case 1 -> {
          agg.put("fn", "avg").put("of", "value");
          n.put("op", d.pick("gte", "lt", "gt")).put("value", d.pickInt(30, 60, 100, 150) + 0.5);
        }
        case 2 -> {
          agg.put("fn", "max").put("of", "value");
          n.put("op", d.pick("gte", "lte")).put("value", d.pickInt(100, 200, 300));
        }
        case 3 -> {
          agg.put("fn", "min").put("of", "value");
          n.put("op", d.pick("lt", "lte", "gte")).put("value", d.pickInt(10, 20, 50));
        }
        case 4 -> {
          agg.put("fn", d.pick("min", "max")).put("of", "ts");
          if (agg.get("fn").asText().equals("min")) {
            n.put("op", "lte").put("value", d.pick("2025-12-31", "2026-01-01T00:00:00Z"));
          } else {
            n.put("op", "gte").putObject("value").put("days_ago", d.pickInt(30, 60, 90));
          }
        }
        default -> {
          agg.put("fn", "count_distinct").put("of", "value");
          n.put("op", d.pick("gte", "eq")).put("value", d.between(1, 3));
        }
      }
    } else {
      agg.put("fn", "count_distinct").put("of", d.pick("campaign", "message", "url"));
      if (d.chance(0.2)) {
        n.put("op", "between");
        n.putArray("value").add(2).add(d.between(3, 6));
      } else {
        n.put("op", d.pick("gte", "gte", "eq", "lt")).put("value", d.between(1, 4));
      }
    }
    return n;
  }

  /** A funnel of two or three steps, mostly with a time limit and a window. */
  ObjectNode sequence() {
    ObjectNode n = F.objectNode();
    ArrayNode steps = n.putArray("sequence");
    switch (d.below(5)) {
      case 0 -> {
        steps.addObject().put("event", "opened");
        steps.addObject().put("event", "clicked");
        steps.addObject().put("event", "purchase");
      }
      case 1 -> {
        steps.addObject().put("event", "clicked").put("channel", "email");
        steps.addObject().put("event", "purchase");
      }
      case 2 -> {
        ObjectNode view = steps.addObject().put("event", "page_view");
        view.set("where", ShopFields.test("url", "contains").put("value", d.pick("/sale", "/cart")));
        steps.addObject().put("event", "purchase");
      }
      case 3 -> {
        String c = d.pick(CAMPAIGNS);
        steps.addObject().put("event", "sent").put("campaign", c);
        steps.addObject().put("event", "opened").put("campaign", c);
      }
      default -> {
        filters(steps.addObject(), 0.2);
        filters(steps.addObject(), 0.2);
      }
    }
    if (d.chance(0.7)) {
      n.put("within_days", d.pickInt(1, 3, 7, 14, 30));
    }
    if (d.chance(0.5)) {
      n.set("window", window());
    }
    return n;
  }

  ObjectNode subscription() {
    ObjectNode n = F.objectNode();
    String channel = d.pick("email", "email", "email", "sms", "push", "push", "telegram",
        "whatsapp", "viber");
    if (d.chance(0.15)) {
      n.putArray("subscription").add(channel).add(d.pick("sms", "whatsapp"));
    } else {
      n.put("subscription", channel);
      if (d.chance(0.5)) {
        switch (channel) {
          case "email" -> n.put("resource", d.pick("news", "promo", "alerts"));
          case "sms" -> n.put("resource", d.pick("ShopDE", "ShopSale"));
          case "push" -> n.putArray("resource").add("shop-ios").add("shop-android");
          default -> { }
        }
      }
    }
    switch (d.weighted(60, 20, 20)) {
      case 0 -> n.put("op", "active");
      case 1 -> {
        n.put("op", "status_in");
        ArrayNode a = n.putArray("value");
        a.add(d.pick(STATUSES));
        if (d.chance(0.5)) {
          a.add(d.pick(STATUSES));
        }
      }
      default -> n.put("op", "none");
    }
    return n;
  }

  ObjectNode staticSegment() {
    ObjectNode n = F.objectNode();
    n.put("static_segment", STATIC_LISTS[d.weighted(50, 30, 20)]);
    String op = STATIC_OPS[d.weighted(45, 25, 10, 8, 12)];
    n.put("op", op);
    if (op.endsWith("ever_in") && d.chance(0.5)) {
      n.set("window", window());
    }
    return n;
  }

  ObjectNode external() {
    ObjectNode n = F.objectNode();
    n.put("external", "crm");
    n.put("op", d.chance(0.8) ? "exists" : "not_exists");
    if (d.chance(0.7)) {
      n.set("where", fields.crmWhere(d.between(1, 3)));
    }
    return n;
  }
}
