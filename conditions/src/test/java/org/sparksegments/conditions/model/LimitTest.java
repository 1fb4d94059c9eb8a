package org.sparksegments.conditions.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Limit.selected: the limit keeps at most max of the matched profiles, all without a max. */
class LimitTest {
  @Test
  void selectedIsMatchedCappedByMax() {
    Limit ten = new Limit(10, List.of());
    assertEquals(0, ten.selected(0));
    assertEquals(7, ten.selected(7));
    assertEquals(10, ten.selected(10));
    assertEquals(10, ten.selected(11));
    assertEquals(10, ten.selected(Long.MAX_VALUE));
  }

  @Test
  void withoutMaxEveryMatchedProfileIsSelected() {
    assertEquals(0, Limit.NONE.selected(0));
    assertEquals(123_456_789_012L, Limit.NONE.selected(123_456_789_012L));
  }
}
