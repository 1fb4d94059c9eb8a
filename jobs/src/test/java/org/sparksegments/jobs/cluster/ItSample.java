package org.sparksegments.jobs.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A 3,000-profile sample written once per integration-test JVM by the jar under spark-submit. */
final class ItSample {
  static final String AS_OF = "2026-06-01T00:00:00Z";
  private static Path catalog;

  private ItSample() {}

  static synchronized Path catalog() throws Exception {
    if (catalog == null) {
      Path dir = Files.createTempDirectory("segments-it-sample-").resolve("sample");
      SparkProcesses.Result gen = SparkProcesses.submit("local[2]", List.of(),
          List.of("generate", "--profiles", "3000", "--out", dir.toString()));
      if (gen.exit() != 0) {
        throw new AssertionError("generate failed: " + gen);
      }
      catalog = dir.resolve("catalog.json");
    }
    return catalog;
  }
}
