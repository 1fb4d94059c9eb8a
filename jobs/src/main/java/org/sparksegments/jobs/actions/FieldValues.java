package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.bind.BoundValue;
import org.sparksegments.conditions.bind.FieldResolver;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.bind.LiteralConverter;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.Quote;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.conditions.model.Literal;
import org.sparksegments.conditions.spark.SparkSchemas;

/**
 * The values of {@code --set FIELD=VALUE} options: top-level profile fields, each value read as
 * a JSON literal (a quoted string, a number, true, false or null; any other text is a string)
 * and converted to the field's type as conditions convert literals (spec 3.1.1).
 */
public final class FieldValues {
  /** A field to set, its Spark type, the value as written (JSON) and as a Java value. */
  public record Assignment(String field, DataType type, JsonNode written, Object value) {
    /** The value as a literal of the field's type (a typed null for null). */
    public Column literal() {
      return lit(value).cast(type);
    }
  }

  private FieldValues() {}

  /** Reads every {@code --set}; refuses with every problem at once. */
  public static List<Assignment> parse(List<String> sets, StructType schema, String idColumn,
      ZoneId zone) {
    List<ValidationError> problems = new ArrayList<>();
    List<Assignment> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    var types = SparkSchemas.toTableSchema(schema);
    List<String> names = Arrays.stream(schema.fieldNames()).toList();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        problems.add(bad(ErrorCode.BAD_OPTION, set, "Cannot use --set '"
            + Quote.text(set) + "' (expected FIELD=VALUE, such as city=Berlin, is_vip=true or"
            + " age=null)"));
        continue;
      }
      String field = set.substring(0, eq);
      String text = set.substring(eq + 1);
      if (field.equals(idColumn) || field.equals("created_at")) {
        problems.add(bad(ErrorCode.BAD_OPTION, set, "Cannot set '" + field + "': "
            + (field.equals(idColumn) ? "it is the id column" : "it decides which profiles exist"
            + " as of an instant") + " (expected a profile field other than " + idColumn
            + " and created_at)"));
        continue;
      }
      if (!seen.add(field)) {
        problems.add(bad(ErrorCode.BAD_OPTION, set, "Cannot set '" + field + "' twice"
            + " (expected one --set per field)"));
        continue;
      }
      Optional<StructField> f = Arrays.stream(schema.fields())
          .filter(x -> x.name().equals(field)).findFirst();
      if (f.isEmpty()) {
        problems.add(unknown(set, field, names));
        continue;
      }
      JsonNode written = read(text);
      FieldType type = types.column(field).orElseThrow();
      Object value = written.isNull() ? null
          : convert(set, field, written, type, f.get().dataType(), zone, problems);
      if (written.isNull() || value != null) {
        out.add(new Assignment(field, f.get().dataType(), written, value));
      }
    }
    InvalidInputException.throwIfAny(problems);
    return out;
  }

  private static ValidationError bad(ErrorCode code, String set, String message) {
    return ValidationError.of(code, "--set " + Quote.text(set) + ": " + message);
  }

  private static ValidationError unknown(String set, String field, List<String> names) {
    String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : null;
    if (top != null && names.contains(top)) {
      return bad(ErrorCode.UNKNOWN_FIELD, set, "Cannot set '" + Quote.text(field) + "': only"
          + " top-level fields can be set (found a path into " + top + ", expected a column of the"
          + " profiles table)");
    }
    List<String> near = FieldResolver.nearest(names, field);
    return bad(ErrorCode.UNKNOWN_FIELD, set, "Cannot find field '" + Quote.text(field)
        + "' in the profiles table"
        + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near) + "?)")
        + " (expected a top-level column of the profiles table)");
  }

  /** The text as a JSON scalar when it is one; any other text is a string as written. */
  static JsonNode read(String text) {
    try {
      JsonNode n = Json.MAPPER.readTree(text);
      if (n != null && !n.isMissingNode()) {
        return n;
      }
    } catch (JsonProcessingException e) {
      // Not JSON: a bare string such as Berlin.
    }
    return JsonNodeFactory.instance.textNode(text);
  }

  private static Object convert(String set, String field, JsonNode written, FieldType type,
      DataType spark, ZoneId zone, List<ValidationError> problems) {
    Literal lit = written.isTextual() ? new Literal.Text("", written.asText())
        : written.isNumber() ? new Literal.Number("", written.decimalValue())
        : written.isBoolean() ? new Literal.Bool("", written.asBoolean()) : null;
    Optional<Kind> kind = type.scalarKind().filter(k -> k != Kind.OTHER);
    String problem = null;
    Object value = null;
    if (lit == null) {
      problem = "a JSON " + (written.isArray() ? "array" : "object");
    } else if (kind.isEmpty()) {
      problem = LiteralConverter.describe(lit);
    } else {
      Optional<BoundValue> v = LiteralConverter.convert(lit, kind.get(), type.describe(), zone,
          new Problems());
      value = v.map(x -> javaValue(x, kind.get(), zone)).orElse(null);
      if (value != null) {
        value = SparkRanges.check(value, spark);
      }
      if (value == null) {
        problem = LiteralConverter.describe(lit) + (v.isPresent() ? ", which the column cannot"
            + " hold exactly" : "");
      }
    }
    if (problem == null) {
      return value;
    }
    problems.add(bad(ErrorCode.BAD_LITERAL, set, "Cannot set field '" + field + "' of type "
        + spark.simpleString() + " to " + problem + " (expected " + expected(kind, spark)
        + ")"));
    return null;
  }

  /** A bound literal as the Java value of a Spark literal of the column's type. */
  private static Object javaValue(BoundValue v, Kind kind, ZoneId zone) {
    if (v instanceof BoundValue.Day d) {
      // A date for a timestamp field: the start of that day in the database's zone.
      return kind == Kind.TIMESTAMP_NTZ ? d.day().atStartOfDay()
          : d.day().atStartOfDay(zone).toInstant();
    }
    Object x = ((BoundValue.Exact) v).value();
    if (kind == Kind.TIMESTAMP_NTZ && x instanceof Instant i) {
      return LocalDateTime.ofInstant(i, zone);
    }
    return x;
  }

  private static String expected(Optional<Kind> kind, DataType spark) {
    if (kind.isEmpty()) {
      return "null: arrays, structs and maps can only be cleared";
    }
    return switch (kind.get()) {
      case STRING -> "a string; a value that reads as a JSON number or boolean must be quoted,"
          + " as in --set 'zip=\"10115\"'";
      case DATE -> "a date such as 2026-06-01, or an instant (its local date), or null";
      case TIMESTAMP, TIMESTAMP_NTZ -> "an instant such as 2026-06-01T08:00:00Z, a local time"
          + " 2026-06-01T08:00:00 or a date 2026-06-01 (midnight) in the database's time zone,"
          + " or null";
      case BOOLEAN -> "true, false or null";
      default -> Optional.ofNullable(SparkRanges.expected(spark))
          .orElse(LiteralConverter.expected(kind.get())) + ", or null";
    };
  }
}
