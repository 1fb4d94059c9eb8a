package org.sparksegments.conditions.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.model.Conditions.Junction;

/** The written tree's walker: its groups and its tests in document order. */
class ConditionsTest {
  private static final FieldTest AGE = new FieldTest("/conditions/all/0", "age", FieldOp.EXISTS,
      List.of(), false, -1);
  private static final SegmentRef REF = new SegmentRef("/conditions/all/1/not", "vip", true);
  private static final ConditionsOf IMPORT = new ConditionsOf("/conditions/all/2/any/0", "base");
  private static final ExternalTest ORDERS = new ExternalTest("/conditions/all/2/any/1",
      "orders", true, Optional.of(new AllOf("/conditions/all/2/any/1/where", List.of(
          new FieldTest("/conditions/all/2/any/1/where/all/0", "total", FieldOp.EXISTS,
              List.of(), false, -1)))));
  private static final Condition TREE = new AllOf("/conditions", List.of(AGE,
      new Not("/conditions/all/1", REF), new AnyOf("/conditions/all/2", List.of(IMPORT, ORDERS))));

  @Test
  void leavesAreTheTestsInDocumentOrderWithoutWhereTrees() {
    assertEquals(List.of(AGE, REF, IMPORT, ORDERS), Conditions.leaves(TREE));
    assertEquals(List.of(ORDERS), Conditions.leaves(ORDERS));
  }

  @Test
  void groupsShowTheirJunctionAndOperands() {
    assertEquals(Optional.empty(), Conditions.group(AGE));
    assertEquals(Junction.ALL, Conditions.group(TREE).orElseThrow().junction());
    assertEquals(3, Conditions.group(TREE).orElseThrow().operands().size());
    assertEquals(new Conditions.Group(Junction.NOT, List.of(REF)),
        Conditions.group(new Not("/x", REF)).orElseThrow());
    assertEquals(new Conditions.Group(Junction.ANY, List.of(IMPORT, ORDERS)),
        Conditions.group(new AnyOf("/y", List.of(IMPORT, ORDERS))).orElseThrow());
  }

  @Test
  void referencesAreTheSegmentAndImportTestsInDocumentOrder() {
    assertEquals(List.of(
            new org.sparksegments.conditions.bind.References.Ref("vip",
                "/conditions/all/1/not/segment", false),
            new org.sparksegments.conditions.bind.References.Ref("base",
                "/conditions/all/2/any/0/conditions_of", true)),
        org.sparksegments.conditions.bind.References.of(TREE));
    assertEquals(List.of(), org.sparksegments.conditions.bind.References.of(ORDERS));
  }
}
