package org.sparksegments.conditions.model;

import java.util.List;
import java.util.Optional;

/**
 * Which events count: names, channels, campaigns and messages (each a list, OR within a list,
 * empty: any) and a {@code where} tree of field tests over the events table's own columns.
 */
public record EventFilter(String pointer, List<String> events, List<String> channels,
    List<String> campaigns, List<String> messages, Optional<Condition> where) {

  public EventFilter {
    events = List.copyOf(events);
    channels = List.copyOf(channels);
    campaigns = List.copyOf(campaigns);
    messages = List.copyOf(messages);
  }
}
