package org.sparksegments.jobs.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Delta's session settings for the sessions the engine starts: when Delta is on the classpath
 * (spark-submit's {@code --packages io.delta:delta-spark_2.13:4.4.0}), its extension is added to
 * {@code spark.sql.extensions} and, unless the user chose another, its catalog becomes the
 * session catalog, as Delta requires for reading a table at a version. Nothing when Delta is
 * absent, so the engine needs no Delta unless a catalog has a Delta source.
 */
final class DeltaSessions {
  static final String EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

  private DeltaSessions() {}

  static void configure(SparkConf conf, SparkSession.Builder b) {
    if (!available()) {
      return;
    }
    List<String> extensions = new ArrayList<>();
    if (conf.contains("spark.sql.extensions")) {
      Arrays.stream(conf.get("spark.sql.extensions").split(",")).map(String::trim)
          .filter(s -> !s.isEmpty()).forEach(extensions::add);
    }
    if (!extensions.contains(EXTENSION)) {
      extensions.add(EXTENSION);
      b.config("spark.sql.extensions", String.join(",", extensions));
    }
    if (!conf.contains("spark.sql.catalog.spark_catalog")) {
      b.config("spark.sql.catalog.spark_catalog", CATALOG);
    }
  }

  private static boolean available() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try {
      Class.forName(EXTENSION, false, loader != null ? loader : DeltaSessions.class
          .getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
