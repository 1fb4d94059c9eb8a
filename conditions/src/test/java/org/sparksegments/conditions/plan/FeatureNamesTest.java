package org.sparksegments.conditions.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sparksegments.conditions.bind.BoundEventFilter;
import org.sparksegments.conditions.bind.BoundWindow;

/** Feature columns are named by an unambiguous canonical form: equal iff the features are. */
class FeatureNamesTest {

  private static Feature.EventAggregate opened(List<String> campaigns) {
    return new Feature.EventAggregate(new BoundEventFilter(List.of("opened"), List.of(),
        campaigns, List.of(), Optional.empty()), Optional.of(new BoundWindow.LastDays(30)),
        Feature.EventKind.COUNT, Optional.empty());
  }

  @Test
  void equalFeaturesShareAColumnAndListsNeverBlur() {
    assertEquals(opened(List.of("a", "b")).column(), opened(List.of("a", "b")).column());
    assertNotEquals(opened(List.of("a, b")).column(), opened(List.of("a", "b")).column());
    assertNotEquals(opened(List.of("a\", \"b")).column(), opened(List.of("a", "b")).column());
    assertEquals("__ev_", opened(List.of()).column().substring(0, 5));
    assertEquals(21, opened(List.of()).column().length());
  }
}
