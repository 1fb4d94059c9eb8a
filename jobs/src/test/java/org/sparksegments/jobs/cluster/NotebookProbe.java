package org.sparksegments.jobs.cluster;

import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.sparksegments.jobs.api.Segments;

/**
 * A notebook in a jar: a fresh session configured only by what spark-submit passes (the SQL
 * extension conf, our jar on --jars). Each argument is {@code sql:STATEMENT} or
 * {@code api:catalog|segments|id|as_of|column}; each result row is printed as
 * {@code #INDEX JSON}, a failure as {@code #INDEX error: MESSAGE}.
 */
public final class NotebookProbe {
  private NotebookProbe() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().getOrCreate();
    for (int i = 0; i < args.length; i++) {
      try {
        Dataset<Row> rows;
        if (args[i].startsWith("sql:")) {
          rows = spark.sql(args[i].substring(4));
        } else {
          String[] p = args[i].substring(4).split("\\|");
          rows = Segments.evaluateSaved(spark, p[0], p[1], p[2], Instant.parse(p[3]))
              .select(p[4]);
        }
        for (Row r : rows.collectAsList()) {
          System.out.println("#" + i + " " + r.json());
        }
      } catch (Exception e) {
        System.out.println("#" + i + " error: " + e.getMessage().replace('\n', ' '));
      }
    }
    spark.stop();
  }
}
