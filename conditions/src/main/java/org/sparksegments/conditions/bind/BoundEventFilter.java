package org.sparksegments.conditions.bind;

import java.util.List;
import java.util.Optional;

/**
 * An event filter checked against the events table: name, channel, campaign and message lists
 * (empty: any) and a bound {@code where} tree over the events table's columns.
 */
public record BoundEventFilter(List<String> events, List<String> channels,
    List<String> campaigns, List<String> messages, Optional<BoundCondition> where) {

  public BoundEventFilter {
    events = List.copyOf(events);
    channels = List.copyOf(channels);
    campaigns = List.copyOf(campaigns);
    messages = List.copyOf(messages);
  }
}
