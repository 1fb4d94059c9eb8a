package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.FieldType;

import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.schema.FieldType.Kind;
import org.sparksegments.conditions.model.FieldOp;

/** Small bound trees built by hand, for tests that need no schema and no Spark. */
public final class Trees {
  private Trees() {}

  public static final BoundCondition TRUE = new BoundCondition.Const(true);
  public static final BoundCondition FALSE = new BoundCondition.Const(false);

  /** {@code column exists} on the profiles (or on the table of a where tree). */
  public static BoundCondition.Field field(String column) {
    return new BoundCondition.Field("/conditions/" + column, new FieldRef(column, column,
        List.of(), new FieldType.Scalar(Kind.STRING, "string")), FieldOp.EXISTS, List.of(), false,
        -1);
  }

  /** Membership of segment {@code id}. */
  public static BoundCondition.SegmentMember in(String id) {
    return new BoundCondition.SegmentMember(id, true);
  }

  /** A row of {@code table} keyed by the profile's {@code column}, passing {@code where}. */
  public static BoundCondition.External external(String table, String column,
      Optional<BoundCondition> where) {
    return new BoundCondition.External(table, "id", field(column).field(), true, where);
  }

  public static BoundCondition all(BoundCondition... operands) {
    return new BoundCondition.All(List.of(operands));
  }

  public static BoundCondition any(BoundCondition... operands) {
    return new BoundCondition.Any(List.of(operands));
  }

  public static BoundCondition not(BoundCondition operand) {
    return new BoundCondition.Not(operand);
  }
}
