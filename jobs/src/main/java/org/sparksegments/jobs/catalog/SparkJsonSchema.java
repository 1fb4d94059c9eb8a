package org.sparksegments.jobs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.schema.TableSchema;

/** Reads the Spark schema JSON that Spark stores in Parquet footers, without Spark. */
final class SparkJsonSchema {
  private static final Map<String, Kind> SIMPLE = Map.ofEntries(
      Map.entry("string", Kind.STRING), Map.entry("boolean", Kind.BOOLEAN),
      Map.entry("byte", Kind.INTEGER), Map.entry("short", Kind.INTEGER),
      Map.entry("integer", Kind.INTEGER), Map.entry("long", Kind.INTEGER),
      Map.entry("float", Kind.DOUBLE), Map.entry("double", Kind.DOUBLE),
      Map.entry("date", Kind.DATE), Map.entry("timestamp", Kind.TIMESTAMP),
      Map.entry("timestamp_ntz", Kind.TIMESTAMP_NTZ));
  /** Spark's simpleString names, used in messages. */
  private static final Map<String, String> NAMES = Map.of("byte", "tinyint", "short",
      "smallint", "integer", "int", "long", "bigint");

  private SparkJsonSchema() {}

  static TableSchema toTableSchema(JsonNode struct) {
    return new TableSchema(fields(struct));
  }

  private static List<FieldType.NamedField> fields(JsonNode struct) {
    List<FieldType.NamedField> out = new ArrayList<>();
    for (JsonNode f : struct.path("fields")) {
      out.add(new FieldType.NamedField(f.path("name").asText(), type(f.path("type"))));
    }
    return out;
  }

  static FieldType type(JsonNode t) {
    if (t.isObject()) {
      return switch (t.path("type").asText()) {
        case "struct" -> new FieldType.StructOf(fields(t));
        case "array" -> new FieldType.ArrayOf(type(t.path("elementType")));
        case "map" -> new FieldType.MapOf(type(t.path("keyType")), type(t.path("valueType")));
        default -> FieldType.scalar(Kind.OTHER, t.path("type").asText());
      };
    }
    String name = t.asText();
    if (name.startsWith("decimal")) {
      return FieldType.scalar(Kind.DECIMAL, name.equals("decimal") ? "decimal(10,0)" : name);
    }
    if (name.startsWith("char(") || name.startsWith("varchar(")) {
      return FieldType.scalar(Kind.STRING, name);
    }
    return FieldType.scalar(SIMPLE.getOrDefault(name, Kind.OTHER), NAMES.getOrDefault(name, name));
  }
}
