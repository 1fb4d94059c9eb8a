package org.sparksegments.conditions.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparksegments.conditions.bind.Trees.FALSE;
import static org.sparksegments.conditions.bind.Trees.TRUE;
import static org.sparksegments.conditions.bind.Trees.all;
import static org.sparksegments.conditions.bind.Trees.any;
import static org.sparksegments.conditions.bind.Trees.external;
import static org.sparksegments.conditions.bind.Trees.field;
import static org.sparksegments.conditions.bind.Trees.in;
import static org.sparksegments.conditions.bind.Trees.not;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.model.Conditions.Junction;

/** The bound tree's walker: groups, tests in document order, and the fold. */
class BoundConditionsTest {

  /** A fold that writes the tree back as text, to see the order and the nesting. */
  private static final BoundConditions.Fold<String> TEXT = new BoundConditions.Fold<>(
      r -> "all(" + String.join(",", r) + ")", r -> "any(" + String.join(",", r) + ")",
      r -> "not(" + r + ")");

  private static String text(BoundCondition.Leaf leaf) {
    if (leaf instanceof BoundCondition.Field f) {
      return f.field().column();
    }
    if (leaf instanceof BoundCondition.SegmentMember m) {
      return "in:" + m.segment();
    }
    if (leaf instanceof BoundCondition.External e) {
      return "ext:" + e.table();
    }
    return leaf.toString();
  }

  @Test
  void leavesAreTheTestsInDocumentOrder() {
    BoundCondition tree = all(field("a"), any(not(in("s")), TRUE), not(not(field("b"))));
    List<BoundCondition.Leaf> leaves = BoundConditions.leaves(tree);
    assertEquals(List.of(field("a"), in("s"), TRUE, field("b")), leaves);
  }

  @Test
  void aTestIsItsOwnOnlyLeafAndWhereTreesAreNotEntered() {
    BoundCondition.External e = external("orders", "email",
        Optional.of(all(field("total"), field("status"))));
    assertEquals(List.of(e), BoundConditions.leaves(e));
    assertEquals(List.of(e), BoundConditions.leaves(not(e)));
  }

  @Test
  void groupsShowTheirJunctionAndOperands() {
    assertEquals(Optional.empty(), BoundConditions.group(field("a")));
    assertEquals(new BoundConditions.Group(Junction.ALL, List.of(field("a"), FALSE)),
        BoundConditions.group(all(field("a"), FALSE)).orElseThrow());
    assertEquals(new BoundConditions.Group(Junction.ANY, List.of(field("a"))),
        BoundConditions.group(any(field("a"))).orElseThrow());
    assertEquals(new BoundConditions.Group(Junction.NOT, List.of(field("a"))),
        BoundConditions.group(not(field("a"))).orElseThrow());
  }

  @Test
  void foldCombinesFromTheTestsUp() {
    BoundCondition tree = any(all(field("a"), not(in("s"))), external("orders", "email",
        Optional.of(not(field("x")))), not(any(field("b"))));
    assertEquals("any(all(a,not(in:s)),ext:orders,not(any(b)))",
        BoundConditions.fold(tree, BoundConditionsTest::text, TEXT));
    assertEquals("a", BoundConditions.fold(field("a"), BoundConditionsTest::text, TEXT));
  }

  @Test
  void foldCountsEveryTestOnce() {
    BoundCondition tree = all(field("a"), any(field("b"), not(field("c")), TRUE));
    BoundConditions.Fold<Integer> sum = new BoundConditions.Fold<>(
        r -> r.stream().mapToInt(Integer::intValue).sum(),
        r -> r.stream().mapToInt(Integer::intValue).sum(), r -> r);
    assertEquals(4, BoundConditions.fold(tree, l -> 1, sum));
    assertEquals(BoundConditions.leaves(tree).size(), BoundConditions.fold(tree, l -> 1, sum));
  }

  @Test
  void aLeafTakesTheFullVisitorAsWellAsTheLeafVisitor() {
    // The full visitor is a leaf visitor plus the groups: a leaf answers either the same way.
    BoundCondition.Leaf leaf = in("s");
    BoundCondition asNode = leaf;
    assertTrue(asNode instanceof BoundCondition.Leaf);
    assertEquals(BoundConditions.fold(asNode, BoundConditionsTest::text, TEXT), text(leaf));
  }
}
