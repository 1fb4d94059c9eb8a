package org.sparksegments.jobs.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.testing.SharedSpark;

/**
 * Shared helpers of the batch run tests: planning a run as {@code RunCommand} does, running it
 * in this JVM or through {@code scripts/segments}, and reading its outputs back (members in file
 * order, changes, manifest, counts) without the engine's own readers.
 */
public final class RunHarness {
  static final ObjectMapper JSON = new ObjectMapper();

  private RunHarness() {}

  /** A catalog, a segment set and the planned entries of a run over all of them. */
  record Prepared(Catalog catalog, SegmentSet set, Validator validator,
      List<BatchRun.Planned> planned) {
    Evaluator evaluator() {
      return new Evaluator(SharedSpark.session(), catalog, validator::bound);
    }

    BoundSegment bound(String id) {
      return validator.bound(id).orElseThrow(() -> new AssertionError("not valid: " + id));
    }

    List<String> ids() {
      return planned.stream().map(BatchRun.Planned::id).toList();
    }

    String idColumn(String id) {
      return bound(id).database().idColumn();
    }
  }

  /** Plans every segment of {@code segments} the way RunCommand.call() does (no --only). */
  static Prepared prepare(Path catalogFile, Path segments) throws Exception {
    Catalog c = org.sparksegments.jobs.LocalFiles.catalog(catalogFile);
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(segments);
    Validator v = new Validator(c, new SchemaSource(null, SharedSpark::session), set);
    List<BatchRun.Planned> planned = new ArrayList<>();
    for (Parsed p : set.all()) {
      if (p.id() == null && p.segment() == null) {
        planned.add(new BatchRun.Planned(null, null, null, null, p.errors(), p.source()));
        continue;
      }
      String id = p.id() != null ? p.id() : p.segment().id();
      Binder.Result r = v.validate(p);
      String db = p.segment() == null ? null : p.segment().database();
      String sha = p.segment() == null ? null : Jcs.sha256(p.segment().document());
      planned.add(new BatchRun.Planned(id, db, sha, r.ok() ? r.segment() : null, r.errors()));
    }
    return new Prepared(c, set, v, planned);
  }

  /** A finished run as the tests read it: its folder as a local path. */
  record Ran(Path run, String runId, List<String> failed, List<String> invalid) {}

  /** One batch run in this JVM on the shared session. */
  static Ran run(Prepared p, Path out, Instant asOf) throws IOException {
    return run(p, out, asOf, msg -> { }, java.time.Clock.systemUTC());
  }

  /** One batch run with its progress lines and start time given. */
  static Ran run(Prepared p, Path out, Instant asOf, java.util.function.Consumer<String> progress,
      java.time.Clock clock) throws IOException {
    BatchRun.Result r = new BatchRun(SharedSpark.session(), p.catalog(), p.evaluator(),
        store(out), progress, clock).run(p.planned(), asOf);
    return new Ran(local(r.run()), r.runId(), r.failed(), r.invalid());
  }

  /** The run store of a local output folder, through the session's Hadoop configuration. */
  static RunStore store(Path out) {
    return new RunStore(Storage.of(SharedSpark.session().sparkContext().hadoopConfiguration()),
        new org.apache.hadoop.fs.Path(out.toAbsolutePath().toUri()));
  }

  /** The local path of a qualified {@code file:} path. */
  static Path local(org.apache.hadoop.fs.Path p) {
    return Path.of(p.toUri());
  }

  /** A local path as the engine names it in messages: its qualified URI. */
  static String qualified(Path p) throws IOException {
    return Storage.of(SharedSpark.session().sparkContext().hadoopConfiguration())
        .qualify(p.toString()).toString();
  }

  /** The complete runs the engine sees under {@code out}, oldest first. */
  static List<Path> completeRuns(Path out) throws IOException {
    return store(out).completeRuns().stream().map(RunHarness::local).toList();
  }

  /** The engine's own selection of a segment, evaluated alone, in its order. */
  static List<String> expectedMembers(Prepared p, String id, Instant asOf) {
    BoundSegment s = p.bound(id);
    return p.evaluator().selected(s, asOf).select(s.database().idColumn()).collectAsList()
        .stream().map(r -> String.valueOf(r.get(0))).toList();
  }

  /**
   * The engine's selections of every valid segment of {@code p} as of {@code asOf}, in order:
   * one evaluation per database apart from any run (its wide frame cached while the segments
   * are selected one by one), for tests that check many segments over several runs.
   */
  static Map<String, List<String>> expectedMembersAll(Prepared p, Instant asOf) {
    Map<String, List<BoundSegment>> byDb = new TreeMap<>();
    for (BatchRun.Planned planned : p.planned()) {
      if (planned.bound() != null) {
        byDb.computeIfAbsent(planned.database(), k -> new ArrayList<>()).add(planned.bound());
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    Evaluator evaluator = p.evaluator();
    for (List<BoundSegment> segments : byDb.values()) {
      org.sparksegments.jobs.eval.Flags e = evaluator.evaluate(segments, asOf);
      String idColumn = segments.get(0).database().idColumn();
      e.frame().persist();
      try {
        for (BoundSegment s : segments) {
          out.put(s.id(), e.selected(s.id()).select(idColumn).collectAsList().stream()
              .map(r -> String.valueOf(r.get(0))).toList());
        }
      } finally {
        e.frame().unpersist();
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Reading outputs back

  /** The data files of a folder (no hidden or _ files), sorted by name. */
  static List<Path> dataFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(".")
              && !f.getFileName().toString().startsWith("_"))
          .sorted().toList();
    }
  }

  /**
   * The members of a segment in a run, read file by file in name order and row by row in file
   * order; an absent folder is no members. Checks the single column is named as the id column.
   */
  static List<String> members(Path run, String segment, String idColumn) throws IOException {
    SparkSession spark = SharedSpark.session();
    List<String> ids = new ArrayList<>();
    for (Path f : dataFiles(run.resolve("members").resolve("segment=" + segment))) {
      Dataset<Row> d = spark.read().parquet(f.toString());
      assertEquals(List.of(idColumn), List.of(d.columns()),
          "members columns of " + segment + " in " + f);
      for (Row r : d.collectAsList()) {
        ids.add(String.valueOf(r.get(0)));
      }
    }
    return ids;
  }

  /** The changes of a segment in a run: change ("entered" / "left") to its ids, sorted. */
  static Map<String, Set<String>> changes(Path run, String segment, String idColumn)
      throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    out.put("entered", new TreeSet<>());
    out.put("left", new TreeSet<>());
    for (Path f : dataFiles(run.resolve("changes").resolve("segment=" + segment))) {
      Dataset<Row> d = SharedSpark.session().read().parquet(f.toString());
      assertEquals(List.of(idColumn, "change"), List.of(d.columns()),
          "changes columns of " + segment + " in " + f);
      for (Row r : d.collectAsList()) {
        String change = r.getString(1);
        assertTrue(out.containsKey(change), "change value " + change + " in " + f);
        assertTrue(out.get(change).add(String.valueOf(r.get(0))),
            "duplicate change row " + r + " in " + f);
      }
    }
    return out;
  }

  static JsonNode manifest(Path run) throws IOException {
    return JSON.readTree(run.resolve("manifest.json").toFile());
  }

  /** The manifest's segments by id, in manifest order. */
  static Map<String, JsonNode> manifestSegments(JsonNode manifest) {
    Map<String, JsonNode> m = new LinkedHashMap<>();
    for (JsonNode s : manifest.path("segments")) {
      assertTrue(m.put(s.path("id").asText(), s) == null, "duplicate id in manifest: " + s);
    }
    return m;
  }

  /** The run folders under {@code out/runs}, by name. */
  static List<Path> runFolders(Path out) throws IOException {
    Path runs = out.resolve("runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runs)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** Every regular file under {@code dir} (relative path) to the SHA-256 of its bytes. */
  public static Map<String, String> hashTree(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        out.put(dir.relativize(f).toString(), sha256(Files.readAllBytes(f)));
      }
    }
    return out;
  }

  /** Deletes a local file or folder with everything in it. */
  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static String sha256(String s) throws Exception {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  static Set<String> minus(java.util.Collection<String> a, java.util.Collection<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(new TreeSet<>(b));
    return out;
  }

  /** Copies data/examples into {@code dir} (which then may get more segment files). */
  static Path copyExamples(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(TestSample.examples())) {
      for (Path f : s.filter(f -> f.toString().endsWith(".json")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    return dir;
  }

  // ------------------------------------------------------------------------------------------
  // The command line as a separate process (as Cli.java, plus JVM options and async starts)

  /** A started scripts/segments process with its output files. */
  public record Started(Process process, Path out, Path err) {
    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8).strip();
    }

    public String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8).strip();
    }

    /** Waits for the end; returns the exit status. */
    int finish(long seconds) throws Exception {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + seconds + " s\n" + stderr());
      }
      return process.exitValue();
    }

    public String report() throws IOException {
      return "--- stdout\n" + stdout() + "\n--- stderr\n" + stderr();
    }
  }

  /** Starts {@code scripts/segments ARGS} with the test classpath and {@code javaOpts}. */
  public static Started start(String javaOpts, String... args) throws IOException {
    Path root = TestSample.root();
    List<String> cmd = new ArrayList<>(
        List.of("bash", root.resolve("scripts/segments").toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile("run-cli-out", ".txt");
    Path err = Files.createTempFile("run-cli-err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    pb.environment().put("SEGMENTS_CLASSPATH", cp.replace(File.pathSeparatorChar, ':'));
    pb.environment().put("SEGMENTS_JAVA_OPTS", "-Xmx1g " + javaOpts);
    return new Started(pb.start(), out, err);
  }
}
