package org.sparksegments.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.eval.TaskFaults;

/**
 * What a cluster does to tasks changes nothing in a run's results: on a real standalone cluster
 * (a master and a worker on 127.0.0.1), a run whose executor JVM is killed (by its process id)
 * while its tasks are running, and a run whose every task fails its first attempt under
 * {@code spark.task.maxFailures}, write the same members, changes and counts as an undisturbed
 * run of the same jar on the same cluster. The faults come from {@link TaskFaults}, switched on
 * by a Spark setting only these tests pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskFaultsIT {
  private static final List<String> CLUSTER_CONF = List.of("--conf", "spark.executor.memory=1g",
      "--conf", "spark.cores.max=2");

  private Path dir;
  private StandaloneCluster cluster;
  private Outputs undisturbed;

  /** One run's results, read as a user reads them. */
  private record Outputs(Map<String, String> manifest, Map<String, List<String>> members,
      Map<String, Map<String, java.util.Set<String>>> changes, List<String> counts) {}

  @BeforeAll
  void start() throws Exception {
    Files.createDirectories(Path.of("target"));
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "faults-it-");
    cluster = StandaloneCluster.start(dir.resolve("cluster"), 2);
    Path out = dir.resolve("undisturbed");
    SparkProcesses.Result r = SparkProcesses.submit(cluster.url, CLUSTER_CONF, run(out));
    assertEquals(0, r.exit(), r.toString());
    undisturbed = outputs(out);
    assertTrue(undisturbed.members().values().stream().mapToInt(List::size).sum() > 100,
        undisturbed.members().toString());
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aRunWhoseExecutorIsKilledMidwayWritesWhatAnUndisturbedRunWrites() throws Exception {
    Path held = Files.createDirectories(dir.resolve("held"));
    Path out = dir.resolve("killed");
    List<String> conf = new ArrayList<>(CLUSTER_CONF);
    conf.addAll(List.of("--conf", TaskFaults.SETTING + "=hold:" + held));
    SparkProcesses.Started run = SparkProcesses.start(
        SparkProcesses.submitCommand(cluster.url, conf, run(out)), null);
    try {
      awaitHeldTasks(held, run);
      List<Long> executors = cluster.executorPids();
      assertEquals(1, executors.size(), "one executor before the kill: " + executors);
      ProcessHandle executor = ProcessHandle.of(executors.get(0)).orElseThrow();
      executor.destroyForcibly();
      executor.onExit().get(60, TimeUnit.SECONDS);
      Files.createFile(held.resolve("release"));
      assertTrue(run.process().waitFor(600, TimeUnit.SECONDS), "run still going");
      String report = run.report();
      assertEquals(0, run.process().exitValue(), report);
      assertTrue(Files.readString(run.err()).contains("Lost executor"), report);
      assertFalse(cluster.executorPids().contains(executors.get(0)));
    } finally {
      run.process().destroyForcibly();
    }
    assertEquals(undisturbed, outputs(out));
  }

  @Test
  void aRunWhoseTasksFailTheirFirstAttemptIsRetriedToTheSameResults() throws Exception {
    Path out = dir.resolve("retried");
    List<String> conf = new ArrayList<>(CLUSTER_CONF);
    conf.addAll(List.of("--conf", TaskFaults.SETTING + "=fail-first-attempt",
        "--conf", "spark.task.maxFailures=2"));
    SparkProcesses.Result r = SparkProcesses.submit(cluster.url, conf, run(out));
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("test fault: first attempt"), r.toString());
    assertEquals(undisturbed, outputs(out));
  }

  private static List<String> run(Path out) throws Exception {
    return List.of("run", "--catalog", ItSample.catalog().toString(), "--segments",
        TestSample.examples().toString(), "--as-of", ItSample.AS_OF, "--quiet", "--out",
        out.toString());
  }

  /** Waits until some task of the run holds (it is then running on the executor). */
  private static void awaitHeldTasks(Path held, SparkProcesses.Started run) throws Exception {
    Instant end = Instant.now().plus(Duration.ofSeconds(300));
    while (Instant.now().isBefore(end)) {
      try (Stream<Path> files = Files.list(held)) {
        if (files.anyMatch(f -> f.getFileName().toString().startsWith("held-"))) {
          return;
        }
      }
      if (!run.process().isAlive()) {
        throw new AssertionError("run ended before any task held:\n" + run.report());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no task held after 300 s:\n" + run.report());
  }

  /** The one run under {@code out}: manifest counts by segment, members, changes, counts log. */
  private static Outputs outputs(Path out) throws Exception {
    RunOutputs o = RunOutputs.at(out.toUri().toString());
    List<String> runs = o.completeRuns();
    assertEquals(1, runs.size(), runs.toString());
    String run = runs.get(0);
    Map<String, String> manifest = new TreeMap<>();
    for (Map.Entry<String, JsonNode> s : o.manifestSegments(run).entrySet()) {
      JsonNode n = s.getValue();
      manifest.put(s.getKey(), n.path("status").asText() + " " + n.path("in_range") + "/"
          + n.path("matched") + "/" + n.path("selected") + " +" + n.path("entered") + " -"
          + n.path("left"));
    }
    List<String> counts = new ArrayList<>();
    for (Row c : o.counts()) {
      // Everything but the run id, which differs from run to run.
      counts.add(c.getString(1) + " " + c.getString(2) + " " + c.get(3) + "/" + c.get(4) + "/"
          + c.get(5) + " +" + c.get(6) + " -" + c.get(7));
    }
    counts.sort(null);
    return new Outputs(manifest, o.members(run), o.changes(run), counts);
  }
}
