package org.sparksegments.jobs.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.plan.Feature;
import org.sparksegments.conditions.plan.Requirements;
import org.sparksegments.jobs.catalog.DataFiles;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.eval.TableReads;
import org.sparksegments.jobs.fs.Storage;

/**
 * The manifest's {@code inputs}: per table read, its source as the catalog writes it, its format
 * and qualified location, the version read (the pinned Delta version; the snapshot of a catalog
 * table where the catalog exposes one) and the data files read (Parquet: the folder's data
 * files; Delta: the active files of the pinned version).
 */
final class Inputs {
  private Inputs() {}

  static void describe(Database db, Requirements req, SparkSession spark, ArrayNode out)
      throws IOException {
    Map<String, TableSource> read = new LinkedHashMap<>();
    read.put("profiles", db.profiles());
    if (!req.features(Feature.EventAggregate.class).isEmpty()
        || !req.features(Feature.SequenceMatch.class).isEmpty()) {
      read.put("events", db.events().orElseThrow());
    }
    if (!req.features(Feature.SubscriptionFlag.class).isEmpty()) {
      read.put("subscriptions", db.subscriptions().orElseThrow());
    }
    if (!req.features(Feature.StaticFlag.class).isEmpty()) {
      read.put("static_segments", db.staticSegments().orElseThrow());
    }
    for (Feature.ExternalFlag f : req.features(Feature.ExternalFlag.class)) {
      read.put("external:" + f.table(), db.external().get(f.table()).source());
    }
    Storage storage = Storage.of(spark.sparkContext().hadoopConfiguration());
    for (Map.Entry<String, TableSource> t : read.entrySet()) {
      TableSource source = t.getValue();
      ObjectNode o = out.addObject();
      o.put("database", db.name());
      o.put("table", t.getKey());
      o.put("source", source.written());
      o.put("format", source.format().written());
      o.put("location", source.sessionTable() ? null : source.location());
      Optional<Long> version = switch (source.format()) {
        case PARQUET -> Optional.empty();
        case DELTA -> Optional.of(TableReads.pin(spark, source).getAsLong());
        case CATALOG_TABLE -> TableReads.catalogTableVersion(spark, source.tableName());
      };
      if (version.isPresent()) {
        o.put("version", version.get());
      } else {
        o.putNull("version");
      }
      List<FileStatus> files = switch (source.format()) {
        case CATALOG_TABLE -> null;
        case PARQUET -> DataFiles.list(storage, new Path(source.location()));
        case DELTA -> deltaFiles(spark, storage, source);
      };
      if (files == null) {
        o.putNull("files");
        o.putNull("bytes");
        o.putNull("last_modified");
        continue;
      }
      long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
      long modified = files.stream().mapToLong(FileStatus::getModificationTime).max().orElse(0);
      o.put("files", files.size());
      o.put("bytes", bytes);
      o.put("last_modified", files.isEmpty() ? null : Instant.ofEpochMilli(modified).toString());
    }
  }

  /**
   * The active files of the pinned version (what the read of that version scans), with their
   * sizes from one listing of the table folder; a file outside it gets its own status call.
   */
  private static List<FileStatus> deltaFiles(SparkSession spark, Storage storage,
      TableSource source) throws IOException {
    Map<String, FileStatus> listed = new HashMap<>();
    for (FileStatus f : DataFiles.list(storage, new Path(source.location()))) {
      // Spark names input files as URIs (escaped), Delta as paths: both spellings are keys.
      listed.put(f.getPath().toString(), f);
      listed.put(f.getPath().toUri().toString(), f);
    }
    List<FileStatus> out = new ArrayList<>();
    for (String file : TableReads.read(spark, source).inputFiles()) {
      FileStatus f = listed.get(file);
      if (f == null) {
        Path p = new Path(file);
        f = storage.status(p).orElseThrow(() -> new IOException("Cannot find " + p
            + ", a file of the Delta table at " + source.location()));
      }
      out.add(f);
    }
    return out;
  }
}
