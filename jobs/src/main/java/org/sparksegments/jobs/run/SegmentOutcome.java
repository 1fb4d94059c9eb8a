package org.sparksegments.jobs.run;

import java.util.ArrayList;
import java.util.List;
import org.sparksegments.conditions.error.ValidationError;

/** What a run did with one segment: its status, counts and problems, for the manifest. */
final class SegmentOutcome {
  final String id;
  final String database;
  final String sha256;
  String status = "ok";
  long inRange;
  long matched;
  long selected;
  long entered;
  long left;
  final List<ValidationError> errors = new ArrayList<>();

  SegmentOutcome(String id, String database, String sha256) {
    this.id = id;
    this.database = database;
    this.sha256 = sha256;
  }

  void fail(String status, List<ValidationError> problems) {
    this.status = status;
    errors.addAll(problems);
  }
}
