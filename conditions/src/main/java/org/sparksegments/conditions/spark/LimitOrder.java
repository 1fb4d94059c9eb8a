package org.sparksegments.conditions.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundSegment;

/**
 * A segment's member order: its {@code order_by} keys (nulls last), then the id ascending, which
 * makes the order total and so the limit deterministic. Strings compare by UTF-8 bytes, numbers
 * numerically.
 */
public final class LimitOrder {
  private LimitOrder() {}

  public static Column[] columns(BoundSegment segment) {
    List<Column> out = new ArrayList<>();
    for (BoundSegment.Order o : segment.order()) {
      Column c = Columns.field(o.field());
      out.add(o.descending() ? c.desc_nulls_last() : c.asc_nulls_last());
    }
    out.add(Columns.column(segment.database().idColumn()).asc());
    return out.toArray(Column[]::new);
  }
}
