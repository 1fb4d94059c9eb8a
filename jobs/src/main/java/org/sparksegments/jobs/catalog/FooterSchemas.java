package org.sparksegments.jobs.catalog;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.bind.TableSchema;
import org.sparksegments.conditions.spark.SparkSchemas;

/**
 * Reads a Parquet table's schema from a file footer with parquet-hadoop, without a SparkSession:
 * the Spark schema that Spark writes into the footer when present, else the Parquet schema
 * converted as Spark's reader would.
 */
public final class FooterSchemas {
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private FooterSchemas() {}

  /** The schema of the table at {@code location}; fails when it has no data file. */
  public static TableSchema read(String location, Configuration conf) throws IOException {
    return SparkSchemas.toTableSchema(readStruct(location, conf));
  }

  /** The Spark schema of the first data file (Spark reads one footer too, unless merging). */
  public static StructType readStruct(String location, Configuration conf) throws IOException {
    List<FileStatus> files = DataFiles.list(location, conf);
    if (files.isEmpty()) {
      throw new IOException("no data files in " + location);
    }
    FileStatus first = files.get(0);
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromStatus(first, conf))) {
      ParquetMetadata footer = reader.getFooter();
      String json = footer.getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
      if (json != null) {
        return (StructType) DataType.fromJson(json);
      }
      MessageType parquet = footer.getFileMetaData().getSchema();
      return new ParquetToSparkSchemaConverter(conf).convert(parquet);
    }
  }
}
