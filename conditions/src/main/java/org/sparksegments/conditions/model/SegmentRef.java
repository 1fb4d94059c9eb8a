package org.sparksegments.conditions.model;

/** Membership of another dynamic segment's final result (its range and limit applied). */
public record SegmentRef(String pointer, String segment, boolean in) implements Condition {
  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitSegment(this);
  }
}
