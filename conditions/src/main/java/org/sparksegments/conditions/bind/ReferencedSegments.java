package org.sparksegments.conditions.bind;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ValidationError;

/**
 * The other segments of the command's set as the checks of references need them: each found by
 * id (a {@link SegmentResolver}), and each validated on demand.
 */
public interface ReferencedSegments extends SegmentResolver {

  /**
   * The problems of segment {@code id} (empty when it is valid), or empty when the set has no
   * segment of that id. {@code visiting} holds the ids whose validation is under way further up,
   * so that a cycle is not followed (the binder reports cycles).
   */
  Optional<List<ValidationError>> problems(String id, Set<String> visiting);
}
