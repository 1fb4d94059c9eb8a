package org.sparksegments.jobs.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.VariantType;

/**
 * CSV lines with RFC 4180 quoting: a cell is quoted when it holds a comma, a quote, CR or LF
 * (quotes doubled); an empty string is {@code ""} so that it differs from null, an empty cell.
 * Structs, arrays and maps are their JSON text. Lines end with LF.
 */
final class CsvCells {
  private final JsonValues json;

  CsvCells(JsonValues json) {
    this.json = json;
  }

  /** The header line: the column names. */
  void writeHeader(Writer out, StructType schema) throws IOException {
    String[] names = schema.fieldNames();
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quote(names[i]));
    }
    out.write('\n');
  }

  /** One row as one line. */
  void writeRow(Writer out, Row row, StructType schema) throws IOException {
    for (int i = 0; i < schema.fields().length; i++) {
      if (i > 0) {
        out.write(',');
      }
      if (!row.isNullAt(i)) {
        out.write(quote(text(row.get(i), schema.fields()[i].dataType())));
      }
    }
    out.write('\n');
  }

  private String text(Object v, DataType type) {
    if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType
        || type instanceof VariantType) {
      StringWriter s = new StringWriter();
      try (JsonGenerator g = JsonValues.FACTORY.createGenerator(s)) {
        json.write(g, v, type);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return s.toString();
    }
    return json.scalarText(v);
  }

  /** The cell as RFC 4180 writes it. */
  static String quote(String s) {
    if (!s.isEmpty() && s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r'
        || c == '\n')) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
