package org.sparksegments.jobs.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;

/** The manifest of a run (spec 9), instants in ISO-8601 UTC. */
final class Manifests {
  private Manifests() {}

  static ObjectNode manifest(String runId, Instant asOf, Instant started, Instant finished,
      ArrayNode inputs, Collection<SegmentOutcome> outcomes) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("run_id", runId);
    m.put("as_of", asOf.toString());
    m.put("started_at", started.toString());
    m.put("finished_at", finished.toString());
    m.put("engine_version", BatchRun.ENGINE_VERSION);
    m.set("inputs", inputs);
    ArrayNode segs = m.putArray("segments");
    for (SegmentOutcome o : outcomes) {
      ObjectNode s = segs.addObject();
      s.put("id", o.id);
      s.put("database", o.database);
      s.put("definition_sha256", o.sha256);
      s.put("status", o.status.written());
      s.put("in_range", o.inRange);
      s.put("matched", o.matched);
      s.put("selected", o.selected);
      s.put("entered", o.entered);
      s.put("left", o.left);
      ArrayNode errors = s.putArray("errors");
      for (ValidationError e : o.errors) {
        ObjectNode err = errors.addObject();
        err.put("code", e.code().name());
        err.put("pointer", e.pointer());
        // An entry without id is a file whose segments could not be read: the spec's keys
        // have no place for its name, so its messages say which file it is.
        err.put("message", o.id == null && o.source != null
            ? "In " + o.source + ": " + e.message() : e.message());
      }
    }
    return m;
  }
}
