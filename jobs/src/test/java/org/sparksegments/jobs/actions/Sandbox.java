package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.cli.Main;
import org.sparksegments.jobs.run.RunHarness;
import org.sparksegments.testing.SharedSpark;

/**
 * A private copy of the test sample for the commands that change tables, the commands run in
 * this JVM with their output captured, and readers of what they wrote.
 */
final class Sandbox {
  static final String AS_OF = "2026-06-01T00:00:00Z";
  static final ObjectMapper JSON = new ObjectMapper();

  private Sandbox() {}

  /** Copies the generated sample (tables and catalog) into {@code dir}; returns the catalog. */
  static Path copySample(Path dir) throws Exception {
    return TestSample.copyTo(dir);
  }

  /** What a command run in this JVM printed and returned. */
  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }

    /** The JSON summary: the last line of standard output. */
    JsonNode summary() throws IOException {
      List<String> l = lines();
      return JSON.readTree(l.get(l.size() - 1));
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  /** Runs {@code segments ARGS} in this JVM (the shared session), output captured. */
  static synchronized Run main(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = Main.run(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** Runs and expects exit status 0. */
  static Run ok(String... args) {
    Run r = main(args);
    assertEquals(0, r.exit(), r.toString());
    return r;
  }

  /** The engine's selection of {@code segment} as of {@link #AS_OF}, via the members command. */
  static List<String> members(Path catalog, String segment, String... moreSegments) {
    List<String> args = new ArrayList<>(List.of("members", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString()));
    for (String s : moreSegments) {
      args.addAll(List.of("--segments", s));
    }
    args.addAll(List.of("--segment", segment, "--as-of", AS_OF, "--quiet"));
    return ok(args.toArray(String[]::new)).lines();
  }

  /** Every file under {@code dir} to the SHA-256 of its bytes. */
  static Map<String, String> hashes(Path dir) throws Exception {
    return RunHarness.hashTree(dir);
  }

  /** The files added to {@code before}, the changed and the deleted ones (all empty: unchanged). */
  static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
    Map<String, String> out = new TreeMap<>();
    before.forEach((k, v) -> {
      if (!after.containsKey(k)) {
        out.put(k, "deleted");
      } else if (!after.get(k).equals(v)) {
        out.put(k, "changed");
      }
    });
    after.keySet().stream().filter(k -> !before.containsKey(k)).forEach(k -> out.put(k, "added"));
    return out;
  }

  /** The files of {@code changes} that were added, hidden ones (".", "_") left out. */
  static List<String> addedDataFiles(Map<String, String> changes) {
    return changes.entrySet().stream().filter(e -> e.getValue().equals("added"))
        .map(Map.Entry::getKey)
        .filter(k -> Stream.of(k.split("/")).noneMatch(p -> p.startsWith(".") || p.startsWith("_")))
        .toList();
  }

  static Dataset<Row> read(Path p) {
    return SharedSpark.session().read().parquet(p.toString());
  }

  /** A column's values as strings, sorted (null as "null"). */
  static List<String> sorted(Dataset<Row> d, String column) {
    return d.select(column).collectAsList().stream().map(r -> String.valueOf(r.get(0)))
        .sorted().toList();
  }

  static List<String> sorted(List<String> ids) {
    return ids.stream().sorted().toList();
  }
}
