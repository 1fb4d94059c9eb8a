package org.sparksegments.conditions.bind;

import java.util.Optional;
import org.sparksegments.conditions.model.Segment;

/** The other segments of the command's set, by id, for segment and conditions_of references. */
public interface SegmentResolver {

  /** A segment of the set and whether its document parsed without errors. */
  record Found(Segment segment, boolean parsedOk) {}

  Optional<Found> find(String id);

  /** A set with no other segments. */
  SegmentResolver NONE = id -> Optional.empty();
}
