package org.sparksegments.conditions.plan;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundConditions;
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
      s.condition().ifPresent(c -> BoundConditions.leaves(c)
          .forEach(leaf -> out.addAll(leaf.accept(READ))));
    }
    return out;
  }

  /** The profile columns one test reads; the others read aggregates or flags joined on the id. */
  private static final BoundCondition.LeafVisitor<List<String>> READ = new BoundCondition
      .LeafVisitor<>() {
    @Override
    public List<String> visitField(BoundCondition.Field n) {
      return List.of(n.field().column());
    }

    @Override
    public List<String> visitConst(BoundCondition.Const n) {
      return List.of();
    }

    @Override
    public List<String> visitEvent(BoundCondition.Event n) {
      return List.of();
    }

    @Override
    public List<String> visitSubscription(BoundCondition.Subscription n) {
      return List.of();
    }

    @Override
    public List<String> visitSegment(BoundCondition.SegmentMember n) {
      return List.of();
    }

    @Override
    public List<String> visitStatic(BoundCondition.StaticMember n) {
      return List.of();
    }

    @Override
    public List<String> visitExternal(BoundCondition.External n) {
      return List.of(n.profileField().column());
    }

    @Override
    public List<String> visitSequence(BoundCondition.Sequence n) {
      return List.of();
    }
  };
}
