package org.sparksegments.jobs.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A Spark standalone master and one worker on 127.0.0.1, started from the Maven jars (the worker
 * gets a SPARK_HOME whose {@code jars/} links to them, for the executors it launches) and stopped
 * by their process ids, worker first.
 */
final class StandaloneCluster implements AutoCloseable {
  private final Process master;
  private final Process worker;
  private final Path masterLog;
  private final Path workerLog;
  private final Path work;
  private final Path jars;
  final String url;

  private StandaloneCluster(Process master, Process worker, Path masterLog, Path workerLog,
      Path work, Path jars, String url) {
    this.master = master;
    this.worker = worker;
    this.masterLog = masterLog;
    this.workerLog = workerLog;
    this.work = work;
    this.jars = jars;
    this.url = url;
  }

  /** Starts the master and a worker with {@code cores} cores and waits until it registered. */
  static StandaloneCluster start(Path dir, int cores) throws Exception {
    Path home = Files.createDirectories(dir.resolve("spark-home/jars"));
    for (Path jar : SparkProcesses.sparkJars()) {
      Path link = home.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    int port = SparkProcesses.freePort();
    String url = "spark://127.0.0.1:" + port;
    Path masterLog = dir.resolve("master.log");
    Process master = start(SparkProcesses.java("org.apache.spark.deploy.master.Master",
        List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
            String.valueOf(SparkProcesses.freePort()))), home.getParent(), masterLog);
    StandaloneCluster c = null;
    try {
      await(master, masterLog, "I have been elected leader", Duration.ofSeconds(90));
      Path work = Files.createDirectories(dir.resolve("work"));
      Path workerLog = dir.resolve("worker.log");
      Process worker = start(SparkProcesses.java("org.apache.spark.deploy.worker.Worker",
          List.of("--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", "3g",
              "--webui-port", String.valueOf(SparkProcesses.freePort()), "--work-dir",
              work.toString(), url)), home.getParent(), workerLog);
      c = new StandaloneCluster(master, worker, masterLog, workerLog, work, home, url);
      await(worker, masterLog, "Registering worker", Duration.ofSeconds(90));
      return c;
    } catch (Exception | AssertionError e) {
      if (c != null) {
        c.close();
      } else {
        master.destroyForcibly();
      }
      throw e;
    }
  }

  private static Process start(List<String> cmd, Path sparkHome, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  private static void await(Process p, Path log, String line, Duration timeout)
      throws Exception {
    Instant end = Instant.now().plus(timeout);
    while (Instant.now().isBefore(end)) {
      if (Files.exists(log) && Files.readString(log).contains(line)) {
        return;
      }
      if (!p.isAlive()) {
        throw new AssertionError("process ended before '" + line + "':\n" + Files.readString(log));
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no '" + line + "' after " + timeout + ":\n" + Files.readString(log));
  }

  /** The master's log so far. */
  String masterLog() throws IOException {
    return Files.readString(masterLog);
  }

  /** The worker's log so far (it says how each driver it ran ended). */
  String workerLog() throws IOException {
    return Files.readString(workerLog);
  }

  /**
   * The folders of the drivers the worker ran in cluster deploy mode, by name: each is the
   * driver's working folder, with its stdout, its stderr and the copied application jar.
   */
  List<Path> driverDirs() throws IOException {
    try (var dirs = Files.list(work)) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("driver-")).sorted().toList();
    }
  }

  /** The process ids of the executor JVMs the worker runs now. */
  List<Long> executorPids() {
    return worker.descendants().filter(h -> h.info().commandLine().orElse("")
        .contains("CoarseGrainedExecutorBackend")).map(ProcessHandle::pid).toList();
  }

  /** The process ids of the master and the worker. */
  List<Long> pids() {
    return List.of(master.pid(), worker.pid());
  }

  /** Stops the worker (and its executors), then the master, by process id. */
  @Override
  public void close() throws Exception {
    for (Process p : List.of(worker, master)) {
      ProcessHandle h = ProcessHandle.of(p.pid()).orElse(null);
      if (h == null) {
        continue;
      }
      List<ProcessHandle> children = h.descendants().toList();
      h.destroy();
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        h.destroyForcibly();
        p.waitFor();
      }
      children.forEach(ProcessHandle::destroyForcibly);
    }
    // The links point into the Maven repository: remove them, never what they point to.
    try (var links = Files.list(jars)) {
      for (Path l : links.toList()) {
        Files.delete(l);
      }
    }
  }
}
