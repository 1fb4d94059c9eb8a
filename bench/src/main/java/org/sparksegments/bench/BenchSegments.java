package org.sparksegments.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sparksegments.conditions.json.Json;

/**
 * The benchmark's segments on the sample's {@code shop} database, generated from a fixed seed so
 * every run of the benchmark measures the same definitions: field tests, event counts in windows,
 * purchase aggregates, subscriptions, references to earlier segments, ranges and limits, in the
 * proportions of a marketing team's segment list (many segments share an event and a window).
 */
public final class BenchSegments {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String[] CITIES = {"Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt",
      "Leipzig", "Stuttgart", "Dresden"};
  private static final String[] LANGUAGES = {"de", "en", "tr", "fr"};
  private static final String[] TAGS = {"newsletter", "sale", "vip", "eco", "sport", "kids"};
  private static final String[] MESSAGE_EVENTS = {"opened", "clicked", "delivered", "sent"};
  private static final String[] CHANNELS = {"email", "push", "sms"};
  private static final String[][] CAMPAIGNS = {{"spring-1", "spring-2"}, {"summer-sale"},
      {"welcome"}, {"black-friday"}, {"winback"}};
  private static final int[] WINDOWS = {7, 14, 30, 60, 90, 180, 365};

  private BenchSegments() {}

  /** {@code n} segment documents, the same for the same n (a prefix of a longer list). */
  public static List<ObjectNode> generate(int n) {
    SplittableRandom r = new SplittableRandom(20261128L);
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(segment(i, r, out));
    }
    return out;
  }

  /** Writes one file per segment into {@code dir} (created; must not hold other segments). */
  public static void write(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    for (ObjectNode s : generate(n)) {
      Json.MAPPER.writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve(s.get("id").asText() + ".json").toFile(), s);
    }
  }

  private static ObjectNode segment(int i, SplittableRandom r, List<ObjectNode> earlier) {
    ObjectNode s = F.objectNode();
    s.put("id", String.format("b%03d", i));
    s.put("database", "shop");
    int kind = r.nextInt(100);
    List<ObjectNode> parts = new ArrayList<>();
    if (kind < 30) {
      parts.add(field(r));
      if (r.nextBoolean()) {
        parts.add(field(r));
      }
    } else if (kind < 60) {
      parts.add(eventCount(r));
      if (r.nextInt(3) > 0) {
        parts.add(field(r));
      }
    } else if (kind < 75) {
      parts.add(purchaseAggregate(r));
      if (r.nextBoolean()) {
        parts.add(eventCount(r));
      }
    } else if (kind < 88) {
      parts.add(subscription(r));
      parts.add(r.nextBoolean() ? eventCount(r) : field(r));
    } else if (!earlier.isEmpty()) {
      ObjectNode ref = F.objectNode();
      ref.put("segment", earlier.get(r.nextInt(earlier.size())).get("id").asText());
      ref.put("op", r.nextInt(3) == 0 ? "not_in" : "in");
      parts.add(ref);
      parts.add(r.nextBoolean() ? field(r) : eventCount(r));
    } else {
      parts.add(field(r));
    }
    s.set("conditions", parts.size() == 1 ? parts.get(0) : all(parts));
    if (r.nextInt(5) == 0) {
      ObjectNode range = F.objectNode();
      int from = 10 * r.nextInt(8);
      range.put("from", from);
      range.put("to", from + 10 + 10 * r.nextInt(2));
      s.set("range", range);
    }
    if (r.nextInt(7) == 0) {
      ObjectNode limit = F.objectNode();
      limit.put("max", 1000 * (1 + r.nextInt(5)));
      ObjectNode order = F.objectNode();
      order.put("field", r.nextBoolean() ? "loyalty_points" : "created_at");
      order.put("direction", "desc");
      limit.set("order_by", F.arrayNode().add(order));
      s.set("limit", limit);
    }
    return s;
  }

  private static ObjectNode all(List<ObjectNode> parts) {
    ObjectNode o = F.objectNode();
    ArrayNode a = o.putArray("all");
    parts.forEach(a::add);
    return o;
  }

  private static ObjectNode field(SplittableRandom r) {
    ObjectNode f = F.objectNode();
    switch (r.nextInt(7)) {
      case 0 -> {
        f.put("field", "city");
        f.put("op", "eq");
        f.put("value", CITIES[r.nextInt(CITIES.length)]);
      }
      case 1 -> {
        f.put("field", "language");
        f.put("op", "in");
        f.putArray("value").add(LANGUAGES[r.nextInt(LANGUAGES.length)])
            .add(LANGUAGES[r.nextInt(LANGUAGES.length)]);
      }
      case 2 -> {
        f.put("field", "loyalty_points");
        f.put("op", "gte");
        f.put("value", 1000 * r.nextInt(40));
      }
      case 3 -> {
        f.put("field", "age");
        f.put("op", "between");
        int low = 18 + r.nextInt(40);
        f.putArray("value").add(low).add(low + 5 + r.nextInt(20));
      }
      case 4 -> {
        f.put("field", "tags");
        f.put("op", "has");
        f.put("value", TAGS[r.nextInt(TAGS.length)]);
      }
      case 5 -> {
        f.put("field", "is_vip");
        f.put("op", r.nextBoolean() ? "eq" : "neq");
        f.put("value", true);
      }
      default -> {
        f.put("field", "score");
        f.put("op", r.nextBoolean() ? "gt" : "lt");
        f.put("value", 20 + r.nextInt(60));
      }
    }
    return f;
  }

  private static ObjectNode eventCount(SplittableRandom r) {
    ObjectNode e = F.objectNode();
    e.put("event", MESSAGE_EVENTS[r.nextInt(MESSAGE_EVENTS.length)]);
    if (r.nextBoolean()) {
      e.put("channel", CHANNELS[r.nextInt(CHANNELS.length)]);
    }
    if (r.nextInt(3) == 0) {
      ArrayNode c = e.putArray("campaign");
      for (String name : CAMPAIGNS[r.nextInt(CAMPAIGNS.length)]) {
        c.add(name);
      }
    }
    e.putObject("window").put("last_days", WINDOWS[r.nextInt(WINDOWS.length)]);
    switch (r.nextInt(4)) {
      case 0 -> e.put("op", "exists");
      case 1 -> e.put("op", "not_exists");
      case 2 -> {
        e.put("op", "at_least");
        e.put("count", 2 + r.nextInt(4));
      }
      default -> {
        e.put("op", "at_most");
        e.put("count", 1 + r.nextInt(3));
      }
    }
    return e;
  }

  private static ObjectNode purchaseAggregate(SplittableRandom r) {
    ObjectNode e = F.objectNode();
    e.put("event", "purchase");
    e.putObject("window").put("last_days", WINDOWS[2 + r.nextInt(WINDOWS.length - 2)]);
    String fn = new String[] {"sum", "avg", "max"}[r.nextInt(3)];
    e.put("op", "gte");
    e.putObject("aggregate").put("fn", fn).put("of", "value");
    e.put("value", fn.equals("sum") ? 100 * (1 + r.nextInt(10)) : 50 * (1 + r.nextInt(6)));
    return e;
  }

  private static ObjectNode subscription(SplittableRandom r) {
    ObjectNode s = F.objectNode();
    String channel = CHANNELS[r.nextInt(CHANNELS.length)];
    s.put("subscription", channel);
    if (channel.equals("email") && r.nextBoolean()) {
      s.put("resource", r.nextBoolean() ? "news" : "promo");
    }
    switch (r.nextInt(3)) {
      case 0 -> s.put("op", "active");
      case 1 -> {
        s.put("op", "status_in");
        s.putArray("value").add("unsubscribed").add("bounced");
      }
      default -> s.put("op", "none");
    }
    return s;
  }
}
