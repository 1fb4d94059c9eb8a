package org.sparksegments.conditions.bind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.sparksegments.conditions.model.Conditions.Junction;

/**
 * Walks of a bound condition tree that handle the groups (all, any, not) once, so that each pass
 * only says what it does with the tests: a list of the tests, a fold in post-order (as Iceberg's
 * {@code ExpressionVisitors.visit}) and the simplified tree.
 */
public final class BoundConditions {
  private BoundConditions() {}

  /** A group node seen as its junction and its operands (one for {@code not}). */
  public record Group(Junction junction, List<BoundCondition> operands) {
    public Group {
      operands = List.copyOf(operands);
    }
  }

  /**
   * How a fold combines the results of a group's operands.
   *
   * @param all the result of an all from its operands' results, in order
   * @param any the result of an any from its operands' results, in order
   * @param not the result of a not from its operand's result
   */
  public record Fold<R>(Function<List<R>, R> all, Function<List<R>, R> any, UnaryOperator<R> not) {
    /** Builds the tree again with the simplifying constructors. */
    public static final Fold<BoundCondition> SIMPLIFYING = new Fold<>(BoundCondition::all,
        BoundCondition::any, BoundCondition::not);
  }

  /** The node as a group, or empty for a test. */
  public static Optional<Group> group(BoundCondition c) {
    if (c instanceof BoundCondition.All a) {
      return Optional.of(new Group(Junction.ALL, a.children()));
    }
    if (c instanceof BoundCondition.Any a) {
      return Optional.of(new Group(Junction.ANY, a.children()));
    }
    if (c instanceof BoundCondition.Not n) {
      return Optional.of(new Group(Junction.NOT, List.of(n.child())));
    }
    return Optional.empty();
  }

  /**
   * Every test of the tree, in document order. The {@code where} trees of events and external
   * rows are the tests' own (they filter rows of other tables): they are not entered, a pass
   * reads them from the test when it needs them.
   */
  public static List<BoundCondition.Leaf> leaves(BoundCondition c) {
    List<BoundCondition.Leaf> out = new ArrayList<>();
    addLeaves(c, out);
    return out;
  }

  private static void addLeaves(BoundCondition c, List<BoundCondition.Leaf> out) {
    if (c instanceof BoundCondition.Leaf l) {
      out.add(l);
    } else {
      groupOf(c).operands().forEach(o -> addLeaves(o, out));
    }
  }

  /**
   * Folds the tree from the tests up: {@code leaf} gives each test's result, {@code groups}
   * combines them at each all, any and not.
   */
  public static <R> R fold(BoundCondition c,
      Function<? super BoundCondition.Leaf, ? extends R> leaf, Fold<R> groups) {
    if (c instanceof BoundCondition.Leaf l) {
      return leaf.apply(l);
    }
    Group g = groupOf(c);
    List<R> results = new ArrayList<>();
    g.operands().forEach(o -> results.add(fold(o, leaf, groups)));
    return switch (g.junction()) {
      case ALL -> groups.all().apply(results);
      case ANY -> groups.any().apply(results);
      case NOT -> groups.not().apply(results.get(0));
    };
  }

  /**
   * The same predicate with fewer nodes: an all or any of one operand is the operand, nested
   * alls (anys) are one, {@code not(not x)} is {@code x} and constants fold. Tests are kept as
   * they are, {@code where} trees included, so that the features they name do not change.
   */
  public static BoundCondition simplify(BoundCondition c) {
    return fold(c, l -> l, Fold.SIMPLIFYING);
  }

  /** Every node is a test or a group: a new kind of group must be added to {@link #group}. */
  private static Group groupOf(BoundCondition c) {
    return group(c).orElseThrow(() -> new IllegalStateException("neither a test nor a group: "
        + c.getClass().getSimpleName()));
  }
}
