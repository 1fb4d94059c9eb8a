package org.sparksegments.conditions.model;

import java.util.Optional;

/**
 * Membership of a static segment, as of the as-of; ever_in and never_in may take a window on
 * added_at.
 */
public record StaticSegmentTest(String pointer, String segment, Op op, Optional<Window> window)
    implements Condition {

  /** The operators, each true or false for every profile. */
  public enum Op { IN, NOT_IN, EVER_IN, NEVER_IN, LEFT }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitStaticSegment(this);
  }
}
