package org.sparksegments.jobs.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.bind.FieldRef;
import org.sparksegments.conditions.bind.FieldResolver;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.spark.Columns;

/**
 * The columns of a profile export: the id column first, then the chosen fields (dotted paths
 * into structs and maps, named as written) or else every other profile column in table order.
 */
public final class ExportFields {
  private ExportFields() {}

  /** Every profile column, the id column first, the others in table order. */
  public static Column[] all(String idColumn, String[] profileColumns) {
    List<Column> out = new ArrayList<>();
    out.add(Columns.column(idColumn));
    for (String c : profileColumns) {
      if (!c.equals(idColumn)) {
        out.add(Columns.column(c));
      }
    }
    return out.toArray(Column[]::new);
  }

  /**
   * The chosen fields resolved against the profiles schema (no Spark job), without the id
   * column, which is always exported first anyway.
   *
   * @param problems where unknown or repeated fields are reported
   */
  public static List<FieldRef> chosen(BoundSegment s, List<String> fields, Problems problems) {
    String id = s.database().idColumn();
    List<FieldRef> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String f : fields) {
      if (f.equals(id)) {
        continue; // always there, first
      }
      if (!seen.add(f)) {
        problems.add(ErrorCode.BAD_OPTION, "", "Cannot export field '" + f + "' twice (found it"
            + " more than once, expected each field once)");
        continue;
      }
      FieldResolver.resolve(s.database().profiles(), f, "profiles", "", problems)
          .ifPresent(out::add);
    }
    return out;
  }
}
