package org.sparksegments.conditions.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.schema.TableSchema;

/** Fills the binder's schema view from a Spark {@link StructType}. */
public final class SparkSchemas {
  private SparkSchemas() {}

  public static TableSchema toTableSchema(StructType struct) {
    return new TableSchema(fields(struct));
  }

  private static List<FieldType.NamedField> fields(StructType struct) {
    List<FieldType.NamedField> out = new ArrayList<>();
    for (StructField f : struct.fields()) {
      out.add(new FieldType.NamedField(f.name(), type(f.dataType())));
    }
    return out;
  }

  static FieldType type(DataType t) {
    if (t instanceof StructType s) {
      return new FieldType.StructOf(fields(s));
    }
    if (t instanceof ArrayType a) {
      return new FieldType.ArrayOf(type(a.elementType()));
    }
    if (t instanceof MapType m) {
      return new FieldType.MapOf(type(m.keyType()), type(m.valueType()));
    }
    if (t instanceof DecimalType) {
      return FieldType.scalar(Kind.DECIMAL, t.simpleString());
    }
    Kind kind;
    if (t.equals(DataTypes.StringType) || t.typeName().startsWith("string")
        || t.typeName().startsWith("varchar") || t.typeName().startsWith("char")) {
      kind = Kind.STRING;
    } else if (t.equals(DataTypes.BooleanType)) {
      kind = Kind.BOOLEAN;
    } else if (t.equals(DataTypes.ByteType) || t.equals(DataTypes.ShortType)
        || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.LongType)) {
      kind = Kind.INTEGER;
    } else if (t.equals(DataTypes.FloatType) || t.equals(DataTypes.DoubleType)) {
      kind = Kind.DOUBLE;
    } else if (t.equals(DataTypes.DateType)) {
      kind = Kind.DATE;
    } else if (t.equals(DataTypes.TimestampType)) {
      kind = Kind.TIMESTAMP;
    } else if (t.equals(DataTypes.TimestampNTZType)) {
      kind = Kind.TIMESTAMP_NTZ;
    } else {
      kind = Kind.OTHER;
    }
    return FieldType.scalar(kind, t.simpleString());
  }
}
