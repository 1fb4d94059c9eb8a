package org.sparksegments.jobs.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import scala.Tuple3;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The Spark SQL extension of Spark Segments: with {@code
 * spark.sql.extensions=org.sparksegments.jobs.sql.SegmentsExtensions} and the application jar on
 * the classpath ({@code --jars}), every session gets the table functions
 * {@code segment_members(…)} and {@code segment_count(…)} (see {@link TableFunctions}).
 */
public final class SegmentsExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectTableFunction(new Tuple3<>(FunctionIdentifier.apply("segment_members"),
        info("segment_members", TableFunctions.MEMBERS_USAGE), TableFunctions.members()));
    extensions.injectTableFunction(new Tuple3<>(FunctionIdentifier.apply("segment_count"),
        info("segment_count", TableFunctions.COUNT_USAGE), TableFunctions.count()));
    return BoxedUnit.UNIT;
  }

  private static ExpressionInfo info(String name, String usage) {
    return new ExpressionInfo(TableFunctions.class.getName(), null, name, usage, "", "", "",
        "table_funcs", "0.1.0", "", "");
  }
}
