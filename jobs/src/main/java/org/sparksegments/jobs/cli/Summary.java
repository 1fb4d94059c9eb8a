package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.Json;

/**
 * The one JSON line a command that acts on a segment's members prints on standard output:
 * command, segment, database and as_of first, then what the command did.
 */
final class Summary {
  private Summary() {}

  static ObjectNode start(String command, BoundSegment s, Instant asOf) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("command", command);
    o.put("segment", s.id());
    o.put("database", s.database().name());
    o.put("as_of", asOf.toString());
    return o;
  }
}
