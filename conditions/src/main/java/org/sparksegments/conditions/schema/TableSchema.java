package org.sparksegments.conditions.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.schema.FieldType.NamedField;

/** The columns of one table, in order. */
public record TableSchema(List<NamedField> columns) {
  public TableSchema {
    columns = List.copyOf(columns);
  }

  public Optional<FieldType> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).map(NamedField::type).findFirst();
  }

  /** Every addressable dotted path (columns and struct fields), for suggestions. */
  public List<String> paths() {
    List<String> out = new ArrayList<>();
    for (NamedField c : columns) {
      collect(c.name(), c.type(), out);
    }
    return out;
  }

  private static void collect(String prefix, FieldType type, List<String> out) {
    out.add(prefix);
    if (type instanceof FieldType.StructOf s) {
      for (NamedField f : s.fields()) {
        collect(prefix + "." + f.name(), f.type(), out);
      }
    }
  }
}
