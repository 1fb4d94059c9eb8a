package org.sparksegments.conditions.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundConditions;
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
    for (BoundCondition c : conditions) {
      for (BoundCondition.Leaf leaf : BoundConditions.leaves(c)) {
        r.features.addAll(leaf.accept(FEATURES));
        if (leaf instanceof BoundCondition.SegmentMember m) {
          r.segments.add(m.segment());
        }
      }
    }
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

  /**
   * The features one test reads. Field tests and constants read the profile row itself; a
   * segment's membership is a column of the evaluation, not a feature of a table.
   */
  private static final BoundCondition.LeafVisitor<List<Feature>> FEATURES = new BoundCondition
      .LeafVisitor<>() {
    @Override
    public List<Feature> visitField(BoundCondition.Field n) {
      return List.of();
    }

    @Override
    public List<Feature> visitConst(BoundCondition.Const n) {
      return List.of();
    }

    @Override
    public List<Feature> visitEvent(BoundCondition.Event n) {
      return List.of(Features.of(n));
    }

    @Override
    public List<Feature> visitSubscription(BoundCondition.Subscription n) {
      return List.of(Features.of(n));
    }

    @Override
    public List<Feature> visitSegment(BoundCondition.SegmentMember n) {
      return List.of();
    }

    @Override
    public List<Feature> visitStatic(BoundCondition.StaticMember n) {
      List<Feature> out = new ArrayList<>();
      if (n.op() != StaticSegmentTest.Op.EVER_IN && n.op() != StaticSegmentTest.Op.NEVER_IN) {
        out.add(Features.member(n));
      }
      if (n.op() != StaticSegmentTest.Op.IN && n.op() != StaticSegmentTest.Op.NOT_IN) {
        out.add(Features.ever(n));
      }
      return out;
    }

    @Override
    public List<Feature> visitExternal(BoundCondition.External n) {
      return List.of(Features.of(n));
    }

    @Override
    public List<Feature> visitSequence(BoundCondition.Sequence n) {
      return List.of(Features.of(n));
    }
  };
}
