package org.sparksegments.jobs.actions;

import java.time.Instant;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.eval.Flags;
import org.sparksegments.jobs.eval.Evaluator;

/**
 * The member ids of a segment, evaluated once and written to a work folder before anything
 * changes, so that a change reads a fixed set of ids and never re-evaluates the segment over
 * data it is changing.
 *
 * @param ids one column named as the database's id column, each id once
 */
record MemberIds(Dataset<Row> ids, long count) {

  static MemberIds stage(Evaluator evaluator, BoundSegment s, Instant asOf, TableFiles files,
      Path dir) {
    String id = s.database().idColumn();
    Flags e = evaluator.evaluate(List.of(s), asOf);
    // Without a limit the order does not matter: skip the sort that selected() does.
    Dataset<Row> selected = s.segment().limit().hasMax() ? e.selected(s.id())
        : e.frame().filter(e.matched(s.id()));
    selected.select(Columns.column(id)).distinct().write().parquet(dir.toString());
    Dataset<Row> ids = files.spark().read().parquet(dir.toString());
    return new MemberIds(ids, ids.count());
  }
}
