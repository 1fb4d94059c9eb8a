package org.sparksegments.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/**
 * The command line against a real HDFS (an in-process {@link MiniHdfs}, reached over RPC by
 * every {@code spark-submit}): catalog, tables and segments on HDFS; three runs into an
 * {@code hdfs://} output over profiles that change between runs, checked id by id against the
 * same runs in local mode; exports read back from HDFS; the same run on the standalone cluster
 * with HDFS as the default file system and plain paths, in client and in cluster deploy mode
 * (the driver started by the worker from the application jar on HDFS); a run killed midway.
 * After every command its working folder is still empty and no folder named {@code hdfs:}
 * appeared: nothing went to the local disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HdfsRunIT {
  private static final String AS_OF = ItSample.AS_OF;
  private static final int ROUNDS = 3;
  /** Shop, with a limit: an ordered selection. */
  private static final String SEGMENT = "newcomers-90d";

  private Path dir;
  private MiniHdfs hdfs;
  private ProfileRounds rounds;
  private int roundOnHdfs = -1;
  private int commands;
  private RunOutputs localRuns;
  private AssertionError hdfsRunsFailed;

  @BeforeAll
  void start() throws Exception {
    Files.createDirectories(Path.of("target"));
    dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "hdfs-it-");
    hdfs = MiniHdfs.start(dir.resolve("dfs"));
    rounds = ProfileRounds.write(ItSample.catalog().getParent(), dir.resolve("rounds"), ROUNDS);
    hdfs.copyIn(TestSample.examples(), "/segments");
    useRound(0);
  }

  @AfterAll
  void stop() {
    if (hdfs != null) {
      hdfs.close();
    }
  }

  @Test
  @Order(1)
  void validateAndCountReadCatalogTablesAndSegmentsFromHdfs() throws Exception {
    useRound(0);
    SparkProcesses.Result validate = onHdfs("validate", "--catalog", hdfs.uri("/in/catalog.json"),
        "--segments", hdfs.uri("/segments"));
    SparkProcesses.Result local = InProcessCli.run("validate", "--catalog",
        rounds.catalog(0).toString(), "--segments", TestSample.examples().toString());
    assertEquals(0, validate.exit(), validate.toString());
    assertTrue(local.out().startsWith("19 valid, 0 invalid"), local.toString());
    assertEquals(local.out(), validate.out());

    List<String> count = List.of("count", "--segment", SEGMENT, "--as-of", AS_OF, "--quiet");
    SparkProcesses.Result onHdfs = onHdfs(concat(count, "--catalog",
        hdfs.uri("/in/catalog.json"), "--segments", hdfs.uri("/segments")));
    SparkProcesses.Result localCount = InProcessCli.run(concat(count, "--catalog",
        rounds.catalog(0).toString(), "--segments", TestSample.examples().toString())
        .toArray(String[]::new));
    assertEquals(0, onHdfs.exit(), onHdfs.toString());
    assertEquals(0, localCount.exit(), localCount.toString());
    JsonNode expected = Json.MAPPER.readTree(localCount.out());
    assertTrue(expected.get("selected").asLong() > 10, localCount.out());
    assertEquals(expected, Json.MAPPER.readTree(onHdfs.out()), "count on HDFS and locally");
  }

  @Test
  @Order(2)
  void exportsToHdfsReadBackWithTheSameIds() throws Exception {
    useRound(0);
    List<String> export = List.of("export", "--segment", SEGMENT, "--as-of", AS_OF, "--quiet",
        "--fields", "email");
    Path local = dir.resolve("local-export.csv");
    SparkProcesses.Result expected = InProcessCli.run(concat(export, "--catalog",
        rounds.catalog(0).toString(), "--segments", TestSample.examples().toString(),
        "--format", "csv", "--out", local.toString()).toArray(String[]::new));
    assertEquals(0, expected.exit(), expected.toString());
    List<String> expectedIds = firstColumn(Files.readString(local));
    assertTrue(expectedIds.size() > 10, expectedIds.toString());

    String csv = hdfs.uri("/exports/" + SEGMENT + ".csv");
    SparkProcesses.Result r = onHdfs(concat(export, "--catalog", hdfs.uri("/in/catalog.json"),
        "--segments", hdfs.uri("/segments"), "--format", "csv", "--out", csv));
    assertEquals(0, r.exit(), r.toString());
    JsonNode line = Json.MAPPER.readTree(r.out());
    assertEquals(csv, line.get("out").asText(), r.out());
    assertEquals(expectedIds.size(), line.get("rows").asLong(), r.out());
    assertTrue(hdfs.isFile("/exports/" + SEGMENT + ".csv"), "the CSV file on HDFS");
    assertEquals(Files.readString(local), hdfs.readString("/exports/" + SEGMENT + ".csv"),
        "the CSV on HDFS, byte for byte as the local export");

    String parquet = hdfs.uri("/exports/" + SEGMENT + "-parquet");
    r = onHdfs(concat(export, "--catalog", hdfs.uri("/in/catalog.json"),
        "--segments", hdfs.uri("/segments"), "--format", "parquet", "--out", parquet));
    assertEquals(0, r.exit(), r.toString());
    assertEquals(parquet, Json.MAPPER.readTree(r.out()).get("out").asText(), r.out());
    List<String> ids = SharedSpark.session().read().parquet(parquet).collectAsList().stream()
        .map(x -> String.valueOf(x.get(0))).toList();
    assertEquals(expectedIds, ids, "the Parquet export read back from HDFS, in order");
  }

  @Test
  @Order(3)
  void aRunOnTheStandaloneClusterWithHdfsAsDefaultFileSystem() throws Exception {
    useRound(0);
    // Plain absolute paths: on HDFS once fs.defaultFS says so. They name folders under target/
    // that do not exist locally, so a write that went to the local disk would be seen there.
    Path plainOut = dir.resolve("plain/out2");
    Path driverOut = dir.resolve("plain/out-cluster");
    Path work = workDir();
    Path clusterWork = workDir();
    String driverReport;
    try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2)) {
      SparkProcesses.Result r = SparkProcesses.submitIn(work, cluster.url, List.of(
              "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=2",
              "--conf", "spark.hadoop.fs.defaultFS=" + hdfs.uri()),
          List.of("run", "--catalog", "/in/catalog.json", "--segments", "/segments",
              "--out", plainOut.toString(), "--as-of", AS_OF, "--quiet"));
      assertNothingLocal(work, r.toString());
      assertFalse(Files.exists(plainOut.getParent()),
          "the run wrote to the local disk at " + plainOut + "\n" + r);
      assertEquals(0, r.exit(), r.toString());
      assertTrue(cluster.masterLog().contains("Registering app spark-segments run"),
          cluster.masterLog());

      // Cluster deploy mode: the worker starts the driver, from the application jar on HDFS.
      // The worker offers 2 cores and 3g: 1 core and 1g for the driver, 1 and 1g for an
      // executor.
      String jar = "/apps/" + SparkProcesses.appJar().getFileName();
      hdfs.copyIn(SparkProcesses.appJar(), jar);
      SparkProcesses.Result d = inClusterMode(cluster, clusterWork, jar,
          List.of("run", "--catalog", "/in/catalog.json", "--segments", "/segments",
              "--out", driverOut.toString(), "--as-of", AS_OF, "--quiet"));
      List<Path> drivers = cluster.driverDirs();
      driverReport = d + "\n" + driverReport(drivers) + "\n--- worker log\n"
          + cluster.workerLog();
      assertEquals(0, d.exit(), driverReport);
      assertEquals(1, drivers.size(), "one driver folder in the worker's work dir\n"
          + driverReport);
      String id = drivers.get(0).getFileName().toString();
      assertTrue(d.err().contains("State of driver " + id + " is FINISHED"), driverReport);
      assertTrue(cluster.workerLog().contains("Driver " + id + " exited successfully"),
          driverReport);
      assertNothingLocal(clusterWork, driverReport);
      assertFalse(Files.exists(driverOut.getParent()),
          "the run wrote to the local disk at " + driverOut + "\n" + driverReport);
      // The driver's working folder holds what the worker put there, nothing the run wrote.
      try (Stream<Path> s = Files.list(drivers.get(0))) {
        assertEquals(List.of(SparkProcesses.appJar().getFileName().toString(), "stderr",
            "stdout"), s.map(p -> p.getFileName().toString()).sorted().toList(), driverReport);
      }
      String driverOutput = Files.readString(drivers.get(0).resolve("stdout")).strip();
      assertTrue(driverOutput.startsWith(hdfs.uri(driverOut + "/runs/")),
          "the printed run folder is on HDFS\n" + driverReport);
      // The project's JVM flags reached the driver: the worker's launch command has them.
      String launch = Files.readString(drivers.get(0).resolve("stderr")).lines()
          .filter(l -> l.startsWith("Launch Command:")).findFirst().orElse("");
      for (String flag : List.of("--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-XX:-DontCompileHugeMethods", "org.apache.spark.deploy.worker.DriverWrapper")) {
        assertTrue(launch.contains(flag), flag + " in the driver's " + launch);
      }

      // A driver that fails (no catalog there): spark-submit still exits 0; only its last
      // state line and the worker's log say so.
      Path failWork = workDir();
      SparkProcesses.Result failed = inClusterMode(cluster, failWork, jar,
          List.of("run", "--catalog", "/in/missing.json", "--segments", "/segments",
              "--out", driverOut.toString(), "--as-of", AS_OF, "--quiet"));
      List<Path> all = cluster.driverDirs();
      String failReport = failed + "\n" + driverReport(all) + "\n--- worker log\n"
          + cluster.workerLog();
      assertEquals(2, all.size(), failReport);
      String failedId = all.get(1).getFileName().toString();
      assertEquals(0, failed.exit(), failReport);
      assertTrue(failed.err().contains("State of driver " + failedId + " is FAILED"),
          failReport);
      assertTrue(cluster.workerLog().contains("Driver " + failedId + " exited with failure"),
          failReport);
      assertTrue(Files.readString(all.get(1).resolve("stderr")).contains("Cannot read the"
          + " catalog: no such file"), failReport);
      assertNothingLocal(failWork, failReport);
    }
    RunOutputs onHdfs = RunOutputs.at(hdfs.uri(plainOut.toString()));
    List<String> runs = onHdfs.completeRuns();
    assertEquals(1, runs.size(), "complete runs on HDFS under " + plainOut + ": "
        + onHdfs.runs());
    assertTrue(onHdfs.hasMembers(runs.get(0)), "members next to the manifest on HDFS");
    // The first run into an empty folder, as the first local run: every member entered.
    assertSameRun(local(), local().completeRuns().get(0), onHdfs, runs.get(0), "cluster");

    RunOutputs fromDriver = RunOutputs.at(hdfs.uri(driverOut.toString()));
    List<String> driverRuns = fromDriver.completeRuns();
    assertEquals(1, driverRuns.size(), "complete runs on HDFS under " + driverOut + ": "
        + fromDriver.runs() + "\n" + driverReport);
    assertEquals(driverRuns, fromDriver.runs(), "no incomplete run");
    assertTrue(fromDriver.hasMembers(driverRuns.get(0)), "members next to the manifest");
    assertSameRun(local(), local().completeRuns().get(0), fromDriver, driverRuns.get(0),
        "cluster deploy mode");
  }

  @Test
  @Order(4)
  void threeRunsIntoHdfsGiveTheChangesOfLocalRuns() throws Exception {
    RunOutputs onHdfs = hdfsRuns();
    RunOutputs local = local();
    List<String> expected = local.completeRuns();
    List<String> actual = onHdfs.completeRuns();
    assertEquals(ROUNDS, actual.size(), "complete runs on HDFS: " + onHdfs.runs());
    int moved = 0;
    for (int r = 0; r < ROUNDS; r++) {
      assertSameRun(local, expected.get(r), onHdfs, actual.get(r), "round " + r);
      for (Map<String, Set<String>> c : onHdfs.changes(actual.get(r)).values()) {
        moved += r > 0 && !c.get("entered").isEmpty() && !c.get("left").isEmpty() ? 1 : 0;
      }
    }
    assertTrue(moved >= 10, "segments that both gain and lose members in rounds 1 and 2: "
        + moved);
    assertCounts(onHdfs);
  }

  @Test
  @Order(5)
  void aRunKilledMidwayOnHdfsLeavesEarlierRunsAndTheNextRunIsExact() throws Exception {
    RunOutputs onHdfs = hdfsRuns();
    List<String> earlier = onHdfs.completeRuns();
    assertEquals(ROUNDS, earlier.size(), "the runs of the previous test: " + onHdfs.runs());
    useRound(0);
    Map<String, String> before = hdfs.hashTree("/out");

    Path work = workDir();
    SparkProcesses.Started cli = SparkProcesses.start(SparkProcesses.submitCommand("local[2]",
        List.of(), runArgs(hdfs.uri("/in/catalog.json"), hdfs.uri("/segments"),
            hdfs.uri("/out"))), work);
    String partial = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    try {
      while (partial == null) {
        if (!cli.process().isAlive()) {
          fail("the run ended (exit " + cli.process().exitValue() + ") before it could be"
              + " killed midway\n" + cli.report());
        }
        if (System.nanoTime() > deadline) {
          fail("no members written to HDFS in time\n" + cli.report());
        }
        for (String run : onHdfs.runs()) {
          if (!earlier.contains(run) && onHdfs.hasMembers(run) && !onHdfs.hasManifest(run)) {
            partial = run;
          }
        }
        Thread.sleep(20);
      }
      cli.process().destroyForcibly(); // SIGKILL to the spark-submit JVM, which is the driver
      assertTrue(cli.process().waitFor(30, TimeUnit.SECONDS));
    } finally {
      cli.process().destroyForcibly();
    }
    assertEquals(137, cli.process().exitValue(), "killed by SIGKILL\n" + cli.report());
    assertFalse(onHdfs.hasManifest(partial), "the killed run got its manifest\n" + cli.report());
    assertNothingLocal(work, cli.report());
    assertUnchanged(before, hdfs.hashTree("/out"), "after the kill");

    SparkProcesses.Result next = onHdfs(runArgs(hdfs.uri("/in/catalog.json"),
        hdfs.uri("/segments"), hdfs.uri("/out")));
    assertEquals(0, next.exit(), next.toString());
    assertUnchanged(before, hdfs.hashTree("/out"), "after the next run");
    assertFalse(onHdfs.hasManifest(partial), "the killed run stays incomplete");
    List<String> complete = onHdfs.completeRuns();
    assertEquals(ROUNDS + 1, complete.size(), onHdfs.runs().toString());
    assertEquals(earlier, complete.subList(0, ROUNDS));
    String nextRun = complete.get(ROUNDS);

    // Against the last complete run (round 2), not the killed one: the changes from round 2 to
    // round 0 as the local runs' members give them.
    RunOutputs local = local();
    Map<String, List<String>> was = local.members(local.completeRuns().get(ROUNDS - 1));
    Map<String, List<String>> now = local.members(local.completeRuns().get(0));
    Map<String, JsonNode> expected = local.manifestSegments(local.completeRuns().get(0));
    Map<String, JsonNode> manifest = onHdfs.manifestSegments(nextRun);
    Map<String, Map<String, Set<String>>> changes = onHdfs.changes(nextRun);
    assertEquals(now, onHdfs.members(nextRun), "members of the run after the kill");
    for (String id : expected.keySet()) {
      List<String> n = now.getOrDefault(id, List.of());
      List<String> w = was.getOrDefault(id, List.of());
      Map<String, Set<String>> c = changes.getOrDefault(id, Map.of("entered", Set.of(), "left",
          Set.of()));
      assertEquals(minus(n, w), c.get("entered"), "entered of " + id + " (killed: " + partial
          + ")");
      assertEquals(minus(w, n), c.get("left"), "left of " + id);
      JsonNode m = manifest.get(id);
      assertEquals(c.get("entered").size(), m.get("entered").asLong(), id);
      assertEquals(c.get("left").size(), m.get("left").asLong(), id);
      for (String k : List.of("status", "in_range", "matched", "selected")) {
        assertEquals(expected.get(id).get(k), m.get(k), id + " " + k);
      }
    }
    assertCounts(onHdfs);
  }

  // ------------------------------------------------------------------------------------------

  /** The three runs into hdfs://…/out, once, the profiles on HDFS changed before each. */
  private RunOutputs hdfsRuns() throws Exception {
    if (hdfsRunsFailed != null) {
      throw new AssertionError("the three runs into HDFS failed before", hdfsRunsFailed);
    }
    RunOutputs onHdfs = RunOutputs.at(hdfs.uri("/out"));
    try {
      if (onHdfs.runs().isEmpty()) {
        for (int r = 0; r < ROUNDS; r++) {
          useRound(r);
          SparkProcesses.Result run = onHdfs(runArgs(hdfs.uri("/in/catalog.json"),
              hdfs.uri("/segments"), hdfs.uri("/out")));
          assertEquals(0, run.exit(), "round " + r + ": " + run);
          assertTrue(run.out().startsWith(hdfs.uri("/out/runs/")),
              "the printed run folder is on HDFS: " + run.out());
        }
      }
    } catch (AssertionError e) {
      hdfsRunsFailed = e;
      throw e;
    }
    return onHdfs;
  }

  /** The same three runs in local mode into a local folder, once. */
  private RunOutputs local() throws Exception {
    if (localRuns == null) {
      Path out = dir.resolve("local-out");
      for (int r = 0; r < ROUNDS; r++) {
        SparkProcesses.Result run = InProcessCli.run(runArgs(rounds.catalog(r).toString(),
            TestSample.examples().toString(), out.toString()).toArray(String[]::new));
        assertEquals(0, run.exit(), "local round " + r + ": " + run);
      }
      localRuns = RunOutputs.at(out.toUri().toString());
      assertEquals(ROUNDS, localRuns.completeRuns().size(), localRuns.runs().toString());
    }
    return localRuns;
  }

  private static List<String> runArgs(String catalog, String segments, String out) {
    return List.of("run", "--catalog", catalog, "--segments", segments, "--out", out,
        "--as-of", AS_OF, "--quiet");
  }

  /** Puts version {@code r} of the profiles tables on HDFS under /in (the rest stays). */
  private void useRound(int r) throws Exception {
    if (roundOnHdfs < 0) {
      hdfs.copyIn(rounds.dir(r), "/in");
    } else if (roundOnHdfs != r) {
      for (String table : rounds.profileTables()) {
        hdfs.copyIn(rounds.dir(r).resolve(table), "/in/" + table);
      }
    }
    roundOnHdfs = r;
  }

  /** {@code segments ARGS} under spark-submit in local mode, in an empty working folder. */
  private SparkProcesses.Result onHdfs(List<String> args) throws Exception {
    Path work = workDir();
    SparkProcesses.Result r = SparkProcesses.submitIn(work, "local[2]", List.of(), args);
    assertNothingLocal(work, r.toString());
    return r;
  }

  private SparkProcesses.Result onHdfs(String... args) throws Exception {
    return onHdfs(List.of(args));
  }

  private Path workDir() throws Exception {
    return Files.createDirectories(dir.resolve("work-" + (++commands)));
  }

  /**
   * The command left its working folder empty, and no folder named {@code hdfs:} is in it, in
   * the project, the module or the sample (where a URI taken for a local path would land).
   */
  private void assertNothingLocal(Path work, String report) throws Exception {
    try (Stream<Path> s = Files.walk(work)) {
      List<String> left = s.filter(p -> !p.equals(work)).map(p -> work.relativize(p).toString())
          .sorted().toList();
      assertEquals(List.of(), left, "written to the working folder " + work + "\n" + report);
    }
    for (Path p : List.of(TestSample.root(), TestSample.root().resolve("jobs"),
        ItSample.catalog().getParent(), dir)) {
      try (Stream<Path> s = Files.list(p)) {
        List<Path> bad = s.filter(x -> x.getFileName().toString().startsWith("hdfs:")).toList();
        assertEquals(List.of(), bad, "a local folder named after the URI\n" + report);
      }
    }
  }

  /**
   * {@code segments ARGS} in cluster deploy mode: the worker starts the driver (1 core; 1g from
   * spark-submit's --driver-memory) from the application jar at {@code jar} on HDFS, with the
   * project's JVM flags, and one executor of 1 core and 1g; spark-submit waits for the
   * driver's end (it polls the master every 10 s).
   */
  private SparkProcesses.Result inClusterMode(StandaloneCluster cluster, Path work, String jar,
      List<String> args) throws Exception {
    return SparkProcesses.submitIn(work, cluster.url, List.of("--deploy-mode", "cluster",
            "--driver-cores", "1", "--conf", "spark.standalone.submit.waitAppCompletion=true",
            "--conf", "spark.driver.extraJavaOptions=" + SparkProcesses.jvmFlags(),
            "--conf", "spark.executor.memory=1g", "--conf", "spark.cores.max=1",
            "--conf", "spark.hadoop.fs.defaultFS=" + hdfs.uri(),
            "--class", "org.sparksegments.jobs.cli.Main", hdfs.uri(jar)), args);
  }

  /** The stdout and stderr (no INFO lines) of the drivers a standalone worker ran. */
  private static String driverReport(List<Path> drivers) throws Exception {
    StringBuilder b = new StringBuilder();
    for (Path d : drivers) {
      String err = SparkProcesses.withoutInfo(readIfThere(d.resolve("stderr")));
      b.append("--- ").append(d.getFileName()).append(" stdout\n")
          .append(readIfThere(d.resolve("stdout")).strip()).append("\n--- ")
          .append(d.getFileName()).append(" stderr (tail, no INFO lines)\n")
          .append(err.substring(Math.max(0, err.length() - 6000))).append('\n');
    }
    return b.toString();
  }

  private static String readIfThere(Path file) throws Exception {
    return Files.exists(file) ? Files.readString(file) : "(no " + file.getFileName() + ")";
  }

  /** Same segments in the manifests with the same counts, members and changes, id by id. */
  private static void assertSameRun(RunOutputs expected, String expectedRun, RunOutputs actual,
      String actualRun, String what) throws Exception {
    Map<String, JsonNode> e = expected.manifestSegments(expectedRun);
    Map<String, JsonNode> a = actual.manifestSegments(actualRun);
    assertEquals(List.copyOf(e.keySet()), List.copyOf(a.keySet()), what + ": manifest segments");
    assertEquals(19, e.size(), what);
    for (String id : e.keySet()) {
      for (String k : List.of("database", "definition_sha256", "status", "in_range", "matched",
          "selected", "entered", "left")) {
        assertEquals(e.get(id).get(k), a.get(id).get(k), what + ": " + id + " " + k);
      }
      assertEquals("ok", a.get(id).get("status").asText(), what + ": " + id);
    }
    assertEquals(expected.members(expectedRun), actual.members(actualRun),
        what + ": members of every segment, in order");
    assertEquals(expected.changes(expectedRun), actual.changes(actualRun),
        what + ": changes of every segment");
  }

  /** counts/: one row per segment of each complete run, as its manifest says; no other rows. */
  private static void assertCounts(RunOutputs out) throws Exception {
    Map<String, String> expected = new TreeMap<>();
    for (String run : out.completeRuns()) {
      for (JsonNode s : out.manifestSegments(run).values()) {
        expected.put(run + " " + s.get("id").asText(), s.get("status").asText() + " "
            + s.get("in_range") + " " + s.get("matched") + " " + s.get("selected") + " "
            + s.get("entered") + " " + s.get("left"));
      }
    }
    Map<String, String> actual = new TreeMap<>();
    for (Row r : out.counts()) {
      String key = r.getString(0) + " " + r.getString(1);
      String value = r.getString(2) + " " + r.get(3) + " " + r.get(4) + " " + r.get(5) + " "
          + r.get(6) + " " + r.get(7);
      assertEquals(null, actual.put(key, value), "two counts rows for " + key);
    }
    assertEquals(expected, actual, "counts/ of " + out.uri() + " against the manifests");
  }

  private static void assertUnchanged(Map<String, String> before, Map<String, String> now,
      String when) {
    Map<String, String> changed = new TreeMap<>();
    for (Map.Entry<String, String> e : before.entrySet()) {
      if (!e.getValue().equals(now.get(e.getKey()))) {
        changed.put(e.getKey(), now.containsKey(e.getKey()) ? "changed" : "deleted");
      }
    }
    assertEquals(Map.of(), changed, "files of the earlier runs " + when);
  }

  private static Set<String> minus(List<String> a, List<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(new TreeSet<>(b));
    return out;
  }

  /** The first field of each data row of a CSV (ids hold no commas or quotes). */
  private static List<String> firstColumn(String csv) {
    List<String> ids = new ArrayList<>();
    String[] lines = csv.split("\n");
    for (int i = 1; i < lines.length; i++) {
      ids.add(lines[i].split(",", -1)[0]);
    }
    return ids;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<String> concat(List<String> a, String... more) {
    return concat(a, List.of(more));
  }
}
