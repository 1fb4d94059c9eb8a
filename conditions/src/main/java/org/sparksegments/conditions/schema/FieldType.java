package org.sparksegments.conditions.schema;

import java.util.List;
import java.util.Optional;

/**
 * The type of a column or nested field, as the binder sees it: filled from a Parquet footer or
 * from a Spark schema, so binding needs no SparkSession.
 */
public sealed interface FieldType {

  /** Scalar kinds; integral widths fold into INTEGER, float and double into DOUBLE. */
  enum Kind { STRING, BOOLEAN, INTEGER, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMP_NTZ, OTHER }

  /** A short name for messages, such as {@code string} or {@code array<string>}. */
  String describe();

  /** A scalar of a kind; {@code name} is the storage type's name, for messages. */
  record Scalar(Kind kind, String name) implements FieldType {
    @Override
    public String describe() {
      return name;
    }
  }

  /** An array of elements. */
  record ArrayOf(FieldType element) implements FieldType {
    @Override
    public String describe() {
      return "array<" + element.describe() + ">";
    }
  }

  /** A struct with ordered named fields. */
  record StructOf(List<NamedField> fields) implements FieldType {
    public StructOf {
      fields = List.copyOf(fields);
    }

    public Optional<FieldType> field(String name) {
      return fields.stream().filter(f -> f.name().equals(name)).map(NamedField::type).findFirst();
    }

    @Override
    public String describe() {
      return "struct";
    }
  }

  /** A map; dotted paths read its values by string key. */
  record MapOf(FieldType key, FieldType value) implements FieldType {
    @Override
    public String describe() {
      return "map<" + key.describe() + "," + value.describe() + ">";
    }
  }

  /** A named column or struct field. */
  record NamedField(String name, FieldType type) {}

  static Scalar scalar(Kind kind, String name) {
    return new Scalar(kind, name);
  }

  /** The scalar kind, or empty for arrays, structs and maps. */
  default Optional<Kind> scalarKind() {
    return this instanceof Scalar s ? Optional.of(s.kind()) : Optional.empty();
  }
}
