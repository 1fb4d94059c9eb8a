package org.sparksegments.jobs.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.schema.TableSchema;

/**
 * Reads a Parquet schema written by another tool as Spark's reader would see it: logical types
 * for strings, dates, timestamps and decimals; LIST and MAP groups (standard and legacy shapes);
 * other groups as structs; unannotated binary stays binary.
 */
final class ParquetTypes {
  private ParquetTypes() {}

  static TableSchema toTableSchema(MessageType message) {
    return new TableSchema(fields(message));
  }

  private static List<FieldType.NamedField> fields(GroupType group) {
    List<FieldType.NamedField> out = new ArrayList<>();
    for (Type t : group.getFields()) {
      FieldType ft = type(t);
      if (t.isRepetition(Type.Repetition.REPEATED)) {
        ft = new FieldType.ArrayOf(ft);
      }
      out.add(new FieldType.NamedField(t.getName(), ft));
    }
    return out;
  }

  /** The type of a field, ignoring its own repetition. */
  private static FieldType type(Type t) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType());
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && g.getFieldCount() == 1) {
      return new FieldType.ArrayOf(listElement(g.getType(0)));
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && g.getFieldCount() == 1 && !g.getType(0).isPrimitive()
        && g.getType(0).asGroupType().getFieldCount() == 2) {
      GroupType kv = g.getType(0).asGroupType();
      return new FieldType.MapOf(type(kv.getType(0)), type(kv.getType(1)));
    }
    return new FieldType.StructOf(fields(g));
  }

  /** The element of a LIST's repeated field: three-level standard or two-level legacy forms. */
  private static FieldType listElement(Type repeated) {
    if (repeated.isPrimitive()) {
      return primitive(repeated.asPrimitiveType());
    }
    GroupType g = repeated.asGroupType();
    boolean legacy = g.getFieldCount() != 1 || g.getName().equals("array")
        || g.getName().endsWith("_tuple");
    return legacy ? new FieldType.StructOf(fields(g)) : type(g.getType(0));
  }

  private static FieldType primitive(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      return FieldType.scalar(Kind.DECIMAL, "decimal(" + d.getPrecision() + "," + d.getScale()
          + ")");
    }
    return switch (p.getPrimitiveTypeName()) {
      case BOOLEAN -> FieldType.scalar(Kind.BOOLEAN, "boolean");
      case INT32 -> a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
          ? FieldType.scalar(Kind.DATE, "date") : FieldType.scalar(Kind.INTEGER, "int");
      case INT64 -> a instanceof TimestampLogicalTypeAnnotation ts
          ? (ts.isAdjustedToUTC() ? FieldType.scalar(Kind.TIMESTAMP, "timestamp")
              : FieldType.scalar(Kind.TIMESTAMP_NTZ, "timestamp_ntz"))
          : FieldType.scalar(Kind.INTEGER, "bigint");
      case INT96 -> FieldType.scalar(Kind.TIMESTAMP, "timestamp");
      case FLOAT -> FieldType.scalar(Kind.DOUBLE, "float");
      case DOUBLE -> FieldType.scalar(Kind.DOUBLE, "double");
      case BINARY, FIXED_LEN_BYTE_ARRAY ->
          a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
              || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
              || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
              ? FieldType.scalar(Kind.STRING, "string") : FieldType.scalar(Kind.OTHER, "binary");
    };
  }
}
