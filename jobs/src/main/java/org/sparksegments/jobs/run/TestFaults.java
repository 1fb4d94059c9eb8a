package org.sparksegments.jobs.run;

import java.util.List;

/**
 * A fault in the evaluation of one segment, only when the system property
 * {@code segments.test.failSegment} names it: tests prove with it that a run contains an error
 * (a {@link StackOverflowError}, as a too deep plan gives) to that segment. Without the
 * property this does nothing.
 */
final class TestFaults {
  static final String PROPERTY = "segments.test.failSegment";

  private TestFaults() {}

  /** Throws a stack overflow when the evaluated {@code ids} hold the named segment. */
  static void inEvaluationOf(List<String> ids) {
    String id = System.getProperty(PROPERTY);
    if (id != null && ids.contains(id)) {
      throw new StackOverflowError("test fault in the evaluation of segment " + id);
    }
  }
}
