package org.sparksegments.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The update log {@code counts/run_id=RUN_ID/}: one row per segment of a complete run, made
 * from its manifest alone, so that the rows of a run killed after its manifest can be written
 * again by the next run with the same values.
 */
final class CountsLog {
  static final StructType SCHEMA = new StructType()
      .add("run_id", DataTypes.StringType, false)
      .add("as_of", DataTypes.TimestampType, false)
      .add("finished_at", DataTypes.TimestampType, false)
      .add("segment", DataTypes.StringType, false)
      .add("database", DataTypes.StringType, false)
      .add("status", DataTypes.StringType, false)
      .add("in_range", DataTypes.LongType, false)
      .add("matched", DataTypes.LongType, false)
      .add("selected", DataTypes.LongType, false)
      .add("entered", DataTypes.LongType, false)
      .add("left", DataTypes.LongType, false);

  private CountsLog() {}

  /** The counts rows of run {@code runId}, which {@code manifest} describes. */
  static List<Row> rows(String runId, JsonNode manifest) {
    Timestamp asOf = Timestamp.from(Instant.parse(manifest.path("as_of").asText()));
    Timestamp finished = Timestamp.from(Instant.parse(manifest.path("finished_at").asText()));
    List<Row> rows = new ArrayList<>();
    for (JsonNode s : manifest.path("segments")) {
      if (s.path("id").isNull()) {
        // A file whose segments could not be read: the manifest names it, but it has no
        // segment whose size over time the log could follow.
        continue;
      }
      // asText of a JSON null is "null": the value the log has always had for a segment
      // without database.
      rows.add(RowFactory.create(runId, asOf, finished, s.path("id").asText(),
          s.path("database").asText(), s.path("status").asText(), s.path("in_range").asLong(),
          s.path("matched").asLong(), s.path("selected").asLong(), s.path("entered").asLong(),
          s.path("left").asLong()));
    }
    return rows;
  }

  /**
   * Writes the rows of run {@code runId} as one Parquet file into {@code folder} (the qualified
   * {@code counts/run_id=RUN_ID}), replacing what a broken earlier attempt left there; Spark's
   * committer puts {@code _SUCCESS} last.
   */
  static void write(SparkSession spark, String runId, JsonNode manifest, String folder) {
    spark.createDataFrame(rows(runId, manifest), SCHEMA).coalesce(1).write().mode("overwrite")
        .parquet(folder);
  }
}
