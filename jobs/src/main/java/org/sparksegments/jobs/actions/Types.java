package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Spark type rules shared by the commands that write rows into existing tables. */
final class Types {
  private static final List<DataType> INTEGRAL = List.of(DataTypes.ByteType,
      DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType);

  private Types() {}

  /**
   * Whether ids of type {@code from} can be written into an id column of type {@code to}: both
   * strings, or both integers with the target at least as wide (never a lossy cast).
   */
  static boolean idFits(DataType from, DataType to) {
    if (from.equals(DataTypes.StringType) || to.equals(DataTypes.StringType)) {
      return from.equals(to);
    }
    int f = INTEGRAL.indexOf(from);
    int t = INTEGRAL.indexOf(to);
    return f >= 0 && t >= f;
  }

  static boolean isTimestamp(DataType t) {
    return t.equals(DataTypes.TimestampType) || t.equals(DataTypes.TimestampNTZType);
  }

  /** Types equal apart from nullability (Parquet files written by Spark are all nullable). */
  static boolean same(DataType a, DataType b) {
    return a.catalogString().equals(b.catalogString());
  }

  /**
   * An instant as a literal of a timestamp column's type: the instant itself, or for
   * TIMESTAMP_NTZ (local times in the database's zone) its local time in {@code zone}.
   */
  static Column instant(Instant t, DataType type, ZoneId zone) {
    return type.equals(DataTypes.TimestampNTZType) ? lit(LocalDateTime.ofInstant(t, zone))
        : lit(t).cast(type);
  }
}
