package org.sparksegments.conditions.spark;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/** Local wall times of a zone read as instants: the earlier instant when a time happens twice. */
final class LocalTimes {
  private LocalTimes() {}

  /** The instant a local time stands for. */
  static Instant instantOf(LocalDateTime local, ZoneId zone) {
    return local.atZone(zone).toInstant();
  }

  /**
   * The first local time whose instant is at or after {@code i}. Usually the wall time of
   * {@code i}; for an instant in the second pass of an autumn hour, whose wall time stands for
   * the first pass, the end of that repeated hour.
   */
  static LocalDateTime firstAtOrAfter(Instant i, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(i, zone);
    if (!instantOf(local, zone).isBefore(i)) {
      return local;
    }
    ZoneOffsetTransition t = zone.getRules().getTransition(local);
    return t.getDateTimeBefore();
  }
}
