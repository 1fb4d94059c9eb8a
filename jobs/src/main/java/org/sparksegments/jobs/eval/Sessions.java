package org.sparksegments.jobs.eval;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a command: whatever spark-submit configured, else local mode on every
 * core, no UI and no console progress bar unless asked for; executors that a cluster manager
 * starts get the JIT flag of jvm.options unless their Java options are set.
 */
public final class Sessions {
  /** Lets the JIT compile methods over 8,000 bytes, as Spark's generated code often is. */
  static final String HUGE_METHODS = "-XX:-DontCompileHugeMethods";

  private Sessions() {}

  /**
   * The Hadoop configuration a session of this process would have (Hadoop's defaults and site
   * files, plus every {@code spark.hadoop.*} setting), for reading the catalog and the segments
   * before a session is started.
   */
  public static org.apache.hadoop.conf.Configuration hadoopConfiguration() {
    return org.apache.spark.deploy.SparkHadoopUtil.get().newConfiguration(new SparkConf());
  }

  public static SparkSession create(String appName) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("spark-segments " + appName);
    if (!conf.contains("spark.master")) {
      b.master("local[*]");
    }
    if (!conf.contains("spark.ui.enabled")) {
      b.config("spark.ui.enabled", "false");
    }
    if (!conf.contains("spark.ui.showConsoleProgress")) {
      // The progress bar only where a person watches; a scheduler's log gets progress lines.
      b.config("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
    }
    if (!conf.contains("spark.executor.extraJavaOptions")) {
      // Executors started by a cluster manager do not get the launcher's JVM flags: the one that
      // lets the JIT compile Spark's large generated methods (see jvm.options) goes with them.
      b.config("spark.executor.extraJavaOptions", HUGE_METHODS);
    }
    if (!conf.contains("spark.sql.codegen.maxFields")) {
      // A run's frames have two flag columns per segment and its counts two sums per segment:
      // past Spark's default of 100 fields whole-stage code generation would be switched off.
      b.config("spark.sql.codegen.maxFields", "2000");
    }
    if (!conf.contains("spark.sql.shuffle.partitions")) {
      b.config("spark.sql.shuffle.partitions", "8");
    }
    DeltaSessions.configure(conf, b);
    return b.getOrCreate();
  }
}
