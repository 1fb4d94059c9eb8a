package org.sparksegments.jobs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.conditions.json.Json;

/**
 * Reads a Parquet table's schema from one file footer with parquet-hadoop, without a
 * SparkSession: the Spark schema that Spark writes into the footer when present, else the
 * Parquet schema read as Spark's reader would. Local folders are listed without Hadoop, which
 * keeps {@code validate} at about a second.
 */
public final class FooterSchemas {
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private FooterSchemas() {}

  /** The schema of the table at {@code location} (a URI); fails when it has no data file. */
  public static TableSchema read(String location, Supplier<Configuration> conf)
      throws IOException {
    InputFile file = firstDataFile(location, conf);
    try (ParquetFileReader reader =
        ParquetFileReader.open(file, ParquetReadOptions.builder().build())) {
      FileMetaData meta = reader.getFooter().getFileMetaData();
      String json = meta.getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
      if (json != null) {
        JsonNode node = Json.MAPPER.readTree(json);
        return SparkJsonSchema.toTableSchema(node);
      }
      return ParquetTypes.toTableSchema(meta.getSchema());
    }
  }

  private static InputFile firstDataFile(String location, Supplier<Configuration> conf)
      throws IOException {
    URI uri = URI.create(location);
    if ("file".equals(uri.getScheme())) {
      Path root = Path.of(uri);
      if (Files.isRegularFile(root)) {
        return new LocalInputFile(root);
      }
      if (!Files.isDirectory(root)) {
        throw new IOException("no such file or folder: " + root);
      }
      try (Stream<Path> walk = Files.walk(root)) {
        List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile)
            .filter(p -> !hidden(root.relativize(p))).toList());
        files.sort(Comparator.comparing(Path::toString));
        if (files.isEmpty()) {
          throw new IOException("no data files in " + root);
        }
        return new LocalInputFile(files.get(0));
      }
    }
    List<FileStatus> files = DataFiles.list(location, conf.get());
    if (files.isEmpty()) {
      throw new IOException("no data files in " + location);
    }
    return HadoopInputFile.fromStatus(files.get(0), conf.get());
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String s = part.toString();
      if (s.startsWith("_") || s.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
