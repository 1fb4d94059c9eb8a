package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.TableSchema;

import java.time.ZoneId;
import java.util.Objects;

/**
 * What the binder knows of one database: its id column, its time zone, the schema of its
 * profiles table and a way to look up its other tables.
 */
public record DatabaseView(String name, String idColumn, ZoneId zone, TableSchema profiles,
    Tables tables) {
  public DatabaseView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(idColumn, "idColumn");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(profiles, "profiles");
    Objects.requireNonNull(tables, "tables");
  }

  /** A database whose only table is profiles. */
  public DatabaseView(String name, String idColumn, ZoneId zone, TableSchema profiles) {
    this(name, idColumn, zone, profiles, Tables.NONE);
  }
}
