package org.sparksegments.jobs.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.jobs.catalog.DataFiles;
import org.sparksegments.jobs.eval.Scratch;
import org.sparksegments.jobs.fs.Storage;

/**
 * A batch run's scratch: each stored frame is written as Parquet under one folder of the run
 * (its name starts with an underscore, so a read of the run folder skips it) and read back by
 * file name; {@link #release} deletes the folder.
 */
final class FileScratch implements Scratch {
  private final SparkSession spark;
  private final Storage storage;
  private final Path folder;

  FileScratch(SparkSession spark, Storage storage, Path folder) {
    this.spark = spark;
    this.storage = storage;
    this.folder = folder;
  }

  @Override
  public Dataset<Row> store(Dataset<Row> frame, String name) {
    Path dir = new Path(folder, name);
    frame.write().parquet(dir.toString());
    try {
      // Read by file name: the folder's leading underscore hides it from a folder read.
      String[] files = DataFiles.list(storage, dir).stream().map(f -> f.getPath().toString())
          .toArray(String[]::new);
      return files.length == 0 ? spark.createDataFrame(List.of(), frame.schema())
          : spark.read().schema(frame.schema()).parquet(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void release() {
    try {
      storage.deleteTree(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
