package org.sparksegments.jobs.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.VariantVal;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Writes Spark values as JSON, the same way in every text format: structs as objects (keys in
 * field order), arrays as arrays, maps as objects, timestamps as ISO-8601 UTC instants, dates as
 * ISO dates, decimals exactly, binary as base64, NaN and infinities as strings.
 */
public final class JsonValues {
  /** Decimals in plain digits (never 1E+3); a flush reaches only the generator's own buffer. */
  static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
      .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
      .build();

  private final ZoneId zone;

  /**
   * @param zone the database's timezone: a TIMESTAMP_NTZ holds local times there (spec 3.1.1),
   *     written as the instant it stands for (the earlier one when a time happens twice)
   */
  public JsonValues(ZoneId zone) {
    this.zone = zone;
  }

  /** Writes one row as an object whose keys are the schema's column names, in order. */
  public void writeRow(JsonGenerator g, Row row, StructType schema) throws IOException {
    g.writeStartObject();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      g.writeFieldName(fields[i].name());
      write(g, row.isNullAt(i) ? null : row.get(i), fields[i].dataType());
    }
    g.writeEndObject();
  }

  /** Writes one value of Spark type {@code type} (null as JSON null). */
  public void write(JsonGenerator g, Object v, DataType type) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (type instanceof StructType s) {
      writeRow(g, (Row) v, s);
    } else if (type instanceof ArrayType a) {
      g.writeStartArray();
      for (Object e : list(v)) {
        write(g, e, a.elementType());
      }
      g.writeEndArray();
    } else if (type instanceof MapType m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map(v).entrySet()) {
        g.writeFieldName(scalarText(e.getKey()));
        write(g, e.getValue(), m.valueType());
      }
      g.writeEndObject();
    } else if (v instanceof VariantVal variant) {
      g.writeRawValue(variant.toJson(zone));
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      g.writeNumber(d);
    } else if (v instanceof Float f && !f.isNaN() && !f.isInfinite()) {
      g.writeNumber(f);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else {
      g.writeString(scalarText(v));
    }
  }

  /**
   * The text of a scalar value as a CSV cell or a JSON string holds it: ISO-8601 for dates and
   * instants (UTC, {@code Z}), plain digits for decimals, base64 for binary.
   */
  public String scalarText(Object v) {
    if (v instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (v instanceof Instant i) {
      return i.toString();
    }
    if (v instanceof LocalDateTime local) {
      return local.atZone(zone).toInstant().toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    return String.valueOf(v);
  }

  private static List<?> list(Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    return CollectionConverters.asJava((scala.collection.Seq<?>) v);
  }

  private static Map<?, ?> map(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m;
    }
    return CollectionConverters.asJava((scala.collection.Map<?, ?>) v);
  }
}
