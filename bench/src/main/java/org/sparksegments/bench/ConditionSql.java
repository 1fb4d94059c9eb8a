package org.sparksegments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sparksegments.conditions.model.AllOf;
import org.sparksegments.conditions.model.AnyOf;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.ConditionsOf;
import org.sparksegments.conditions.model.EventTest;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.FieldTest;
import org.sparksegments.conditions.model.Limit;
import org.sparksegments.conditions.model.Not;
import org.sparksegments.conditions.model.OrderField;
import org.sparksegments.conditions.model.Range;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.conditions.model.SegmentRef;
import org.sparksegments.conditions.model.Sequence;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;

/**
 * A condition tree as a DuckDB predicate over the wide table (or, for an event's {@code where},
 * over the events table). Never null: leaves are coalesced to false, so {@code NOT} is the exact
 * complement. Features of other tables are registered in {@link SqlParts}; a referenced segment
 * becomes its range and conditions inline, or, with a limit, membership of its top ids.
 */
final class ConditionSql implements Condition.Visitor<String> {
  private final SqlParts parts;
  private final Map<String, Segment> all;
  private final String table;
  /** The segments being translated or imported, outermost first: a repeat is a cycle. */
  private final Set<String> visiting;

  ConditionSql(SqlParts parts, Map<String, Segment> all, String table, Set<String> visiting) {
    this.parts = parts;
    this.all = all;
    this.table = table;
    this.visiting = visiting;
  }

  @Override
  public String visitAll(AllOf node) {
    return join(node.children(), " AND ");
  }

  @Override
  public String visitAny(AnyOf node) {
    return join(node.children(), " OR ");
  }

  private String join(List<Condition> children, String op) {
    return children.stream().map(c -> "(" + c.accept(this) + ")")
        .collect(Collectors.joining(op, "(", ")"));
  }

  @Override
  public String visitNot(Not node) {
    return "NOT (" + node.child().accept(this) + ")";
  }

  @Override
  public String visitField(FieldTest node) {
    String type = parts.tables.type(table, node.path()).orElseThrow(() -> new Untranslatable(
        "field " + node.path() + ": not a top-level column of " + table
            + " (nested paths are not translated)"));
    if (table.equals("profiles")) {
      parts.useProfileColumn(node.path());
    }
    return FieldSql.test(node, type);
  }

  @Override
  public String visitEvent(EventTest node) {
    profilesOnly("event");
    return EventSql.test(node, parts, new ConditionSql(parts, all, "events", visiting));
  }

  @Override
  public String visitSubscription(SubscriptionTest node) {
    profilesOnly("subscription");
    List<String> match = new ArrayList<>(List.of(DuckSql.in("channel", node.channels())));
    if (!node.resources().isEmpty()) {
      match.add(DuckSql.in("resource", node.resources()));
    }
    switch (node.op()) {
      case ACTIVE -> match.add(DuckSql.in("status", List.of("active")));
      case STATUS_IN -> match.add(DuckSql.in("status", node.statuses()));
      case NONE -> { }
    }
    String flag = "coalesce(" + parts.subscriptionFeature(
        "bool_or(" + String.join(" AND ", match) + ")") + ", false)";
    return node.op() == SubscriptionTest.Op.NONE ? "NOT " + flag : flag;
  }

  @Override
  public String visitStaticSegment(StaticSegmentTest node) {
    profilesOnly("static_segment");
    String asOf = parts.instant(parts.asOf, "static_segments", "added_at");
    String removed = DuckSql.ident("removed_at");
    String row = DuckSql.ident("segment") + " = " + DuckSql.string(node.segment()) + " AND "
        + DuckSql.ident("added_at") + " <= " + asOf;
    String memberRow = row + " AND (" + removed + " IS NULL OR " + removed + " > "
        + parts.instant(parts.asOf, "static_segments", "removed_at") + ")";
    String everRow = row + " AND "
        + EventSql.window(node.window(), parts, "static_segments", "added_at");
    return switch (node.op()) {
      case IN -> flag(node, memberRow);
      case NOT_IN -> "NOT " + flag(node, memberRow);
      case EVER_IN -> flag(node, everRow);
      case NEVER_IN -> "NOT " + flag(node, everRow);
      // left: ever added by the as-of (no window) and not a member now.
      case LEFT -> flag(node, row) + " AND NOT " + flag(node, memberRow);
    };
  }

  private String flag(StaticSegmentTest node, String row) {
    return "coalesce(" + parts.staticFeature(node.segment(),
        "bool_or(coalesce(" + row + ", false))") + ", false)";
  }

  @Override
  public String visitSegment(SegmentRef node) {
    profilesOnly("segment");
    String member = parts.member(node.segment(), () -> membership(node.segment()));
    return node.in() ? member : "NOT " + member;
  }

  /** The final result of a referenced segment: its range, conditions and limit. */
  private String membership(String id) {
    Segment other = enter(id, "refers to");
    try {
      String range = range(other.range(), parts);
      String cond = conditions(other);
      if (!other.limit().hasMax()) {
        return "((" + range + ") AND (" + cond + "))";
      }
      String key = DuckSql.ident(parts.tables.idColumn());
      String top = parts.top("SELECT " + key + " FROM " + SqlParts.WIDE + " WHERE (" + range
          + ") AND (" + cond + ") ORDER BY " + order(other.limit(), parts) + " LIMIT "
          + other.limit().max());
      return "(" + key + " IN (SELECT " + key + " FROM " + top + "))";
    } catch (Untranslatable u) {
      throw new Untranslatable("refers to segment " + id + ", which is not translated: "
          + u.getMessage());
    } finally {
      visiting.remove(id);
    }
  }

  @Override
  public String visitConditionsOf(ConditionsOf node) {
    Segment other = enter(node.segment(), "imports the conditions of");
    try {
      return conditions(other);
    } finally {
      visiting.remove(node.segment());
    }
  }

  private String conditions(Segment s) {
    return s.conditions().map(c -> c.accept(new ConditionSql(parts, all, "profiles", visiting)))
        .orElse("true");
  }

  /** The other segment, checked (known, same database, no cycle) and marked as visited. */
  private Segment enter(String id, String verb) {
    profilesOnly("segment");
    Segment other = all.get(id);
    if (other == null || !other.database().equals(parts.tables.database())) {
      throw new Untranslatable(verb + " segment " + id + ", which is not in the set or not on"
          + " database " + parts.tables.database());
    }
    if (!visiting.add(id)) {
      throw new Untranslatable(verb + " segment " + id + ": a cycle");
    }
    return other;
  }

  @Override
  public String visitExternal(ExternalTest node) {
    throw new Untranslatable("external tables are not translated");
  }

  @Override
  public String visitSequence(Sequence node) {
    throw new Untranslatable("sequences are not translated");
  }

  private void profilesOnly(String kind) {
    if (!table.equals("profiles")) {
      throw new Untranslatable(kind + " test inside a where tree");
    }
  }

  /** The range predicate (spec 4) on the base projection's bucket column. */
  static String range(Range range, SqlParts parts) {
    if (range.isAll()) {
      return "true";
    }
    return parts.bucket(range.salt()) + " BETWEEN " + range.fromBucket() + " AND "
        + (range.toBucket() - 1);
  }

  /** A limit's order (spec 5): its fields with nulls last, then the id ascending. */
  static String order(Limit limit, SqlParts parts) {
    List<String> keys = new ArrayList<>();
    for (OrderField o : limit.orderBy()) {
      String type = parts.tables.type("profiles", o.path()).orElseThrow(() ->
          new Untranslatable("order by " + o.path() + ": not a top-level profiles column"));
      FieldSql.Kind kind = FieldSql.kind(type);
      if (kind == FieldSql.Kind.LIST || kind == FieldSql.Kind.MAP
          || type.startsWith("STRUCT")) {
        throw new Untranslatable("order by " + o.path() + " (" + type + ") is not translated");
      }
      parts.useProfileColumn(o.path());
      keys.add(DuckSql.ident(o.path()) + (o.descending() ? " DESC" : " ASC") + " NULLS LAST");
    }
    keys.add(DuckSql.ident(parts.tables.idColumn()) + " ASC");
    return String.join(", ", keys);
  }
}
