package org.sparksegments.jobs.cluster;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.jobs.cli.Main;
import org.sparksegments.testing.SharedSpark;

/**
 * The command line in this JVM, in local mode on the shared session: the reference results that
 * the same commands on HDFS are compared with, without starting a JVM for each. A command sets
 * SQL options on the session it finds (the shuffle partitions, the code generation limit);
 * they are put back afterwards, for the tests that share the session.
 */
final class InProcessCli {
  private static final List<String> RESTORED = List.of("spark.sql.shuffle.partitions",
      "spark.sql.codegen.maxFields");

  private InProcessCli() {}

  /** {@code segments ARGS}: exit status and output. */
  static synchronized SparkProcesses.Result run(String... args) {
    SparkSession spark = SharedSpark.session();
    Map<String, String> conf = new TreeMap<>();
    RESTORED.forEach(k -> conf.put(k, spark.conf().get(k)));
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      exit = Main.run(args);
    } finally {
      System.setOut(out);
      System.setErr(err);
      conf.forEach(spark.conf()::set);
    }
    return new SparkProcesses.Result(exit, o.toString(StandardCharsets.UTF_8).strip(),
        e.toString(StandardCharsets.UTF_8).strip());
  }
}
