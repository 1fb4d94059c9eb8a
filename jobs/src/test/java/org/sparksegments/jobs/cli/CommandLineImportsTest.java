package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sparksegments.jobs.TestSample;

/**
 * The command line parses options and prints: it builds no Spark expression (those live in
 * jobs.query and jobs.eval), and only the workspace, which starts the session, imports Spark.
 */
class CommandLineImportsTest {
  private static final Pattern SPARK_IMPORT = Pattern.compile(
      "^import\\s+(static\\s+)?org\\.apache\\.spark\\.", Pattern.MULTILINE);
  private static final Pattern EXPRESSION_IMPORT = Pattern.compile(
      "^import\\s+(static\\s+)?(org\\.sparksegments\\.conditions\\.spark\\."
          + "|org\\.apache\\.spark\\.sql\\.functions|org\\.apache\\.spark\\.sql\\.Column\\b)",
      Pattern.MULTILINE);
  /** Holds the session that commands hand to the jobs they start. */
  private static final List<String> MAY_IMPORT_SPARK = List.of("Workspace.java");

  private static List<Path> sources() throws Exception {
    Path dir = TestSample.root().resolve("jobs/src/main/java/org/sparksegments/jobs/cli");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void noCommandBuildsSparkExpressions() throws Exception {
    List<String> offending = new ArrayList<>();
    for (Path p : sources()) {
      if (EXPRESSION_IMPORT.matcher(Files.readString(p)).find()) {
        offending.add(p.getFileName().toString());
      }
    }
    assertEquals(List.of(), offending);
  }

  @Test
  void onlyTheWorkspaceImportsSpark() throws Exception {
    List<String> importing = new ArrayList<>();
    for (Path p : sources()) {
      if (SPARK_IMPORT.matcher(Files.readString(p)).find()) {
        importing.add(p.getFileName().toString());
      }
    }
    assertEquals(MAY_IMPORT_SPARK, importing);
  }
}
