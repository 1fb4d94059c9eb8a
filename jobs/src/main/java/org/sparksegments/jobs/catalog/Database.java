package org.sparksegments.jobs.catalog;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/** One database of the catalog: its id column, time zone and table sources. */
public record Database(String name, String idColumn, ZoneId zone, TableSource profiles,
    Optional<TableSource> subscriptions, Optional<TableSource> events,
    Optional<TableSource> staticSegments, Map<String, ExternalTable> external) {

  public Database {
    external = Map.copyOf(external);
  }
}
