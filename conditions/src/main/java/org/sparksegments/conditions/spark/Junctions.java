package org.sparksegments.conditions.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundValue;
import org.sparksegments.conditions.bind.FieldRef;
import org.sparksegments.conditions.model.FieldOp;

/**
 * ANDs and ORs of many operands in a shape Spark can plan: a group of thousands of siblings (an
 * {@code any} of 9,999 field tests is a valid document, spec 7) must not become a chain as deep
 * as it is long, because Spark's column conversion and Catalyst's rules recurse over the
 * expression tree and run out of thread stack near a thousand levels.
 */
final class Junctions {
  /**
   * Above this many operands a group is one flat n-ary expression. A balanced binary tree alone
   * is not enough: Catalyst splits a filter's condition into its conjuncts and joins them again
   * left-deep (predicate pushdown), so an {@code all} of 9,999 tests came back as a chain 9,999
   * deep and overflowed the stack in a later rule.
   */
  static final int MAX_BINARY = 32;

  private Junctions() {}

  /**
   * AND of operands that are never null (the translator's columns): a balanced tree of
   * {@code and} up to {@link #MAX_BINARY} operands (what predicate pushdown and short-circuit
   * evaluation know), above that {@code least}, which is AND on non-null booleans (false is
   * less than true) and has all operands as direct children, so no rule sees a deep chain.
   */
  static Column and(List<Column> operands) {
    return operands.size() <= MAX_BINARY ? balanced(operands, Column::and)
        : org.apache.spark.sql.functions.least(operands.toArray(Column[]::new));
  }

  /** OR of operands that are never null: as {@link #and}, with {@code greatest} above the cap. */
  static Column or(List<Column> operands) {
    return operands.size() <= MAX_BINARY ? balanced(operands, Column::or)
        : org.apache.spark.sql.functions.greatest(operands.toArray(Column[]::new));
  }

  /**
   * {@code op} over the columns as a balanced binary tree: depth log2(n) instead of n. AND and
   * OR are associative and commutative over the two-valued leaves, so the shape does not change
   * the result.
   */
  static Column balanced(List<Column> columns, BinaryOperator<Column> op) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("no operands");
    }
    return balanced(columns, 0, columns.size(), op);
  }

  private static Column balanced(List<Column> cs, int from, int to, BinaryOperator<Column> op) {
    if (to - from == 1) {
      return cs.get(from);
    }
    int mid = (from + to) >>> 1;
    return op.apply(balanced(cs, from, mid, op), balanced(cs, mid, to, op));
  }

  /**
   * The operands of a group with its equality tests on one field merged: in an {@code any},
   * every {@code eq} and {@code in} on the same field with the same {@code ignore_case} become
   * one {@code in} over all their values (one set lookup instead of thousands of ORs); in an
   * {@code all}, every {@code neq} and {@code not_in} become one {@code not_in}, its exact
   * complement. Other operands are kept, in order; a merged test takes the place of the first
   * test it replaces.
   */
  static List<BoundCondition> mergeEqualities(List<BoundCondition> operands, boolean any) {
    FieldOp one = any ? FieldOp.EQ : FieldOp.NEQ;
    FieldOp list = any ? FieldOp.IN : FieldOp.NOT_IN;
    Map<Key, List<BoundCondition.Field>> groups = new LinkedHashMap<>();
    for (BoundCondition o : operands) {
      if (o instanceof BoundCondition.Field f && (f.op() == one || f.op() == list)) {
        groups.computeIfAbsent(new Key(f.field(), f.ignoreCase()), k -> new ArrayList<>()).add(f);
      }
    }
    if (groups.values().stream().allMatch(g -> g.size() == 1)) {
      return operands;
    }
    List<BoundCondition> out = new ArrayList<>();
    for (BoundCondition o : operands) {
      if (!(o instanceof BoundCondition.Field f) || (f.op() != one && f.op() != list)) {
        out.add(o);
        continue;
      }
      List<BoundCondition.Field> group = groups.get(new Key(f.field(), f.ignoreCase()));
      if (group.size() == 1) {
        out.add(o);
      } else if (group.get(0) == f) {
        List<BoundValue> values = new ArrayList<>();
        group.forEach(g -> values.addAll(g.values()));
        out.add(new BoundCondition.Field(f.pointer(), f.field(), list, values, f.ignoreCase(),
            f.withinDays()));
      }
    }
    return out;
  }

  private record Key(FieldRef field, boolean ignoreCase) {}
}
