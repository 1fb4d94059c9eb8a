package org.sparksegments.jobs.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.bind.FieldRef;
import org.sparksegments.conditions.spark.Columns;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.export.ExportFields;

/** The selected profiles of one segment as of an instant, in the segment's order, limit applied. */
public final class Selection {
  private final Dataset<Row> rows;
  private final String idColumn;

  private Selection(Dataset<Row> rows, String idColumn) {
    this.rows = rows;
    this.idColumn = idColumn;
  }

  /** The selection of {@code s} as of {@code asOf}; nothing runs until it is read. */
  public static Selection of(Evaluator evaluator, BoundSegment s, Instant asOf) {
    return new Selection(evaluator.selected(s, asOf), s.database().idColumn());
  }

  /** The selected ids as text, in order, streamed to the driver one partition at a time. */
  public Iterator<String> ids() {
    Iterator<Row> it = rows.select(Columns.column(idColumn)).toLocalIterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public String next() {
        return String.valueOf(it.next().get(0));
      }
    };
  }

  /**
   * Prints the first {@code n} rows on standard output as Spark's text table, cells untruncated:
   * the id column and {@code fields}, or every profile column when {@code fields} is null.
   */
  public void show(int n, List<FieldRef> fields) {
    (fields == null ? rows : rows.select(columns(fields))).show(n, 0, false);
  }

  /**
   * The rows to export: the id column, then {@code fields} named as written, or else every
   * other profile column in table order when {@code fields} is null.
   */
  public Dataset<Row> exportRows(List<FieldRef> fields) {
    return rows.select(fields == null ? ExportFields.all(idColumn, rows.columns())
        : columns(fields));
  }

  private Column[] columns(List<FieldRef> fields) {
    List<Column> out = new ArrayList<>();
    out.add(Columns.column(idColumn));
    fields.forEach(ref -> out.add(Columns.field(ref).as(ref.path())));
    return out.toArray(Column[]::new);
  }
}
