package org.sparksegments.jobs.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Every table of one database of a catalog, read once into plain Java: each row a
 * {@code Map<String, Object>} whose values are String, Boolean, Long (every integer type), Double
 * (float and double), BigDecimal, LocalDate, Instant (timestamp), LocalDateTime (timestamp_ntz),
 * List, Map, or a nested Map for a struct; null stays null. Spark is used only to read the Parquet
 * files; the catalog file is read here with Jackson, independently of the engine.
 */
public final class ReferenceData {

  /** A column type in plain terms. */
  public enum Kind { STRING, BOOLEAN, INTEGER, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMP_NTZ,
    ARRAY, MAP, STRUCT, OTHER }

  /** A (possibly nested) type: element for arrays, value for maps, fields for structs. */
  public record Type(Kind kind, Type element, Type value, Map<String, Type> fields) {
    static Type of(DataType t) {
      if (t instanceof StringType) {
        return scalar(Kind.STRING);
      }
      if (t instanceof BooleanType) {
        return scalar(Kind.BOOLEAN);
      }
      if (t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType
          || t instanceof LongType) {
        return scalar(Kind.INTEGER);
      }
      if (t instanceof FloatType || t instanceof DoubleType) {
        return scalar(Kind.DOUBLE);
      }
      if (t instanceof DecimalType) {
        return scalar(Kind.DECIMAL);
      }
      if (t instanceof DateType) {
        return scalar(Kind.DATE);
      }
      if (t instanceof TimestampNTZType) {
        return scalar(Kind.TIMESTAMP_NTZ);
      }
      if (t instanceof TimestampType) {
        return scalar(Kind.TIMESTAMP);
      }
      if (t instanceof ArrayType a) {
        return new Type(Kind.ARRAY, of(a.elementType()), null, null);
      }
      if (t instanceof MapType m) {
        return new Type(Kind.MAP, null, of(m.valueType()), null);
      }
      if (t instanceof StructType s) {
        Map<String, Type> fields = new LinkedHashMap<>();
        for (StructField f : s.fields()) {
          fields.put(f.name(), of(f.dataType()));
        }
        return new Type(Kind.STRUCT, null, null, fields);
      }
      return scalar(Kind.OTHER);
    }

    static Type scalar(Kind k) {
      return new Type(k, null, null, null);
    }
  }

  /** One table: its columns' types and its rows. */
  public record Table(Map<String, Type> columns, List<Map<String, Object>> rows) {}

  /** An external table with the key column and the profile field it is matched to. */
  public record External(Table table, String key, String profileField) {}

  public final String name;
  public final String idColumn;
  public final ZoneId zone;
  public final Table profiles;
  public final Table subscriptions;
  public final Table events;
  public final Table staticSegments;
  public final Map<String, External> external;

  /** Rows of the other tables grouped by the id column (ids as in profiles: String or Long). */
  public final Map<Object, List<Map<String, Object>>> eventsById;
  public final Map<Object, List<Map<String, Object>>> subscriptionsById;
  public final Map<Object, List<Map<String, Object>>> staticById;

  private ReferenceData(String name, String idColumn, ZoneId zone, Table profiles,
      Table subscriptions, Table events, Table staticSegments, Map<String, External> external) {
    this.name = name;
    this.idColumn = idColumn;
    this.zone = zone;
    this.profiles = profiles;
    this.subscriptions = subscriptions;
    this.events = events;
    this.staticSegments = staticSegments;
    this.external = external;
    this.eventsById = group(events);
    this.subscriptionsById = group(subscriptions);
    this.staticById = group(staticSegments);
  }

  private Map<Object, List<Map<String, Object>>> group(Table t) {
    Map<Object, List<Map<String, Object>>> out = new HashMap<>();
    if (t == null) {
      return out;
    }
    for (Map<String, Object> r : t.rows()) {
      Object id = r.get(idColumn);
      if (id != null) {
        out.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
      }
    }
    return out;
  }

  /** Reads database {@code db} of the catalog file {@code catalogFile}. */
  public static ReferenceData load(SparkSession spark, Path catalogFile, String db)
      throws IOException {
    JsonNode catalog = new ObjectMapper().readTree(catalogFile.toFile());
    JsonNode d = catalog.path("databases").path(db);
    if (d.isMissingNode()) {
      throw new IllegalArgumentException("no database " + db + " in " + catalogFile);
    }
    Path dir = catalogFile.toAbsolutePath().getParent();
    String id = d.path("id_column").asText("profile_id");
    ZoneId zone = ZoneId.of(d.path("timezone").asText("UTC"));
    Map<String, External> ext = new LinkedHashMap<>();
    d.path("external").fields().forEachRemaining(e -> ext.put(e.getKey(),
        new External(read(spark, dir, e.getValue().get("source").asText()),
            e.getValue().get("key").asText(), e.getValue().get("profile_field").asText())));
    return new ReferenceData(db, id, zone, read(spark, dir, d.get("profiles").asText()),
        optional(spark, dir, d, "subscriptions"), optional(spark, dir, d, "events"),
        optional(spark, dir, d, "static_segments"), Collections.unmodifiableMap(ext));
  }

  private static Table optional(SparkSession spark, Path dir, JsonNode d, String key) {
    return d.has(key) ? read(spark, dir, d.get(key).asText()) : null;
  }

  private static Table read(SparkSession spark, Path dir, String source) {
    Path p = Path.of(source);
    String location = (p.isAbsolute() ? p : dir.resolve(source)).toUri().toString();
    Dataset<Row> df = spark.read().parquet(location);
    StructType schema = df.schema();
    Map<String, Type> columns = new LinkedHashMap<>();
    for (StructField f : schema.fields()) {
      columns.put(f.name(), Type.of(f.dataType()));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      rows.add(struct(r, schema));
    }
    return new Table(Collections.unmodifiableMap(columns), Collections.unmodifiableList(rows));
  }

  private static Map<String, Object> struct(Row r, StructType schema) {
    Map<String, Object> m = new LinkedHashMap<>();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      m.put(fields[i].name(), r.isNullAt(i) ? null : convert(r.get(i), fields[i].dataType()));
    }
    return Collections.unmodifiableMap(m);
  }

  @SuppressWarnings("unchecked")
  private static Object convert(Object v, DataType t) {
    if (v == null) {
      return null;
    }
    if (t instanceof StructType s) {
      return struct((Row) v, s);
    }
    if (t instanceof ArrayType a) {
      List<Object> out = new ArrayList<>();
      Iterable<Object> items = v instanceof List<?> l ? (List<Object>) l
          : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Iterable<Object>) v);
      for (Object o : items) {
        out.add(convert(o, a.elementType()));
      }
      return Collections.unmodifiableList(out);
    }
    if (t instanceof MapType mt) {
      Map<Object, Object> src = v instanceof Map<?, ?> jm ? (Map<Object, Object>) jm
          : scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Map<Object, Object>) v);
      Map<Object, Object> out = new LinkedHashMap<>();
      src.forEach((k, x) -> out.put(convert(k, mt.keyType()), convert(x, mt.valueType())));
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float f) {
      return f.doubleValue();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof Timestamp ts) {
      return ts.toInstant();
    }
    if (v instanceof BigDecimal || v instanceof Instant || v instanceof LocalDate
        || v instanceof LocalDateTime || v instanceof String || v instanceof Boolean
        || v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof org.apache.spark.sql.types.Decimal d) {
      return d.toJavaBigDecimal();
    }
    throw new IllegalStateException("unexpected value " + v + " of " + v.getClass() + " for " + t);
  }
}
