package org.sparksegments.conditions.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A parsed segment document.
 *
 * @param source the file it came from, for messages
 * @param pointerPrefix "" for a single-object file, "/N" for the N-th segment of an array file
 * @param conditions empty when the document has none: every profile of the range
 * @param document the document as written, kept for digests and reports
 */
public record Segment(
    String source, String pointerPrefix, String id, String database, Optional<String> name,
    Optional<String> description, List<String> tags, Range range, Limit limit,
    Optional<Condition> conditions, JsonNode document) {

  public Segment {
    tags = List.copyOf(tags);
  }
}
