package org.sparksegments.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.json.Json;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/**
 * The application jar under {@code spark-submit} on a real standalone cluster (a master and a
 * worker on 127.0.0.1) gives the same members as the same jar in local mode: {@code members}
 * prints the same bytes, and {@code run} writes the same ids in the same files in the same
 * order; the cluster is stopped by its process ids.
 */
class StandaloneClusterIT {
  private static final String AS_OF = ItSample.AS_OF;

  @Test
  void aRunOnTheClusterWritesTheSameMembersAsLocalMode(@TempDir Path dir) throws Exception {
    List<String> run = List.of("run", "--catalog", ItSample.catalog().toString(),
        "--segments", TestSample.examples().toString(), "--as-of", AS_OF, "--quiet");

    SparkProcesses.Result local = SparkProcesses.submit("local[2]", List.of(),
        concat(run, "--out", dir.resolve("local").toString()));
    assertEquals(0, local.exit(), local.toString());

    List<Long> pids;
    try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2)) {
      pids = cluster.pids();
      SparkProcesses.Result remote = SparkProcesses.submit(cluster.url,
          List.of("--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2"),
          concat(run, "--out", dir.resolve("remote").toString()));
      assertEquals(0, remote.exit(), remote.toString());
      List<String> members = List.of("members", "--catalog", ItSample.catalog().toString(),
          "--segments", TestSample.examples().toString(), "--segment", "newcomers-90d",
          "--as-of", AS_OF, "--quiet");
      SparkProcesses.Result clusterMembers = SparkProcesses.submit(cluster.url,
          List.of("--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2"), members);
      SparkProcesses.Result localMembers = SparkProcesses.submit("local[2]", List.of(), members);
      assertEquals(0, clusterMembers.exit(), clusterMembers.toString());
      assertTrue(localMembers.lines().size() > 10, localMembers.toString());
      assertEquals(localMembers.out(), clusterMembers.out(), "members output, byte for byte");
      // The work ran on the cluster: the master accepted the application.
      assertTrue(cluster.masterLog().contains("Registering app spark-segments run"),
          cluster.masterLog());
    }
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "process " + pid + " still alive");
    }

    Path localRun = onlyRun(dir.resolve("local"));
    Path remoteRun = onlyRun(dir.resolve("remote"));
    Map<String, String> localMembers = memberFiles(localRun);
    assertEquals(19, localMembers.size() + emptySegments(localRun), localMembers.keySet()
        .toString());
    assertEquals(localMembers, memberFiles(remoteRun), "member files, row by row in file order");
    assertEquals(segmentCounts(localRun), segmentCounts(remoteRun));
  }

  private static List<String> concat(List<String> a, String... more) {
    return Stream.concat(a.stream(), Stream.of(more)).toList();
  }

  private static Path onlyRun(Path out) throws Exception {
    try (Stream<Path> runs = Files.list(out.resolve("runs"))) {
      List<Path> all = runs.toList();
      assertEquals(1, all.size(), all.toString());
      assertTrue(Files.exists(all.get(0).resolve("manifest.json")));
      return all.get(0);
    }
  }

  /**
   * Segment folder → the ids of each data file, in file order, file by file. (Not the files'
   * bytes: Parquet's writer lists a column chunk's encodings from a hash set, whose order can
   * differ between two JVMs for the same rows.)
   */
  private static Map<String, String> memberFiles(Path run) throws Exception {
    Map<String, String> out = new TreeMap<>();
    SparkSession spark = SharedSpark.session();
    try (Stream<Path> files = Files.walk(run.resolve("members"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .sorted().toList()) {
        String segment = f.getParent().getFileName().toString();
        String ids = spark.read().parquet(f.toString()).collectAsList().stream()
            .map(r -> String.valueOf(r.get(0))).collect(Collectors.joining(" "));
        out.merge(segment, ids, (x, y) -> x + " | " + y);
      }
    }
    return out;
  }

  private static long emptySegments(Path run) throws Exception {
    JsonNode m = Json.MAPPER.readTree(run.resolve("manifest.json").toFile());
    long n = 0;
    for (JsonNode s : m.get("segments")) {
      n += s.get("selected").asLong() == 0 ? 1 : 0;
    }
    return n;
  }

  /** id → "in_range/matched/selected/status" from the manifest. */
  private static Map<String, String> segmentCounts(Path run) throws Exception {
    JsonNode m = Json.MAPPER.readTree(run.resolve("manifest.json").toFile());
    Map<String, String> out = new TreeMap<>();
    for (JsonNode s : m.get("segments")) {
      out.put(s.get("id").asText(), s.get("in_range") + "/" + s.get("matched") + "/"
          + s.get("selected") + "/" + s.get("status").asText());
    }
    return out;
  }
}
