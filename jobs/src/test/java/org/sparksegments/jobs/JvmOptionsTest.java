package org.sparksegments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/**
 * jvm.options is Spark's own list of JVM flags and one JIT flag of ours, and the test JVM really
 * runs with it.
 */
class JvmOptionsTest {
  /** Ours, after Spark's list: the JIT may compile Spark's large generated methods. */
  static final String HUGE_METHODS = "-XX:-DontCompileHugeMethods";

  private static List<String> fileFlags() throws Exception {
    return Files.readAllLines(TestSample.root().resolve("jvm.options")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  @Test
  void jvmOptionsIsSparksList() throws Exception {
    List<String> spark = new java.util.ArrayList<>(
        Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" ")));
    spark.add(HUGE_METHODS);
    assertEquals(spark, fileFlags(),
        "regenerate jvm.options from JavaModuleOptions, then " + HUGE_METHODS);
  }

  @Test
  void theTestJvmRunsWithTheFlags() throws Exception {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String flag : fileFlags()) {
      assertTrue(args.contains(flag), flag + " not in " + args);
    }
  }
}
