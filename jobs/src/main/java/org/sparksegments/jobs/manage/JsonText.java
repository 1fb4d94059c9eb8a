package org.sparksegments.jobs.manage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparksegments.conditions.json.Json;

/**
 * Where values are in the text of a JSON document, so that an edit changes only what it must
 * and keeps the user's formatting, key order and number spelling byte for byte.
 */
final class JsonText {
  private JsonText() {}

  /** The characters {@code [start, end)} of one value in the text. */
  record Span(int start, int end) {
    String of(String text) {
      return text.substring(start, end);
    }
  }

  /** A key of an object: where the key itself starts and where its value is. */
  record Member(int keyStart, Span value) {}

  /** The spans of the elements of the array that is the whole document. */
  static List<Span> elements(String text) {
    try (JsonParser p = parser(text)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("not an array document");
      }
      List<Span> out = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        out.add(value(p));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key {@code key} of the object that is the whole of {@code text}, if present. */
  static Optional<Member> member(String text, String key) {
    try (JsonParser p = parser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("not an object document");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int keyStart = (int) p.currentTokenLocation().getCharOffset();
        String name = p.currentName();
        p.nextToken();
        Span v = value(p);
        if (name.equals(key)) {
          return Optional.of(new Member(keyStart, v));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The span of the value whose first token is the parser's current token. */
  private static Span value(JsonParser p) throws IOException {
    int start = (int) p.currentTokenLocation().getCharOffset();
    if (p.currentToken().isStructStart()) {
      p.skipChildren();
    } else {
      p.getText(); // reads a string to its end (Jackson reads them lazily)
    }
    return new Span(start, (int) p.currentLocation().getCharOffset());
  }

  private static JsonParser parser(String text) throws IOException {
    return Json.MAPPER.getFactory().createParser(text);
  }

  /**
   * The text of a value cut out of a larger document, its later lines moved left by the column
   * it started at, so that it reads as a document of its own. Only whitespace between tokens
   * changes: JSON strings cannot hold a raw line break.
   */
  static String cut(String text, Span span) {
    int lineStart = text.lastIndexOf('\n', span.start() - 1) + 1;
    int column = span.start() - lineStart;
    String[] lines = span.of(text).split("\n", -1);
    StringBuilder sb = new StringBuilder(lines[0]);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      int strip = 0;
      while (strip < column && strip < line.length()
          && (line.charAt(strip) == ' ' || line.charAt(strip) == '\t')) {
        strip++;
      }
      sb.append('\n').append(line, strip, line.length());
    }
    return sb.toString();
  }

  /** The whitespace before {@code offset} on its line, or null if other text precedes it. */
  static String indentBefore(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    String before = text.substring(lineStart, offset);
    return before.isBlank() ? before : null;
  }

  /** A JSON string literal of {@code s}, escaped as needed. */
  static String quote(String s) {
    try {
      return Json.MAPPER.writeValueAsString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
