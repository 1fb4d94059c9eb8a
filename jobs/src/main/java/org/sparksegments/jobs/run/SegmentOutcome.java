package org.sparksegments.jobs.run;

import java.util.ArrayList;
import java.util.List;
import org.sparksegments.conditions.error.ValidationError;

/** What a run did with one segment: its status, counts and problems, for the manifest. */
final class SegmentOutcome {
  final String id;
  final String database;
  final String sha256;
  /** The segments file it came from (qualified URI), or null where unknown. */
  final String source;
  /** A segment's status in the manifest (spec 9). */
  enum Status {
    OK, INVALID, FAILED;

    /** As the manifest writes it. */
    String written() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  Status status = Status.OK;
  long inRange;
  long matched;
  long selected;
  long entered;
  long left;
  final List<ValidationError> errors = new ArrayList<>();

  SegmentOutcome(String id, String database, String sha256, String source) {
    this.id = id;
    this.database = database;
    this.sha256 = sha256;
    this.source = source;
  }

  /** Forgets the counts of an evaluation that failed afterwards. */
  void clearCounts() {
    inRange = 0;
    matched = 0;
    selected = 0;
    entered = 0;
    left = 0;
  }

  /** The counts of a computed segment. */
  void count(org.sparksegments.jobs.eval.Evaluator.Counts c) {
    inRange = c.inRange();
    matched = c.matched();
    selected = c.selected();
  }

  void fail(Status status, List<ValidationError> problems) {
    this.status = status;
    errors.addAll(problems);
  }
}
