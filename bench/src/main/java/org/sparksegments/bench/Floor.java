package org.sparksegments.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import org.apache.spark.sql.execution.columnar.InMemoryTableScanExec;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The floor of a run: a bare read of exactly the columns the run reads from each Parquet table
 * (the read schemas of the scans of every query a run executes, recorded by a listener), every
 * value forced through an aggregate, each table once, no segment logic.
 */
final class Floor {
  private Floor() {}

  /**
   * Records, for every query that runs while it is registered, the columns its Parquet scans
   * read (table root → the union of their read schemas), looking through adaptive plans, query
   * stages, cached relations and subqueries.
   */
  static final class ScanRecorder implements QueryExecutionListener {
    final Map<String, StructType> tables = new LinkedHashMap<>();

    @Override
    public synchronized void onSuccess(String funcName, QueryExecution qe, long durationNs) {
      collect(qe.executedPlan(), tables);
    }

    @Override
    public void onFailure(String funcName, QueryExecution qe, Exception exception) {}
  }

  private static void collect(SparkPlan p, Map<String, StructType> out) {
    if (p instanceof FileSourceScanExec scan) {
      String root = CollectionConverters.asJava(scan.relation().location().rootPaths()).get(0)
          .toString();
      StructType merged = out.getOrDefault(root, new StructType());
      for (StructField f : scan.requiredSchema().fields()) {
        if (merged.getFieldIndex(f.name()).isEmpty()) {
          merged = merged.add(f);
        }
      }
      out.put(root, merged);
    } else if (p instanceof AdaptiveSparkPlanExec a) {
      collect(a.executedPlan(), out);
    } else if (p instanceof QueryStageExec q) {
      collect(q.plan(), out);
    } else if (p instanceof InMemoryTableScanExec m) {
      collect(m.relation().cachedPlan(), out);
    }
    for (SparkPlan child : CollectionConverters.asJava(p.children())) {
      collect(child, out);
    }
    for (SparkPlan sub : CollectionConverters.asJava(p.subqueries())) {
      collect(sub, out);
    }
  }

  /** Reads each table's columns once, forcing every value through max (size for collections). */
  static long read(SparkSession spark, Map<String, StructType> tables) {
    long rows = 0;
    for (Map.Entry<String, StructType> t : tables.entrySet()) {
      List<Column> aggs = new ArrayList<>();
      aggs.add(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)));
      for (StructField f : t.getValue().fields()) {
        addAggregates(col("`" + f.name() + "`"), f.dataType(), aggs);
      }
      Row r = spark.read().parquet(t.getKey()).select(columns(t.getValue()))
          .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
      rows += r.getLong(0);
    }
    return rows;
  }

  private static Column[] columns(StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(col("`" + f.name() + "`"));
    }
    return cols.toArray(Column[]::new);
  }

  private static void addAggregates(Column c, DataType t, List<Column> aggs) {
    if (t instanceof StructType s) {
      for (StructField f : s.fields()) {
        addAggregates(c.getField(f.name()), f.dataType(), aggs);
      }
    } else if (t instanceof ArrayType || t instanceof MapType) {
      aggs.add(max(size(c)));
    } else {
      aggs.add(max(c));
    }
  }
}
