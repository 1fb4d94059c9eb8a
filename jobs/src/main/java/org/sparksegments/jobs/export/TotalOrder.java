package org.sparksegments.jobs.export;

import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.VariantType;
import org.sparksegments.conditions.spark.Columns;

/**
 * A total order of a table's rows: the given columns first, then every other column in table
 * order, all ascending with nulls first. Rows that tie on every key are equal, so the output is
 * the same whatever the partitioning. Columns Spark cannot order (maps, variants, structs or
 * arrays holding them) are ordered by their JSON text.
 */
public final class TotalOrder {
  private TotalOrder() {}

  public static Column[] of(StructType schema, List<String> first) {
    List<Column> out = new ArrayList<>();
    first.forEach(c -> out.add(key(schema.apply(c))));
    for (StructField f : schema.fields()) {
      if (!first.contains(f.name())) {
        out.add(key(f));
      }
    }
    return out.toArray(Column[]::new);
  }

  private static Column key(StructField f) {
    Column c = Columns.column(f.name());
    return (orderable(f.dataType()) ? c : to_json(c)).asc_nulls_first();
  }

  private static boolean orderable(DataType t) {
    if (t instanceof MapType || t instanceof VariantType) {
      return false;
    }
    if (t instanceof ArrayType a) {
      return orderable(a.elementType());
    }
    if (t instanceof StructType s) {
      for (StructField f : s.fields()) {
        if (!orderable(f.dataType())) {
          return false;
        }
      }
    }
    return true;
  }
}
