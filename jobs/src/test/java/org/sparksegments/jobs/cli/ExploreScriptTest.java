package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/** scripts/explore opens jshell with a ready session in which the Java API answers. */
@ExtendWith(SharedSpark.class)
class ExploreScriptTest {

  @Test
  void jshellHasASessionAndTheApi() throws Exception {
    Path catalog = TestSample.catalog();
    Path root = TestSample.root();
    ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/explore").toString(),
        catalog.toString(), TestSample.examples().toString()).directory(root.toFile())
        .redirectErrorStream(true);
    String cp = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    pb.environment().put("SEGMENTS_CLASSPATH", cp.replace(File.pathSeparatorChar, ':'));
    pb.environment().put("SEGMENTS_JAVA_OPTS", "-Xmx1g");
    Process p = pb.start();
    p.getOutputStream().write(("Row r = Segments.countSaved(spark, catalog, segments,"
        + " \"berlin-vips\", asOf).first();\nSystem.out.println(\"COUNTS \" + r.getLong(2) + \" \""
        + " + r.getLong(3) + \" \" + r.getLong(4));\n/exit\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);

    var validator = new Validator(org.sparksegments.jobs.LocalFiles.catalog(catalog), new SchemaSource(null,
        SharedSpark::session), org.sparksegments.jobs.LocalFiles.segments(TestSample.examples()));
    var s = validator.bound("berlin-vips").orElseThrow();
    Evaluator.Counts c = new Evaluator(SharedSpark.session(), org.sparksegments.jobs.LocalFiles.catalog(catalog),
        validator::bound).count(s, Instant.parse("2026-06-01T00:00:00Z"));
    List<String> lines = out.lines().filter(l -> l.contains("COUNTS ")).toList();
    assertEquals(List.of("COUNTS " + c.inRange() + " " + c.matched() + " " + c.selected()),
        lines.stream().map(l -> l.substring(l.indexOf("COUNTS "))).toList(), out);
    assertTrue(out.contains("spark-segments explore: spark (Spark "), out);
  }
}
