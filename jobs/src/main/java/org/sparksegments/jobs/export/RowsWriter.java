package org.sparksegments.jobs.export;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the rows of a Dataset in its order, in one of the export formats: CSV (header row) and
 * JSON Lines are streamed from the driver into one UTF-8 file, a partition at a time, never
 * collected whole; Parquet is written by Spark as a folder with one part file, so that every
 * reader sees the rows in order. The target is written as is: callers make it atomic.
 */
public final class RowsWriter {
  private final ExportFormat format;
  private final JsonValues json;

  /**
   * @param zone the database's timezone (TIMESTAMP_NTZ values are local times there)
   */
  public RowsWriter(ExportFormat format, ZoneId zone) {
    this.format = format;
    this.json = new JsonValues(zone);
  }

  /** Writes {@code rows} to {@code target} (a new file, or a new folder for Parquet). */
  public long write(Dataset<Row> rows, Path target) throws IOException, InterruptedException {
    return switch (format) {
      case CSV, JSONL -> writeText(rows, target);
      case PARQUET -> writeParquet(rows, target);
    };
  }

  private long writeText(Dataset<Row> rows, Path target) throws IOException {
    StructType schema = rows.schema();
    Iterator<Row> it = rows.toLocalIterator();
    long n = 0;
    try (Writer out = new BufferedWriter(new java.io.OutputStreamWriter(
        Files.newOutputStream(target, StandardOpenOption.CREATE_NEW), StandardCharsets.UTF_8),
        1 << 16)) {
      if (format == ExportFormat.CSV) {
        CsvCells csv = new CsvCells(json);
        csv.writeHeader(out, schema);
        while (it.hasNext()) {
          csv.writeRow(out, it.next(), schema);
          n++;
        }
      } else {
        try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
          // One object a line: no separator of Jackson's own between root values.
          g.setRootValueSeparator(null);
          while (it.hasNext()) {
            json.writeRow(g, it.next(), schema);
            g.writeRaw('\n');
            n++;
          }
        }
      }
    }
    return n;
  }

  /**
   * One partition, one file: coalesce(1) joins the sorted partitions in their order without a
   * shuffle (the work before the sort stays parallel), whereas several files would be read back
   * in an order of the reader's choosing. The rows are counted as they are written.
   */
  private static long writeParquet(Dataset<Row> rows, Path target) throws InterruptedException {
    Observation written = new Observation("export");
    rows.observe(written, count(lit(1)).as("rows")).coalesce(1).write()
        .parquet(target.toUri().toString());
    return ((Number) written.getAsJava().get("rows")).longValue();
  }
}
