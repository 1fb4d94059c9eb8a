package org.sparksegments.conditions.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sparksegments.conditions.bind.Trees.TRUE;
import static org.sparksegments.conditions.bind.Trees.all;
import static org.sparksegments.conditions.bind.Trees.any;
import static org.sparksegments.conditions.bind.Trees.external;
import static org.sparksegments.conditions.bind.Trees.field;
import static org.sparksegments.conditions.bind.Trees.in;
import static org.sparksegments.conditions.bind.Trees.not;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.bind.DatabaseView;
import org.sparksegments.conditions.schema.TableSchema;
import org.sparksegments.conditions.model.Limit;
import org.sparksegments.conditions.model.Range;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.conditions.model.StaticSegmentTest;
import org.sparksegments.conditions.model.SubscriptionTest;

/** The planner's passes over the tests of bound trees: features, references, profile columns. */
class LeafPassesTest {
  private static final BoundCondition.Subscription EMAIL = new BoundCondition.Subscription(
      List.of("email"), List.of(), SubscriptionTest.Op.ACTIVE, List.of());
  private static final BoundCondition.StaticMember EVER = new BoundCondition.StaticMember("list",
      StaticSegmentTest.Op.LEFT, Optional.empty());
  private static final BoundCondition.StaticMember NOW = new BoundCondition.StaticMember("list",
      StaticSegmentTest.Op.IN, Optional.empty());
  private static final BoundCondition.External ORDERS = external("orders", "email",
      Optional.of(all(field("total"), in("never-a-reference"))));

  private static final BoundCondition TREE = all(field("age"), not(any(in("vip"), EMAIL)),
      any(not(not(EVER)), NOW, ORDERS), TRUE);

  @Test
  void requirementsAreTheFeaturesAndReferencesOfEveryTest() {
    Requirements r = Requirements.of(List.of(TREE, not(in("base"))));
    assertEquals(Set.of("base", "vip"), r.segments());
    assertEquals(List.of(Features.of(EMAIL)), r.features(Feature.SubscriptionFlag.class));
    // "left" reads membership now and ever; "in" the same membership now: one feature each
    assertEquals(Features.member(EVER), Features.member(NOW));
    assertEquals(Set.of(Features.member(EVER), Features.ever(EVER)),
        Set.copyOf(r.features(Feature.StaticFlag.class)));
    assertEquals(2, r.features(Feature.StaticFlag.class).size());
    assertEquals(List.of(Features.of(ORDERS)), r.features(Feature.ExternalFlag.class));
    assertEquals(List.of(), r.features(Feature.EventAggregate.class));
  }

  @Test
  void profileColumnsAreTheIdTheTestedFieldsAndTheExternalKeys() {
    DatabaseView db = new DatabaseView("main", "profile_id", ZoneOffset.UTC,
        new TableSchema(List.of()));
    Segment s = new Segment("s.json", "", "s", "main", Optional.empty(), Optional.empty(),
        List.of(), Range.ALL, Limit.NONE, Optional.empty(), JsonNodeFactory.instance.objectNode());
    BoundSegment bound = new BoundSegment(s, db, Optional.of(TREE), List.of());
    // total is a column of the orders table, read in the where tree: not a profile column
    assertEquals(Set.of("profile_id", "age", "email"), ProfileColumns.of(List.of(bound)));
  }
}
