package org.sparksegments.conditions.plan;

import java.util.List;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.model.Aggregate;
import org.sparksegments.conditions.model.StaticSegmentTest;

/** The features a condition reads: the one mapping from conditions to feature columns. */
public final class Features {
  private Features() {}

  /** The aggregate an event test's operator reads. */
  public static Feature.EventAggregate of(BoundCondition.Event e) {
    Feature.EventKind kind = switch (e.op()) {
      case EXISTS, NOT_EXISTS, AT_LEAST, AT_MOST, EXACTLY -> Feature.EventKind.COUNT;
      case LAST_WITHIN, LAST_BEFORE -> Feature.EventKind.LAST_TS;
      case FIRST_WITHIN -> Feature.EventKind.FIRST_TS;
      case GT, GTE, LT, LTE, EQ, BETWEEN -> aggregateKind(e.aggregate().orElseThrow());
    };
    return new Feature.EventAggregate(e.filter(), e.window(), kind,
        kind.ordinal() >= Feature.EventKind.SUM.ordinal()
            && kind.ordinal() <= Feature.EventKind.COUNT_DISTINCT.ordinal()
            ? e.aggregateOf() : java.util.Optional.empty());
  }

  private static Feature.EventKind aggregateKind(Aggregate.Fn fn) {
    return switch (fn) {
      case SUM -> Feature.EventKind.SUM;
      case AVG -> Feature.EventKind.AVG;
      case MIN -> Feature.EventKind.MIN;
      case MAX -> Feature.EventKind.MAX;
      case COUNT_DISTINCT -> Feature.EventKind.COUNT_DISTINCT;
    };
  }

  /** The flag a subscription test reads; none reads "any matching record". */
  public static Feature.SubscriptionFlag of(BoundCondition.Subscription s) {
    List<String> statuses = switch (s.op()) {
      case ACTIVE -> List.of("active");
      case STATUS_IN -> s.statuses();
      case NONE -> List.of();
    };
    return new Feature.SubscriptionFlag(s.channels(), s.resources(), statuses);
  }

  /** Membership as of the as-of. */
  public static Feature.StaticFlag member(BoundCondition.StaticMember s) {
    return new Feature.StaticFlag(s.segment(), false, java.util.Optional.empty());
  }

  /** Ever added by the as-of; the window only for ever_in and never_in. */
  public static Feature.StaticFlag ever(BoundCondition.StaticMember s) {
    boolean windowed = s.op() == StaticSegmentTest.Op.EVER_IN
        || s.op() == StaticSegmentTest.Op.NEVER_IN;
    return new Feature.StaticFlag(s.segment(), true,
        windowed ? s.window() : java.util.Optional.empty());
  }

  public static Feature.ExternalFlag of(BoundCondition.External e) {
    return new Feature.ExternalFlag(e.table(), e.key(), e.profileField(), e.where());
  }

  public static Feature.SequenceMatch of(BoundCondition.Sequence s) {
    return new Feature.SequenceMatch(s);
  }
}
