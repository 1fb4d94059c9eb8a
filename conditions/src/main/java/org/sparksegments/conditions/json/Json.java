package org.sparksegments.conditions.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/** The one Jackson configuration for reading segment documents and catalogs. */
public final class Json {
  private Json() {}

  /**
   * Strict reading: duplicate keys are errors, numbers keep their exact decimal value, and the
   * nesting limit is left to the language's own depth check (32), which reports a pointer.
   */
  public static final ObjectMapper MAPPER = JsonMapper.builder(
          JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder()
                  .maxNestingDepth(2_000_000)
                  .build())
              .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  /**
   * Reads a document (null when it holds no value), or says where and why it cannot: every
   * parser error gets a line and column, also those (a number of more than 1,000 digits) whose
   * exception carries no location, which then are the parser's position.
   */
  public static JsonNode readTree(String text) throws JsonReadError {
    JsonParser parser = null;
    try {
      parser = MAPPER.createParser(text);
      return MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      if ((loc == null || loc.getLineNr() < 1) && parser != null) {
        loc = parser.currentLocation();
      }
      String where = loc == null || loc.getLineNr() < 1 ? "an unknown position"
          : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw new JsonReadError(where, e.getOriginalMessage());
    } catch (IOException e) {
      throw new JsonReadError("an unknown position", e.getMessage());
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException e) {
          // a parser over a string holds nothing to release
        }
      }
    }
  }
}
