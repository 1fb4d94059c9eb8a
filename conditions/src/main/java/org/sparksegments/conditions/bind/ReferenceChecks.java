package org.sparksegments.conditions.bind;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.model.Condition;
import org.sparksegments.conditions.model.Segment;

/**
 * The checks of references between segments: a segment that refers to an invalid segment, even
 * through the conditions it imports, is invalid too.
 */
public final class ReferenceChecks {
  private ReferenceChecks() {}

  /**
   * Problems of the segments {@code s} refers to, one at each reference that leads to an invalid
   * segment. Segments whose validation is under way ({@code visiting}) are skipped: a cycle is
   * the binder's to report. Unknown segments are too: the binder reports them.
   */
  public static List<ValidationError> invalidReferences(Segment s, ReferencedSegments set,
      Set<String> visiting) {
    List<ValidationError> out = new ArrayList<>();
    if (s.conditions().isEmpty()) {
      return out;
    }
    visiting.add(s.id());
    for (References.Ref ref : segmentRefs(s.conditions().get(), set)) {
      if (visiting.contains(ref.segment())) {
        continue;
      }
      Optional<List<ValidationError>> problems = set.problems(ref.segment(), visiting);
      if (problems.isPresent() && !problems.get().isEmpty()) {
        ValidationError first = problems.get().get(0);
        out.add(new ValidationError(ErrorCode.INVALID_REFERENCE, s.source(), s.id(),
            ref.pointer(), "Cannot refer to segment '" + ref.segment() + "': it is invalid ("
                + first.code() + " at " + first.pointer() + ": " + first.message() + ")"));
      }
    }
    visiting.remove(s.id());
    return out;
  }

  /**
   * The {@code segment} references a tree makes, including those inside the trees it imports
   * with {@code conditions_of} (reported at the import, where the user wrote something).
   */
  public static List<References.Ref> segmentRefs(Condition tree, SegmentResolver set) {
    return segmentRefs(tree, set, new HashSet<>());
  }

  private static List<References.Ref> segmentRefs(Condition tree, SegmentResolver set,
      Set<String> imported) {
    List<References.Ref> out = new ArrayList<>();
    for (References.Ref ref : References.of(tree)) {
      if (!ref.imported()) {
        out.add(ref);
        continue;
      }
      Optional<SegmentResolver.Found> other = set.find(ref.segment());
      if (other.isEmpty() || !imported.add(ref.segment())
          || other.get().segment().conditions().isEmpty()) {
        continue;
      }
      for (References.Ref inner : segmentRefs(other.get().segment().conditions().get(), set,
          imported)) {
        out.add(new References.Ref(inner.segment(), ref.pointer(), false));
      }
    }
    return out;
  }
}
