package org.sparksegments.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** jvm.options is Spark's own list of JVM flags, and the test JVM really runs with it. */
class JvmOptionsTest {

  private static List<String> fileFlags() throws Exception {
    return Files.readAllLines(TestSample.root().resolve("jvm.options")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
  }

  @Test
  void jvmOptionsIsSparksList() throws Exception {
    List<String> spark = Arrays.asList(JavaModuleOptions.defaultModuleOptions().split(" "));
    assertEquals(spark, fileFlags(), "regenerate jvm.options from JavaModuleOptions");
  }

  @Test
  void theTestJvmRunsWithTheFlags() throws Exception {
    List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (String flag : fileFlags()) {
      assertTrue(args.contains(flag), flag + " not in " + args);
    }
  }
}
