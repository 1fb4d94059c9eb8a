package org.sparksegments.conditions.model;

import java.util.List;

/**
 * Keeps the first {@code max} profiles in the segment's order; {@code max == 0} keeps all. Ties,
 * and the whole order without {@code orderBy}, fall back to the profile id ascending.
 */
public record Limit(long max, List<OrderField> orderBy) {
  public static final Limit NONE = new Limit(0, List.of());

  public Limit {
    orderBy = List.copyOf(orderBy);
    if (max < 0) {
      throw new IllegalArgumentException("negative max");
    }
  }

  public boolean hasMax() {
    return max > 0;
  }

  /** How many of {@code matched} profiles the limit keeps: at most {@code max}, if any. */
  public long selected(long matched) {
    return hasMax() ? Math.min(matched, max) : matched;
  }
}
