package org.sparksegments.jobs.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.sparksegments.jobs.TestSample;

/**
 * Spark as a user without a Spark distribution runs it: JVMs started from the Spark jars that
 * Maven resolved (never our classes: those come only from the application jar), a
 * {@code spark-submit} through {@code org.apache.spark.deploy.SparkSubmit}, and a standalone
 * master and worker on 127.0.0.1.
 */
final class SparkProcesses {
  /** What a finished process left. */
  record Result(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    @Override
    public String toString() {
      String e = withoutInfo(err);
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr (tail, no INFO lines)\n"
          + e.substring(Math.max(0, e.length() - 6000));
    }
  }

  private SparkProcesses() {}

  /** Standard error without Spark's INFO log lines (spark-submit logs at INFO to it). */
  static String withoutInfo(String err) {
    return Arrays.stream(err.split("\n"))
        .filter(l -> !l.matches("\\d\\d/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d INFO .*"))
        .collect(Collectors.joining("\n"));
  }

  /** The application jar that {@code mvn package} built. */
  static Path appJar() {
    return Path.of(System.getProperty("segments.appJar", "target/spark-segments.jar"));
  }

  /** Spark and its dependencies: the runtime classpath without our modules and picocli. */
  static List<Path> sparkJars() throws IOException {
    String cp = Files.readString(Path.of(System.getProperty("segments.classpathFile",
        "target/classpath.txt"))).strip();
    return Arrays.stream(cp.split(java.io.File.pathSeparator)).map(Path::of)
        .filter(p -> p.getFileName().toString().endsWith(".jar"))
        .filter(p -> !p.getFileName().toString().startsWith("segments-"))
        .filter(p -> !p.getFileName().toString().startsWith("picocli-"))
        .toList();
  }

  /** A java command line on the Spark jars with the JVM flags Spark needs. */
  static List<String> java(String mainClass, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "@" + TestSample.root().resolve("jvm.options"), "-Xmx1g", "-cp",
        sparkJars().stream().map(Path::toString).collect(Collectors.joining(":")), mainClass));
    cmd.addAll(args);
    return cmd;
  }

  /**
   * The flags of jvm.options on one line, for {@code spark.driver.extraJavaOptions}: a driver that
   * a standalone worker starts (cluster deploy mode) gets no module flags from Spark itself.
   */
  static String jvmFlags() throws IOException {
    return Files.readAllLines(TestSample.root().resolve("jvm.options")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .collect(Collectors.joining(" "));
  }

  /** {@code spark-submit --master MASTER [submitOptions] --class Main APP_JAR args}. */
  static Result submit(String master, List<String> submitOptions, List<String> args)
      throws Exception {
    return runToEnd(submitCommand(master, submitOptions, args), Map.of(), 600, null);
  }

  /** {@link #submit} with {@code workDir} as the process's working folder. */
  static Result submitIn(Path workDir, String master, List<String> submitOptions,
      List<String> args) throws Exception {
    return runToEnd(submitCommand(master, submitOptions, args), Map.of(), 600, workDir);
  }

  /** The java command line of {@link #submit}. */
  static List<String> submitCommand(String master, List<String> submitOptions, List<String> args)
      throws IOException {
    List<String> a = new ArrayList<>(List.of("--master", master,
        "--conf", "spark.ui.enabled=false", "--driver-memory", "1g"));
    a.addAll(submitOptions);
    if (!submitOptions.contains("--class")) {
      a.addAll(List.of("--class", "org.sparksegments.jobs.cli.Main", appJar().toString()));
    }
    a.addAll(args);
    return java("org.apache.spark.deploy.SparkSubmit", a);
  }

  /** A process started in the background, its output going to two files. */
  record Started(Process process, Path out, Path err) {
    String report() throws IOException {
      String e = Files.readString(err, StandardCharsets.UTF_8);
      e = withoutInfo(e);
      return "--- stdout\n" + Files.readString(out, StandardCharsets.UTF_8).strip()
          + "\n--- stderr (tail, no INFO lines)\n" + e.substring(Math.max(0, e.length() - 6000));
    }
  }

  /** Starts {@code cmd} in {@code workDir} without waiting for it. */
  static Started start(List<String> cmd, Path workDir) throws IOException {
    return start(cmd, Map.of(), workDir);
  }

  /** Starts {@code cmd} in {@code workDir} (null: this JVM's) with {@code env} added. */
  private static Started start(List<String> cmd, Map<String, String> env, Path workDir)
      throws IOException {
    Path out = Files.createTempFile("spark-out", ".txt");
    Path err = Files.createTempFile("spark-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    return new Started(pb.start(), out, err);
  }

  /** Runs a command to its end, output captured. */
  static Result runToEnd(List<String> cmd, Map<String, String> env, int timeoutSeconds)
      throws Exception {
    return runToEnd(cmd, env, timeoutSeconds, null);
  }

  /** Runs a command to its end in {@code workDir} (null: this JVM's), output captured. */
  static Result runToEnd(List<String> cmd, Map<String, String> env, int timeoutSeconds,
      Path workDir) throws Exception {
    Started started = start(cmd, env, workDir);
    Process p = started.process();
    Path out = started.out();
    Path err = started.err();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("timed out after " + timeoutSeconds + " s: " + cmd.get(cmd.size()
          - 1) + "\n" + Files.readString(err));
    }
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
        Files.readString(err, StandardCharsets.UTF_8).strip());
    Files.deleteIfExists(out);
    Files.deleteIfExists(err);
    return r;
  }

  /** A port free at the moment of asking. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
