package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.TableSchema;

import org.sparksegments.conditions.schema.FieldType;

import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.error.ErrorCode;

/** Looks up a table a condition needs, and checks the columns its contract requires. */
final class TableChecks {
  /** Columns that must be instants (TIMESTAMP): a local-time column would need a zone. */
  private static final java.util.Set<String> TIMESTAMPS = java.util.Set.of("ts", "updated_at",
      "added_at", "removed_at");

  private TableChecks() {}

  static Optional<TableSchema> require(Binder b, String table, String pointer,
      List<String> columns) {
    Tables.Lookup l = b.db.tables().lookup(table);
    if (l instanceof Tables.Lookup.Missing) {
      b.problems.add(ErrorCode.UNKNOWN_TABLE, pointer, "Cannot evaluate this condition: database '"
          + b.db.name() + "' has no " + table.replace("external:", "external table ")
          + " table in the catalog (expected the catalog to name it)");
      return Optional.empty();
    }
    if (l instanceof Tables.Lookup.Unreadable u && u.located() != null) {
      b.problems.add(u.located());
      return Optional.empty();
    }
    if (l instanceof Tables.Lookup.Unreadable u) {
      b.problems.add(ErrorCode.UNREADABLE_TABLE, pointer, "Cannot read the " + table
          + " table of database '" + b.db.name() + "': " + u.message());
      return Optional.empty();
    }
    TableSchema schema = ((Tables.Lookup.Found) l).schema();
    List<String> missing = new java.util.ArrayList<>();
    for (String c : columns) {
      if (schema.column(c).isEmpty()) {
        missing.add(c);
      }
    }
    if (!table.startsWith("external:") && schema.column(b.db.idColumn()).isEmpty()) {
      missing.add(b.db.idColumn());
    }
    for (String c : columns) {
      if (TIMESTAMPS.contains(c) && schema.column(c).isPresent() && !schema.column(c)
          .flatMap(FieldType::scalarKind).equals(Optional.of(FieldType.Kind.TIMESTAMP))) {
        missing.add(c + " as timestamp (found " + schema.column(c).get().describe() + ")");
      }
    }
    if (!missing.isEmpty()) {
      b.problems.add(ErrorCode.BAD_TABLE, pointer, "Cannot use the " + table + " table of"
          + " database '" + b.db.name() + "': it lacks the columns " + missing
          + " (expected " + columns + " and the id column)");
      return Optional.empty();
    }
    return Optional.of(schema);
  }
}
