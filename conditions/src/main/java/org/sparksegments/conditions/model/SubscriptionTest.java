package org.sparksegments.conditions.model;

import java.util.List;

/**
 * A channel subscription test over the subscription records updated by the as-of.
 *
 * @param resources empty: any resource
 * @param statuses for status_in
 */
public record SubscriptionTest(String pointer, List<String> channels, List<String> resources,
    Op op, List<String> statuses) implements Condition {

  /** active: some matching record is active; status_in: has one of the statuses; none: no record. */
  public enum Op { ACTIVE, STATUS_IN, NONE }

  public SubscriptionTest {
    channels = List.copyOf(channels);
    resources = List.copyOf(resources);
    statuses = List.copyOf(statuses);
  }

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.visitSubscription(this);
  }
}
