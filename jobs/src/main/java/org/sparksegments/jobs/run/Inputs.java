package org.sparksegments.jobs.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.plan.Feature;
import org.sparksegments.jobs.catalog.DataFiles;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;
import org.sparksegments.jobs.eval.Evaluation;

/** The manifest's {@code inputs}: per table read, its source and its data files. */
final class Inputs {
  private Inputs() {}

  static void describe(Database db, Evaluation e, SparkSession spark, ArrayNode out)
      throws IOException {
    Map<String, TableSource> read = new LinkedHashMap<>();
    read.put("profiles", db.profiles());
    var req = e.requirements();
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
    for (Map.Entry<String, TableSource> t : read.entrySet()) {
      ObjectNode o = out.addObject();
      o.put("database", db.name());
      o.put("table", t.getKey());
      o.put("source", t.getValue().written());
      if (t.getValue().sessionTable()) {
        o.putNull("files");
        o.putNull("bytes");
        o.putNull("last_modified");
        continue;
      }
      List<FileStatus> files = DataFiles.list(t.getValue().location(),
          spark.sparkContext().hadoopConfiguration());
      long bytes = files.stream().mapToLong(FileStatus::getLen).sum();
      long modified = files.stream().mapToLong(FileStatus::getModificationTime).max().orElse(0);
      o.put("files", files.size());
      o.put("bytes", bytes);
      o.put("last_modified", files.isEmpty() ? null : Instant.ofEpochMilli(modified).toString());
    }
  }
}
