package org.sparksegments.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one local SparkSession across the whole test JVM.
 *
 * <p>spark-testing-base has no Spark 4 build (its only Scala 2.13 artifact targets Spark 3.3 and
 * JUnit 4), so this small extension does its job: the session starts once (3 to 4 seconds), is
 * injected into any test parameter of type {@link SparkSession}, and stops when the JVM exits.
 * Two shuffle partitions, no UI and UTC as the session zone keep local tests fast and readable;
 * the engine itself never relies on the session zone.
 */
public final class SharedSpark implements BeforeAllCallback, ParameterResolver {

  private static volatile SparkSession session;

  /** The shared session, started on first use. */
  public static SparkSession session() {
    SparkSession s = session;
    if (s == null) {
      synchronized (SharedSpark.class) {
        s = session;
        if (s == null) {
          s = SparkSession.builder()
              .appName("spark-segments-tests")
              .master("local[2]")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.ui.enabled", "false")
              .config("spark.ui.showConsoleProgress", "false")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.sql.warehouse.dir", warehouse())
              .config(delta())
              .getOrCreate();
          session = s;
          Runtime.getRuntime().addShutdownHook(new Thread(SparkSession::clearDefaultSession));
        }
      }
    }
    return s;
  }

  /**
   * Delta's session extension and catalog, when Delta is on the test classpath (the jobs
   * module's tests write Delta tables: an overwrite needs both); nothing otherwise.
   */
  private static java.util.Map<String, Object> delta() {
    try {
      Class.forName("io.delta.sql.DeltaSparkSessionExtension", false,
          SharedSpark.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return java.util.Map.of();
    }
    return java.util.Map.<String, Object>of("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
  }

  /** A fresh warehouse folder per test JVM: catalog tables of earlier runs never collide. */
  private static String warehouse() {
    try {
      return java.nio.file.Files.createTempDirectory("spark-segments-warehouse").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    session();
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return session();
  }
}
