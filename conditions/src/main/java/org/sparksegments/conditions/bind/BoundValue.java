package org.sparksegments.conditions.bind;

/**
 * A literal converted to a field's type. {@link Exact} holds a Java value of the field's kind
 * (String, Boolean, Long, Double, BigDecimal, LocalDate, Instant or LocalDateTime); {@link Day}
 * is a whole local day compared with a timestamp; {@link Relative} is resolved against the as-of.
 */
public sealed interface BoundValue {

  /** A value of the field's own kind. */
  record Exact(Object value) implements BoundValue {}

  /** A local day in the database's zone, compared with a timestamp field as a whole day. */
  record Day(java.time.LocalDate day) implements BoundValue {}

  /** The as-of moved by {@code dayOffset} times 24 hours. */
  record Relative(long dayOffset) implements BoundValue {}
}
