package org.sparksegments.jobs.sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.api.Segments;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The table functions of the SQL extension. Arguments are constant strings:
 * {@code (catalog, segment_json [, as_of])} for a quick segment written inline, or
 * {@code (catalog, segments_path, segment_id [, as_of])} for a saved segment (a second argument
 * that starts with <code>{</code> is a document, anything else a file or folder). The as-of
 * defaults to the moment the query is analysed.
 */
final class TableFunctions {
  static final String MEMBERS_USAGE = "_FUNC_(catalog, segment_json [, as_of]) or"
      + " _FUNC_(catalog, segments_path, segment_id [, as_of]) - the selected profiles of the"
      + " segment, every profile column, in the segment's limit order.";
  static final String COUNT_USAGE = "_FUNC_(catalog, segment_json [, as_of]) or"
      + " _FUNC_(catalog, segments_path, segment_id [, as_of]) - one row: segment, as_of,"
      + " in_range, matched, selected.";

  private TableFunctions() {}

  /** The arguments of a call, read from constant expressions. */
  record Call(String catalog, String json, String segments, String id, Instant asOf) {
    static Call of(String function, List<String> args) {
      boolean inline = args.size() >= 2 && args.get(1).stripLeading().startsWith("{");
      int max = inline ? 3 : 4;
      int min = inline ? 2 : 3;
      if (args.size() < min || args.size() > max) {
        throw bad(function, "takes (catalog, segment_json [, as_of]) or (catalog,"
            + " segments_path, segment_id [, as_of]) (found " + args.size() + " arguments)");
      }
      String asOf = args.size() == max ? args.get(max - 1) : null;
      Instant at;
      try {
        at = asOf == null ? Instant.now() : java.time.OffsetDateTime.parse(asOf).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw bad(function, "cannot read the as-of '" + asOf + "' (expected ISO-8601 with Z or"
            + " an offset, such as 2026-06-01T00:00:00Z)");
      }
      return inline ? new Call(args.get(0), args.get(1), null, null, at)
          : new Call(args.get(0), null, args.get(1), args.get(2), at);
    }
  }

  static AbstractFunction1<Seq<Expression>, LogicalPlan> members() {
    return builder("segment_members", (spark, c) -> c.json() != null
        ? Segments.evaluate(spark, c.catalog(), c.json(), c.asOf())
        : Segments.evaluateSaved(spark, c.catalog(), c.segments(), c.id(), c.asOf()));
  }

  static AbstractFunction1<Seq<Expression>, LogicalPlan> count() {
    return builder("segment_count", (spark, c) -> c.json() != null
        ? Segments.count(spark, c.catalog(), c.json(), c.asOf())
        : Segments.countSaved(spark, c.catalog(), c.segments(), c.id(), c.asOf()));
  }

  private interface Body {
    Dataset<Row> apply(SparkSession spark, Call call);
  }

  private static AbstractFunction1<Seq<Expression>, LogicalPlan> builder(String name, Body body) {
    return new AbstractFunction1<>() {
      @Override
      public LogicalPlan apply(Seq<Expression> expressions) {
        List<String> args = new ArrayList<>();
        for (Expression e : CollectionConverters.asJava(expressions)) {
          Object v = e.foldable() ? e.eval(null) : null;
          if (v == null) {
            throw bad(name, "every argument must be a constant string (found " + e.sql() + ")");
          }
          args.add(v.toString());
        }
        Dataset<Row> result = body.apply(SparkSession.active(), Call.of(name, args));
        return ((org.apache.spark.sql.classic.Dataset<Row>) result).logicalPlan();
      }
    };
  }

  private static InvalidInputException bad(String function, String why) {
    return InvalidInputException.of(ErrorCode.BAD_OPTION,
        "Cannot call " + function + ": it " + why);
  }
}
