package org.sparksegments.conditions.bind;

import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.model.Segment;

/**
 * A segment ready to evaluate: its database, its bound conditions (empty: every profile of the
 * range) and its resolved order.
 */
public record BoundSegment(Segment segment, DatabaseView database,
    Optional<BoundCondition> condition, List<Order> order) {

  public BoundSegment {
    order = List.copyOf(order);
  }

  public String id() {
    return segment.id();
  }

  /** One resolved {@code order_by} key. */
  public record Order(FieldRef field, boolean descending) {}
}
