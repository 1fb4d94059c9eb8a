package org.sparksegments.jobs.actions;

import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.spark.Columns;

/**
 * How the source database's profile columns fit the target's profiles table: the ids must fit
 * the target's id column, every other source column must be in the target with the same type
 * (or be left out with --drop-extra), and target columns the source lacks are filled with null.
 *
 * @param columns the source rows as target rows, in the target's column order
 * @param filled target columns the source lacks (written as null)
 * @param dropped source columns the target lacks (left out, with --drop-extra)
 */
public record SchemaFit(List<Column> columns, List<String> filled, List<String> dropped) {

  /**
   * Fits {@code source} (id column {@code sourceId}) to {@code target} (id column
   * {@code targetId}); a null target is a new table that takes the source's columns.
   */
  static SchemaFit of(StructType source, String sourceId, StructType target, String targetId,
      String from, String to, boolean dropExtra) {
    if (target == null) {
      target = new StructType();
      for (StructField f : source.fields()) {
        target = target.add(f.name().equals(sourceId) ? targetId : f.name(), f.dataType());
      }
    }
    List<ValidationError> problems = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    StructField sid = source.apply(sourceId);
    if (!List.of(target.fieldNames()).contains(targetId)) {
      problems.add(ValidationError.of(ErrorCode.BAD_TABLE, "Cannot copy to database " + to + ": its"
          + " profiles table has no id column '" + targetId + "' (expected the catalog's"
          + " id_column in the table)"));
    } else if (!Types.idFits(sid.dataType(), target.apply(targetId).dataType())) {
      problems.add(ValidationError.of(ErrorCode.BAD_TABLE, "Cannot copy ids of database " + from
          + " (" + sourceId + ", " + sid.dataType().simpleString() + ") into the id column of"
          + " database " + to + " (" + targetId + ", "
          + target.apply(targetId).dataType().simpleString() + ") (expected both strings, or"
          + " both integers with the target at least as wide)"));
    }
    for (StructField f : source.fields()) {
      if (f.name().equals(sourceId)) {
        continue;
      }
      if (f.name().equals(targetId)) {
        problems.add(ValidationError.of(ErrorCode.BAD_TABLE, "Cannot copy column '" + f.name()
            + "' of database " + from + ": it has the name of the id column of database " + to
            + " (expected no source column named like the target's id column)"));
      } else if (!List.of(target.fieldNames()).contains(f.name())) {
        if (dropExtra) {
          dropped.add(f.name());
        } else {
          missing.add(f.name() + " (" + f.dataType().simpleString() + ")");
        }
      } else if (!Types.same(f.dataType(), target.apply(f.name()).dataType())) {
        problems.add(ValidationError.of(ErrorCode.BAD_TABLE, "Cannot copy column '" + f.name()
            + "': its type differs (found " + f.dataType().simpleString() + " in database "
            + from + ", expected " + target.apply(f.name()).dataType().simpleString()
            + " as in database " + to + ")"));
      }
    }
    if (!missing.isEmpty()) {
      problems.add(ValidationError.of(ErrorCode.BAD_TABLE, "Cannot copy to database " + to + ": its"
          + " profiles table lacks " + missing.size() + " column(s) of database " + from + ": "
          + String.join(", ", missing) + " (expected every source column in the target;"
          + " --drop-extra leaves them out)"));
    }
    InvalidInputException.throwIfAny(problems);
    List<Column> columns = new ArrayList<>();
    List<String> filled = new ArrayList<>();
    List<String> names = List.of(source.fieldNames());
    for (StructField f : target.fields()) {
      if (f.name().equals(targetId)) {
        columns.add(Columns.column(sourceId).cast(f.dataType()).as(targetId));
      } else if (names.contains(f.name())) {
        columns.add(Columns.column(f.name()));
      } else {
        filled.add(f.name());
        columns.add(lit(null).cast(f.dataType()).as(f.name()));
      }
    }
    return new SchemaFit(columns, filled, dropped);
  }
}
