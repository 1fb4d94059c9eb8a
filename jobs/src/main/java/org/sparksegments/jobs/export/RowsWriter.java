package org.sparksegments.jobs.export;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.jobs.fs.Storage;

/**
 * Writes the rows of a Dataset in its order, in one of the export formats: CSV (header row) and
 * JSON Lines are streamed from the driver into one UTF-8 file (a Hadoop output stream on the
 * file system the target names), a partition at a time, never collected whole; Parquet is
 * written by Spark as a folder with one part file, so that every reader sees the rows in order.
 * The target is written as is: callers make it atomic.
 */
public final class RowsWriter {
  private final Storage storage;
  private final ExportFormat format;
  private final JsonValues json;

  /**
   * @param zone the database's timezone (TIMESTAMP_NTZ values are local times there)
   */
  public RowsWriter(Storage storage, ExportFormat format, ZoneId zone) {
    this.storage = storage;
    this.format = format;
    this.json = new JsonValues(zone);
  }

  /**
   * Writes {@code rows} to {@code target}, a qualified path: a file, or a folder for Parquet
   * that must not exist.
   *
   * @param replace whether a file at {@code target} is replaced (else the name must be free)
   */
  public long write(Dataset<Row> rows, Path target, boolean replace)
      throws IOException, InterruptedException {
    return switch (format) {
      case CSV, JSONL -> writeText(rows, target, replace);
      case PARQUET -> writeParquet(rows, target);
    };
  }

  private long writeText(Dataset<Row> rows, Path target, boolean replace) throws IOException {
    StructType schema = rows.schema();
    Iterator<Row> it = rows.toLocalIterator();
    long n = 0;
    try (Writer out = new BufferedWriter(new OutputStreamWriter(
        storage.fs(target).create(target, replace), StandardCharsets.UTF_8), 1 << 16)) {
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
        .mode(SaveMode.ErrorIfExists).parquet(target.toString());
    return ((Number) written.getAsJava().get("rows")).longValue();
  }
}
