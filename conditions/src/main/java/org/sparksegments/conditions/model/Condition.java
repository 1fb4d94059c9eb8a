package org.sparksegments.conditions.model;

/**
 * One node of a segment's condition tree, exactly as written in the segment document.
 *
 * <p>Every node knows its JSON pointer, so later stages can blame the right place. A new kind of
 * condition is a new record here and a new method on {@link Visitor}: nothing compiles until every
 * pass handles it.
 */
public sealed interface Condition permits AllOf, AnyOf, Not, FieldTest, EventTest,
    SubscriptionTest, SegmentRef, StaticSegmentTest, ExternalTest, ConditionsOf, Sequence {

  /** JSON pointer of this node from the root of its file. */
  String pointer();

  <R> R accept(Visitor<R> visitor);

  /** One method per kind of condition, no defaults. */
  interface Visitor<R> {
    R visitAll(AllOf node);

    R visitAny(AnyOf node);

    R visitNot(Not node);

    R visitField(FieldTest node);

    R visitEvent(EventTest node);

    R visitSubscription(SubscriptionTest node);

    R visitSegment(SegmentRef node);

    R visitStaticSegment(StaticSegmentTest node);

    R visitExternal(ExternalTest node);

    R visitConditionsOf(ConditionsOf node);

    R visitSequence(Sequence node);
  }
}
