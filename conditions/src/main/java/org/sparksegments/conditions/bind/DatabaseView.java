package org.sparksegments.conditions.bind;

import java.time.ZoneId;
import java.util.Objects;

/**
 * What the binder knows of one database: its id column, its time zone and the schema of its
 * profiles table.
 */
public record DatabaseView(String name, String idColumn, ZoneId zone, TableSchema profiles) {
  public DatabaseView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(idColumn, "idColumn");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(profiles, "profiles");
  }
}
