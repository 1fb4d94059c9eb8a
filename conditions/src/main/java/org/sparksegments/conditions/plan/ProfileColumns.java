package org.sparksegments.conditions.plan;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundSegment;

/**
 * The top-level profile columns that segments read: the id, the fields their conditions test,
 * the profile fields external tables are matched on, and their order keys. A job that needs only
 * member ids keeps just these, so that what it caches or shuffles is no wider than needed.
 */
public final class ProfileColumns {
  private ProfileColumns() {}

  public static Set<String> of(Collection<BoundSegment> segments) {
    Set<String> out = new TreeSet<>();
    for (BoundSegment s : segments) {
      out.add(s.database().idColumn());
      s.order().forEach(o -> out.add(o.field().column()));
      s.condition().ifPresent(c -> c.accept(new Collector(out)));
    }
    return out;
  }

  private record Collector(Set<String> out) implements BoundCondition.Visitor<Void> {
    @Override
    public Void visitAll(BoundCondition.All n) {
      n.children().forEach(c -> c.accept(this));
      return null;
    }

    @Override
    public Void visitAny(BoundCondition.Any n) {
      n.children().forEach(c -> c.accept(this));
      return null;
    }

    @Override
    public Void visitNot(BoundCondition.Not n) {
      return n.child().accept(this);
    }

    @Override
    public Void visitField(BoundCondition.Field n) {
      out.add(n.field().column());
      return null;
    }

    @Override
    public Void visitConst(BoundCondition.Const n) {
      return null;
    }

    @Override
    public Void visitEvent(BoundCondition.Event n) {
      return null;
    }

    @Override
    public Void visitSubscription(BoundCondition.Subscription n) {
      return null;
    }

    @Override
    public Void visitSegment(BoundCondition.SegmentMember n) {
      return null;
    }

    @Override
    public Void visitStatic(BoundCondition.StaticMember n) {
      return null;
    }

    @Override
    public Void visitExternal(BoundCondition.External n) {
      out.add(n.profileField().column());
      return null;
    }

    @Override
    public Void visitSequence(BoundCondition.Sequence n) {
      return null;
    }
  }
}
