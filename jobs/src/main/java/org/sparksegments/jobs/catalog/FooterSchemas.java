package org.sparksegments.jobs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.sparksegments.conditions.json.Json;
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
    FileStatus first = firstDataFile(storage, location);
    try (ParquetFileReader reader = ParquetFileReader.open(
        HadoopInputFile.fromStatus(first, storage.conf()), ParquetReadOptions.builder().build())) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      String json = meta.getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
      if (json != null) {
        JsonNode node = Json.MAPPER.readTree(json);
        return SparkJsonSchema.toTableSchema(node);
      }
      return ParquetTypes.toTableSchema(meta.getSchema());
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot read the Parquet footer of " + first.getPath() + ": "
          + e.getMessage(), e);
    }
  }

  private static FileStatus firstDataFile(Storage storage, Path location) throws IOException {
    List<FileStatus> files;
    try {
      files = DataFiles.list(storage, location);
    } catch (FileNotFoundException e) {
      throw new IOException("no such file or folder: " + location, e);
    }
    if (files.isEmpty()) {
      throw new IOException("no data files in " + location);
    }
    return files.get(0);
  }
}
