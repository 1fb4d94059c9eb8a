package org.sparksegments.jobs.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.conditions.schema.FieldType;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.jobs.fs.Storage;

/**
 * Reads a Parquet table's schema from one file footer with parquet-hadoop, without a
 * SparkSession: the Spark schema that Spark writes into the footer when present, else the
 * Parquet schema read as Spark's reader would. The table is listed and the footer read through
 * Hadoop's file systems, so a table on HDFS or an object store is read the same way.
 */
public final class FooterSchemas {
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private FooterSchemas() {}

  /** The schema of the table at {@code location} (a URI); fails when it has no data file. */
  public static TableSchema read(String location, Supplier<Configuration> conf)
      throws IOException {
    Storage storage = Storage.of(conf.get());
    return read(storage, storage.qualify(location));
  }

  /**
   * The schema of the table at {@code location} (qualified), from its first data file in path
   * order; every message names the qualified URI of the folder or file it is about.
   */
  public static TableSchema read(Storage storage, Path location) throws IOException {
    return footer(storage, firstDataFile(storage, location));
  }

  /**
   * The schema of the table of {@code source} (a Parquet path, qualified) from its first data
   * file, after reading the footer of every data file (footers only, no data): a file whose
   * footer cannot be read, or whose column has another type than in an earlier file, is a
   * {@code BAD_TABLE} error naming the file's qualified URI, at the source's declaration in the
   * catalog. A column missing from some files is allowed (Spark reads it as null there).
   *
   * @throws InvalidInputException for a corrupt file or a type conflict between files
   * @throws IOException when the folder cannot be listed or has no data file
   */
  public static TableSchema readEvery(Storage storage, TableSource source) throws IOException {
    Path location = new Path(source.location());
    TableSchema first = null;
    Map<String, FieldType> types = new HashMap<>();
    Map<String, Path> typedIn = new HashMap<>();
    for (FileStatus f : dataFiles(storage, location)) {
      TableSchema s;
      try {
        s = footer(storage, f);
      } catch (IOException e) {
        throw badTable(source, "Cannot read the file " + f.getPath() + " of table "
            + location + ": its Parquet footer is unreadable (" + reason(e) + "; expected"
            + " every data file of the table to be a Parquet file)");
      }
      if (first == null) {
        first = s;
      }
      for (FieldType.NamedField c : s.columns()) {
        FieldType before = types.putIfAbsent(c.name(), c.type());
        if (before == null) {
          typedIn.put(c.name(), f.getPath());
        } else if (!before.describe().equals(c.type().describe())) {
          throw badTable(source, "Cannot read table " + location + ": column '" + c.name()
              + "' is " + c.type().describe() + " in the file " + f.getPath() + " but "
              + before.describe() + " in the file " + typedIn.get(c.name()) + " (expected"
              + " one type per column in every file of the table)");
        }
      }
    }
    return first;
  }

  /** The schema in the footer of one data file; every message names the file. */
  private static TableSchema footer(Storage storage, FileStatus file) throws IOException {
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromStatus(file, storage.conf()), ParquetReadOptions.builder().build())) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      String json = meta.getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
      if (json != null) {
        JsonNode node = Json.MAPPER.readTree(json);
        return SparkJsonSchema.toTableSchema(node);
      }
      return ParquetTypes.toTableSchema(meta.getSchema());
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the Parquet footer of " + file.getPath() + ": "
          + reason(e), e);
    }
  }

  /**
   * What went wrong, without Jackson's source excerpt (which would only say "REDACTED") and
   * within one line.
   */
  private static String reason(Throwable e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    if (m == null) {
      m = e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > 300 ? m.substring(0, 300) + "..." : m;
  }

  private static InvalidInputException badTable(TableSource source, String message) {
    return InvalidInputException.of(new ValidationError(ErrorCode.BAD_TABLE,
        source.catalogFile(), null, source.pointer() == null ? "" : source.pointer(), message));
  }

  private static FileStatus firstDataFile(Storage storage, Path location) throws IOException {
    return dataFiles(storage, location).get(0);
  }

  /** The data files at {@code location}, at least one. */
  private static List<FileStatus> dataFiles(Storage storage, Path location) throws IOException {
    List<FileStatus> files;
    try {
      files = DataFiles.list(storage, location);
    } catch (FileNotFoundException e) {
      throw new IOException("no such file or folder: " + location, e);
    }
    if (files.isEmpty()) {
      throw new IOException("no data files in " + location);
    }
    return files;
  }
}
