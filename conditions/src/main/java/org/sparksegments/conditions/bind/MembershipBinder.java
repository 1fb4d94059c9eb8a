package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.TableSchema;

import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.model.ExternalTest;
import org.sparksegments.conditions.model.SegmentRef;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;

/** Binds subscription, static segment, external and segment membership conditions. */
final class MembershipBinder {
  private final Binder b;

  MembershipBinder(Binder b) {
    this.b = b;
  }

  BoundCondition subscription(SubscriptionTest t) {
    Optional<TableSchema> subs = TableChecks.require(b, "subscriptions",
        Pointers.key(t.pointer(), "subscription"),
        List.of("channel", "resource", "status", "updated_at"));
    return subs.isEmpty() ? null
        : new BoundCondition.Subscription(t.channels(), t.resources(), t.op(), t.statuses());
  }

  BoundCondition staticSegment(StaticSegmentTest t) {
    int before = b.problems.size();
    Optional<TableSchema> st = TableChecks.require(b, "static_segments",
        Pointers.key(t.pointer(), "static_segment"),
        List.of("segment", "added_at", "removed_at"));
    Optional<BoundWindow> window = t.window().map(w -> new EventBinder(b).window(w));
    if (st.isEmpty() || b.problems.size() > before) {
      return null;
    }
    return new BoundCondition.StaticMember(t.segment(), t.op(), window);
  }

  BoundCondition external(ExternalTest t) {
    int before = b.problems.size();
    String p = Pointers.key(t.pointer(), "external");
    Optional<Tables.ExternalKey> key = b.db.tables().externalKey(t.table());
    if (key.isEmpty()) {
      b.problems.add(ErrorCode.UNKNOWN_TABLE, p, "Cannot find external table '" + t.table()
          + "' of database '" + b.db.name() + "' in the catalog (expected a name under"
          + " \"external\")");
      return null;
    }
    Optional<TableSchema> ext = TableChecks.require(b, "external:" + t.table(), p,
        List.of(key.get().key()));
    Optional<FieldRef> field = FieldResolver.resolve(b.db.profiles(), key.get().profileField(),
        "profiles", p, b.problems);
    if (ext.isEmpty() || field.isEmpty()) {
      return null;
    }
    Optional<BoundCondition> where = t.where().map(w -> b.bindCondition(w,
        new Binder.Scope(ext.get(), "external table " + t.table())));
    if (b.problems.size() > before) {
      return null;
    }
    return new BoundCondition.External(t.table(), key.get().key(), field.get(), t.exists(),
        where);
  }

  BoundCondition segment(SegmentRef r) {
    String p = Pointers.key(r.pointer(), "segment");
    return referenced(r.segment(), p).isEmpty() ? null
        : new BoundCondition.SegmentMember(r.segment(), r.in());
  }

  /** The referenced segment when it exists, parsed, and is on the same database. */
  Optional<SegmentResolver.Found> referenced(String id, String pointer) {
    Optional<SegmentResolver.Found> other = b.segments.find(id);
    if (other.isEmpty()) {
      b.problems.add(ErrorCode.UNKNOWN_SEGMENT, pointer, "Cannot find segment '" + id
          + "' among the given segments (expected the id of a segment of the same command)");
      return Optional.empty();
    }
    if (!other.get().segment().database().equals(b.db.name())) {
      b.problems.add(ErrorCode.DATABASE_MISMATCH, pointer, "Cannot refer to segment '" + id
          + "': it is on database '" + other.get().segment().database() + "' (expected '"
          + b.db.name() + "')");
      return Optional.empty();
    }
    if (!other.get().parsedOk()) {
      b.problems.add(ErrorCode.INVALID_REFERENCE, pointer, "Cannot refer to segment '" + id
          + "': its document is invalid (see its own errors)");
      return Optional.empty();
    }
    return other;
  }
}
