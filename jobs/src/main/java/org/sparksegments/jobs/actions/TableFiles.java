package org.sparksegments.jobs.actions;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.catalog.DataFiles;
import org.sparksegments.jobs.catalog.TableFormat;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.eval.TableReads;
import org.sparksegments.jobs.fs.Storage;

/**
 * File operations on table folders through the file-system layer ({@link Storage}, with the
 * session's Hadoop configuration), so that local folders, HDFS and object stores work alike.
 * Everything a command writes goes first into a hidden work folder (a name starting with ".",
 * which Spark and every reader of this project skip) and is moved into place in one rename once
 * complete.
 */
final class TableFiles {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final Storage storage;

  TableFiles(SparkSession spark) {
    this.spark = spark;
    this.storage = Storage.of(spark.sparkContext().hadoopConfiguration());
  }

  /** The file systems of the session's Hadoop configuration. */
  Storage storage() {
    return storage;
  }

  SparkSession spark() {
    return spark;
  }

  /**
   * Refuses a source these commands cannot write: a {@code table:} name, a Delta table (new
   * Parquet files in its folder would not be in its log, so no reader would see them), and a
   * folder declared as Parquet that holds a Delta log ({@code DELTA_TABLE_AS_PARQUET}).
   */
  void requireParquetPath(TableSource source, String what) {
    if (source.sessionTable()) {
      throw InvalidInputException.of(ErrorCode.BAD_TABLE, "Cannot change " + what + ": its source '"
          + source.written() + "' is a table of the Spark session's catalog, which this command"
          + " does not write (found a table: source, expected a Parquet folder path or URI)");
    }
    if (source.format() == TableFormat.DELTA) {
      throw InvalidInputException.of(ErrorCode.BAD_TABLE, "Cannot change " + what + ": its source '"
          + source.written() + "' is a Delta table, which this command does not write (expected"
          + " a Parquet folder path or URI; change a Delta table with Delta's own commands)");
    }
    TableReads.pin(spark, source);
  }

  /** The Spark schema of a table, a path or a {@code table:} source (reads footers, no job). */
  StructType schema(TableSource source) {
    return TableReads.read(spark, source).schema();
  }

  boolean exists(Path p) throws IOException {
    return storage.exists(p);
  }

  boolean isFile(Path p) throws IOException {
    return storage.isFile(p);
  }

  /** Whether the source holds at least one data file (a missing folder holds none). */
  boolean hasData(String location) throws IOException {
    return exists(new Path(location))
        && !DataFiles.list(location, storage.conf()).isEmpty();
  }

  /**
   * Refuses a folder whose data files lie in subfolders (a partitioned table): a file added at
   * its top would not be read as part of that table.
   */
  void requireFlat(TableSource t, String what) throws IOException {
    String rootPath = storage.qualify(t.location()).toUri().getPath().replaceAll("/+$", "");
    for (FileStatus f : DataFiles.list(t.location(), storage.conf())) {
      if (!f.getPath().getParent().toUri().getPath().equals(rootPath)) {
        throw InvalidInputException.of(ErrorCode.BAD_TABLE,
            "Cannot add a file to " + what + ": its data"
            + " files lie in subfolders, such as " + f.getPath().getParent().getName()
            + " (expected a folder of Parquet files without partition subfolders)");
      }
    }
  }

  /**
   * A new hidden work folder inside {@code parent}, named by the time and the process, so that a
   * killed command leaves only a hidden folder behind.
   */
  Path workFolder(Path parent) throws IOException {
    Path dir = new Path(parent, ".segments-work-" + STAMP.format(Instant.now()) + "-"
        + ProcessHandle.current().pid());
    storage.mkdirs(dir);
    return dir;
  }

  /** A Parquet file written by {@link #writeOneFile} and its row count. */
  record OneFile(Path file, long rows) {}

  /**
   * Writes {@code rows}, sorted by {@code sortBy}, as a single Parquet file into the new folder
   * {@code dir} (one file can be moved into a table in one rename); empty when Spark wrote no
   * file (no row).
   */
  Optional<OneFile> writeOneFile(Dataset<Row> rows, Column[] sortBy, Path dir)
      throws IOException {
    rows.repartition(1).sortWithinPartitions(sortBy).write().parquet(dir.toString());
    List<Path> parts = new ArrayList<>();
    for (FileStatus f : storage.children(dir)) {
      String name = f.getPath().getName();
      if (f.isFile() && name.startsWith("part-") && name.endsWith(".parquet")) {
        parts.add(f.getPath());
      }
    }
    if (parts.size() > 1) {
      throw new IOException("expected one Parquet file in " + dir + ", found " + parts);
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new OneFile(parts.get(0),
        spark.read().parquet(parts.get(0).toString()).count()));
  }

  /** {@code folder/BASE.parquet}, or {@code BASE-2.parquet} … when that name is taken. */
  Path freeFile(Path folder, String base) throws IOException {
    for (int i = 1; ; i++) {
      Path p = new Path(folder, base + (i == 1 ? "" : "-" + i) + ".parquet");
      if (!exists(p)) {
        return p;
      }
    }
  }

  /**
   * Moves a file or folder to {@code to}, which must not exist yet (its parent is created): one
   * rename ({@link Storage#rename}).
   */
  void move(Path from, Path to) throws IOException {
    storage.rename(from, to);
  }

  /** Deletes a work folder; a failure here leaves only a hidden folder, so it is not fatal. */
  void deleteQuietly(Path p) {
    try {
      storage.deleteTree(p);
    } catch (IOException e) {
      System.err.println("segments: could not delete the work folder " + p + ": " + e);
    }
  }
}
