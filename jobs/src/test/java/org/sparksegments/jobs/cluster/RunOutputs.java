package org.sparksegments.jobs.cluster;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.testing.SharedSpark;

/**
 * The outputs of the batch runs under one {@code --out} folder on any Hadoop file system (a
 * {@code file:} or an {@code hdfs:} URI), read as a user reads them (docs/runs.md), without the
 * engine's own readers: complete runs, manifests, members in order, changes, the counts log.
 */
final class RunOutputs {
  private static final String NO_INFERENCE = "spark.sql.sources.partitionColumnTypeInference.enabled";

  private final FileSystem fs;
  private final Path out;

  private RunOutputs(FileSystem fs, Path out) {
    this.fs = fs;
    this.out = out;
  }

  /** The outputs under {@code outUri}. */
  static RunOutputs at(String outUri) throws IOException {
    Path p = new Path(outUri);
    FileSystem fs = p.getFileSystem(SharedSpark.session().sparkContext().hadoopConfiguration());
    return new RunOutputs(fs, fs.makeQualified(p));
  }

  /** The qualified URI of the folder. */
  String uri() {
    return out.toString();
  }

  /** The run folders under runs/, complete or not, by name. */
  List<String> runs() throws IOException {
    List<String> names = new ArrayList<>();
    Path runs = new Path(out, "runs");
    if (fs.exists(runs)) {
      for (FileStatus s : fs.listStatus(runs)) {
        if (s.isDirectory()) {
          names.add(s.getPath().getName());
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** The runs with a manifest.json, by name (oldest first). */
  List<String> completeRuns() throws IOException {
    List<String> names = new ArrayList<>();
    for (String r : runs()) {
      if (hasManifest(r)) {
        names.add(r);
      }
    }
    return names;
  }

  boolean hasManifest(String run) throws IOException {
    Path m = new Path(run(run), "manifest.json");
    return fs.exists(m) && fs.getFileStatus(m).isFile();
  }

  /** Whether the run has written the members folder of some segment. */
  boolean hasMembers(String run) throws IOException {
    Path members = new Path(run(run), "members");
    if (!fs.exists(members)) {
      return false;
    }
    for (FileStatus s : fs.listStatus(members)) {
      if (s.getPath().getName().startsWith("segment=")) {
        return true;
      }
    }
    return false;
  }

  Path run(String run) {
    return new Path(new Path(out, "runs"), run);
  }

  /** The manifest's segments by id, in manifest order. */
  Map<String, JsonNode> manifestSegments(String run) throws IOException {
    JsonNode m;
    try (InputStream in = fs.open(new Path(run(run), "manifest.json"))) {
      m = Json.MAPPER.readTree(in);
    }
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode s : m.path("segments")) {
      if (out.put(s.path("id").asText(), s) != null) {
        throw new AssertionError("duplicate id in manifest of " + run + ": " + s);
      }
    }
    return out;
  }

  /**
   * Segment → its members in order: the data files of {@code members/segment=ID} by name, the
   * rows of each in file order (one read of the whole folder; Spark keeps a file's rows in
   * order within a partition).
   */
  Map<String, List<String>> members(String run) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, Map<String, List<String>>> s : byFile(run, "members", null)
        .entrySet()) {
      List<String> ids = new ArrayList<>();
      s.getValue().values().forEach(ids::addAll);
      out.put(s.getKey(), ids);
    }
    return out;
  }

  /** Segment → change ("entered" / "left") → ids. */
  Map<String, Map<String, Set<String>>> changes(String run) {
    Map<String, Map<String, Set<String>>> out = new TreeMap<>();
    for (Map.Entry<String, Map<String, List<String>>> s : byFile(run, "changes", "change")
        .entrySet()) {
      Map<String, Set<String>> byChange = new TreeMap<>();
      byChange.put("entered", new TreeSet<>());
      byChange.put("left", new TreeSet<>());
      for (List<String> rows : s.getValue().values()) {
        for (String row : rows) {
          String[] idAndChange = row.split("\t");
          if (!byChange.containsKey(idAndChange[1])
              || !byChange.get(idAndChange[1]).add(idAndChange[0])) {
            throw new AssertionError("bad or duplicate change row " + row + " of " + s.getKey());
          }
        }
      }
      out.put(s.getKey(), byChange);
    }
    return out;
  }

  /** The rows of the counts log (docs/runs.md: {@code spark.read.parquet("DIR/counts")}). */
  List<Row> counts() {
    return withoutTypeInference(() -> SharedSpark.session().read()
        .parquet(new Path(out, "counts").toString())
        .select("run_id", "segment", "status", "in_range", "matched", "selected", "entered",
            "left")
        .collectAsList());
  }

  /** Segment → data file name → rows (the id, or "id TAB change"), files by name. */
  private Map<String, Map<String, List<String>>> byFile(String run, String folder,
      String change) {
    Path dir = new Path(run(run), folder);
    Map<String, Map<String, List<String>>> out = new TreeMap<>();
    try {
      if (!fs.exists(dir) || fs.listStatus(dir).length == 0) {
        return out;
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<Row> rows = withoutTypeInference(() -> {
      Dataset<Row> d = SharedSpark.session().read().option("mergeSchema", "true")
          .parquet(dir.toString());
      List<Column> ids = new ArrayList<>();
      for (String c : d.columns()) {
        if (!c.equals("segment") && !c.equals("change")) {
          ids.add(col(c).cast("string"));
        }
      }
      Column id = coalesce(ids.toArray(new Column[0]));
      return d.select(col("segment"), input_file_name(), change == null ? id
          : org.apache.spark.sql.functions.concat_ws("\t", id, col(change))).collectAsList();
    });
    for (Row r : rows) {
      String file = new Path(r.getString(1)).getName();
      out.computeIfAbsent(r.getString(0), k -> new TreeMap<>())
          .computeIfAbsent(file, k -> new ArrayList<>()).add(r.getString(2));
    }
    return out;
  }

  /** Partition values as written (an id such as 007 stays a string), as docs/runs.md says. */
  private static <T> T withoutTypeInference(Supplier<T> read) {
    SparkSession spark = SharedSpark.session();
    String was = spark.conf().get(NO_INFERENCE);
    spark.conf().set(NO_INFERENCE, "false");
    try {
      return read.get();
    } finally {
      spark.conf().set(NO_INFERENCE, was);
    }
  }
}
