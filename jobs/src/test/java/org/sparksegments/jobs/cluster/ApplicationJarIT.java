package org.sparksegments.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The application jar holds our classes and picocli only: Spark, Scala, Hadoop, Jackson and
 * Parquet come from the cluster, so nothing in it can clash with Spark's own copies.
 */
class ApplicationJarIT {
  private static final List<String> ALLOWED = List.of("org/sparksegments/", "picocli/",
      "META-INF/", "spark-segments-log4j2.properties");

  @Test
  void holdsOnlyOurCodeAndWhatSparkLacks() throws Exception {
    try (JarFile jar = new JarFile(SparkProcesses.appJar().toFile())) {
      List<String> foreign = jar.stream().map(e -> e.getName())
          .filter(n -> !n.equals("org/"))
          .filter(n -> ALLOWED.stream().noneMatch(n::startsWith)).toList();
      assertEquals(List.of(), foreign, "entries outside our packages and picocli");
      assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("picocli/CommandLine")));
      assertTrue(jar.stream().noneMatch(e -> e.getName().matches("META-INF/.*\\.(SF|DSA|RSA)")));
      assertEquals("org.sparksegments.jobs.cli.Main",
          jar.getManifest().getMainAttributes().getValue("Main-Class"));
      assertTrue(jar.getManifest().getMainAttributes().getValue("Add-Opens")
          .contains("java.base/sun.nio.ch"));
    }
  }
}
