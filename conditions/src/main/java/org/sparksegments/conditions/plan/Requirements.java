package org.sparksegments.conditions.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.model.StaticSegmentTest;

/**
 * Everything a set of bound conditions needs besides profile columns: the distinct features, by
 * table, and the segments they refer to. Collected across all segments of an evaluation so that
 * each table is aggregated once.
 */
public final class Requirements {
  private final Set<Feature> features = new LinkedHashSet<>();
  private final Set<String> segments = new TreeSet<>();

  private Requirements() {}

  /** The requirements of all the given trees together. */
  public static Requirements of(Collection<BoundCondition> conditions) {
    Requirements r = new Requirements();
    conditions.forEach(c -> c.accept(r.collector()));
    return r;
  }

  /** The distinct features of one kind, ordered by column name (deterministic plans). */
  public <F extends Feature> List<F> features(Class<F> type) {
    List<F> out = new ArrayList<>();
    for (Feature f : features) {
      if (type.isInstance(f)) {
        out.add(type.cast(f));
      }
    }
    out.sort(Comparator.comparing(Feature::column));
    return out;
  }

  /** The ids of the segments referred to by {@code segment} conditions. */
  public Set<String> segments() {
    return segments;
  }

  private BoundCondition.Visitor<Void> collector() {
    return new BoundCondition.Visitor<>() {
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
        return null;
      }

      @Override
      public Void visitConst(BoundCondition.Const n) {
        return null;
      }

      @Override
      public Void visitEvent(BoundCondition.Event n) {
        features.add(Features.of(n));
        return null;
      }

      @Override
      public Void visitSubscription(BoundCondition.Subscription n) {
        features.add(Features.of(n));
        return null;
      }

      @Override
      public Void visitSegment(BoundCondition.SegmentMember n) {
        segments.add(n.segment());
        return null;
      }

      @Override
      public Void visitStatic(BoundCondition.StaticMember n) {
        if (n.op() != StaticSegmentTest.Op.EVER_IN && n.op() != StaticSegmentTest.Op.NEVER_IN) {
          features.add(Features.member(n));
        }
        if (n.op() != StaticSegmentTest.Op.IN && n.op() != StaticSegmentTest.Op.NOT_IN) {
          features.add(Features.ever(n));
        }
        return null;
      }

      @Override
      public Void visitExternal(BoundCondition.External n) {
        features.add(Features.of(n));
        return null;
      }

      @Override
      public Void visitSequence(BoundCondition.Sequence n) {
        features.add(Features.of(n));
        return null;
      }
    };
  }
}
