package org.sparksegments.conditions.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.bind.Trees.FALSE;
import static org.sparksegments.conditions.bind.Trees.TRUE;
import static org.sparksegments.conditions.bind.Trees.all;
import static org.sparksegments.conditions.bind.Trees.any;
import static org.sparksegments.conditions.bind.Trees.external;
import static org.sparksegments.conditions.bind.Trees.field;
import static org.sparksegments.conditions.bind.Trees.in;
import static org.sparksegments.conditions.bind.Trees.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simplifying constructors and {@link BoundConditions#simplify}: fewer nodes, same truth. */
class SimplifyTest {
  private static final BoundCondition A = field("a");
  private static final BoundCondition B = field("b");
  private static final BoundCondition C = in("c");

  @Test
  void aGroupOfOneIsItsOperand() {
    assertSame(A, BoundCondition.all(List.of(A)));
    assertSame(A, BoundCondition.any(List.of(A)));
  }

  @Test
  void emptyGroupsAreTheirIdentity() {
    assertEquals(TRUE, BoundCondition.all(List.of()));
    assertEquals(FALSE, BoundCondition.any(List.of()));
  }

  @Test
  void allDropsTrueAndIsFalseWithAFalse() {
    assertEquals(all(A, B), BoundCondition.all(List.of(TRUE, A, TRUE, B)));
    assertSame(A, BoundCondition.all(List.of(TRUE, A)));
    assertEquals(TRUE, BoundCondition.all(List.of(TRUE, TRUE)));
    assertEquals(FALSE, BoundCondition.all(List.of(A, FALSE, B)));
  }

  @Test
  void anyDropsFalseAndIsTrueWithATrue() {
    assertEquals(any(A, B), BoundCondition.any(List.of(FALSE, A, B, FALSE)));
    assertSame(B, BoundCondition.any(List.of(FALSE, B)));
    assertEquals(FALSE, BoundCondition.any(List.of(FALSE)));
    assertEquals(TRUE, BoundCondition.any(List.of(A, TRUE)));
  }

  @Test
  void nestedGroupsOfTheSameJunctionAreOne() {
    assertEquals(all(A, B, C), BoundCondition.all(List.of(A, all(B, C))));
    assertEquals(any(A, B, C), BoundCondition.any(List.of(any(A, B), C)));
    // a different junction stays a group of its own
    assertEquals(all(A, any(B, C)), BoundCondition.all(List.of(A, any(B, C))));
    assertEquals(any(A, all(B, C)), BoundCondition.any(List.of(A, all(B, C))));
  }

  @Test
  void notFoldsDoubleNegationsAndConstants() {
    assertSame(A, BoundCondition.not(not(A)));
    assertEquals(not(A), BoundCondition.not(A));
    assertEquals(FALSE, BoundCondition.not(TRUE));
    assertEquals(TRUE, BoundCondition.not(FALSE));
    assertEquals(not(all(A, B)), BoundCondition.not(all(A, B)));
  }

  @Test
  void simplifyWorksThroughTheWholeTree() {
    BoundCondition tree = all(not(not(A)), TRUE, any(B), any(FALSE, all(C)));
    assertEquals(all(A, B, C), BoundConditions.simplify(tree));
    assertEquals(FALSE, BoundConditions.simplify(all(A, not(any(TRUE, B)))));
    assertEquals(TRUE, BoundConditions.simplify(any(A, not(all(FALSE, B)))));
    assertEquals(not(A), BoundConditions.simplify(not(not(not(A)))));
    assertEquals(TRUE, BoundConditions.simplify(TRUE));
  }

  @Test
  void aSimpleTreeIsKeptAsItIs() {
    BoundCondition tree = all(A, any(B, not(C)));
    assertEquals(tree, BoundConditions.simplify(tree));
  }

  @Test
  void testsAndTheirWhereTreesAreNotRewritten() {
    // The where tree is part of the feature's name: rewriting it would name another column.
    BoundCondition.External e = external("orders", "email", Optional.of(all(not(not(A)))));
    assertSame(e, BoundConditions.simplify(all(e)));
    assertSame(e, BoundConditions.simplify(not(not(e))));
  }

  @Test
  void simplifiedTreesAreEquallyTrueOnEveryAssignment() {
    Random random = new Random(16);
    List<BoundCondition> leaves = List.of(A, B, C, TRUE, FALSE);
    for (int i = 0; i < 500; i++) {
      BoundCondition tree = randomTree(random, leaves, 4);
      BoundCondition simple = BoundConditions.simplify(tree);
      assertTrue(size(simple) <= size(tree), tree + " grew to " + simple);
      for (int bits = 0; bits < 8; bits++) {
        Map<BoundCondition, Boolean> truth = Map.of(A, (bits & 1) != 0, B, (bits & 2) != 0,
            C, (bits & 4) != 0);
        assertEquals(eval(tree, truth), eval(simple, truth), tree + " vs " + simple);
      }
    }
  }

  private static BoundCondition randomTree(Random r, List<BoundCondition> leaves, int depth) {
    int kind = depth == 0 ? 3 : r.nextInt(4);
    if (kind == 3) {
      return leaves.get(r.nextInt(leaves.size()));
    }
    if (kind == 2) {
      return not(randomTree(r, leaves, depth - 1));
    }
    List<BoundCondition> ops = new ArrayList<>();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      ops.add(randomTree(r, leaves, depth - 1));
    }
    return kind == 0 ? new BoundCondition.All(ops) : new BoundCondition.Any(ops);
  }

  private static boolean eval(BoundCondition c, Map<BoundCondition, Boolean> truth) {
    return BoundConditions.fold(c,
        l -> l instanceof BoundCondition.Const k ? k.value() : truth.get(l),
        new BoundConditions.Fold<>(r -> r.stream().allMatch(x -> x),
            r -> r.stream().anyMatch(x -> x), x -> !x));
  }

  private static int size(BoundCondition c) {
    return BoundConditions.fold(c, l -> 1, new BoundConditions.Fold<>(
        r -> 1 + r.stream().mapToInt(Integer::intValue).sum(),
        r -> 1 + r.stream().mapToInt(Integer::intValue).sum(), r -> 1 + r));
  }
}
