package org.sparksegments.jobs.eval;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession of a command: whatever spark-submit configured, else local mode on every
 * core, no UI and no console progress bar unless asked for.
 */
public final class Sessions {
  private Sessions() {}

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
    if (!conf.contains("spark.sql.shuffle.partitions")) {
      b.config("spark.sql.shuffle.partitions", "8");
    }
    return b.getOrCreate();
  }
}
