package org.sparksegments.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sparksegments.data.SampleGenerator;
import org.sparksegments.testing.SharedSpark;

/** A small generated sample (both databases), written once per test JVM. */
public final class TestSample {
  public static final int PROFILES = 600;
  private static Path dir;

  private TestSample() {}

  /** The project's root folder (surefire passes it; the module's parent otherwise). */
  public static Path root() {
    String r = System.getProperty("segments.root");
    return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
  }

  /** The catalog of the generated sample. */
  public static synchronized Path catalog() throws Exception {
    if (dir == null) {
      Path d = Files.createTempDirectory("segments-sample-");
      SampleGenerator.generate(SharedSpark.session(), d, PROFILES, 42);
      dir = d;
    }
    return dir.resolve("catalog.json");
  }

  /**
   * A copy of the generated sample (tables and catalog) in {@code dir}, for tests that change
   * or break its files; returns the copy's catalog.
   */
  public static Path copyTo(Path dir) throws Exception {
    Path from = catalog().getParent();
    Path to = dir.resolve("sample");
    try (java.util.stream.Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to.resolve("catalog.json");
  }

  /** The example segments of data/examples. */
  public static Path examples() {
    return root().resolve("data/examples");
  }
}
