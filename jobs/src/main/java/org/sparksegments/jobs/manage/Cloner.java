package org.sparksegments.jobs.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.jobs.manage.JsonText.Member;
import org.sparksegments.jobs.manage.JsonText.Span;
import org.sparksegments.jobs.manage.SegmentFolder.Entry;

/**
 * Copies a segment of a folder into a new file of the same folder under a new id: the document
 * as written, only {@code id} (and {@code name} if given) changed.
 */
public final class Cloner {
  private Cloner() {}

  /**
   * Writes {@code DIR/NEW.json}, a copy of segment {@code id} with id {@code newId}; a segment of
   * an array file is copied alone into its own file. Refused, with nothing written, when the new
   * id is malformed or already used in the folder (by a segment or by a file {@code NEW.json}).
   *
   * @return the file written, qualified
   */
  public static Path cloneSegment(SegmentFolder folder, String id, String newId,
      Optional<String> name) {
    SegmentFolder.checkId(newId, "clone segment '" + id + "' as");
    Entry source = folder.one(id, "clone segment");
    String doing = "Cannot clone segment '" + id + "' as '" + newId + "': ";
    List<Entry> taken = folder.findIgnoringCase(newId);
    if (!taken.isEmpty()) {
      String same = taken.get(0).id().equals(newId) ? "this id"
          : "the id '" + taken.get(0).id() + "', the same ignoring case";
      throw taken.get(0).invalid(ErrorCode.DUPLICATE_ID, doing + "the folder already has a"
          + " segment with " + same + ", in " + taken.get(0).fileName() + " (expected a new id)");
    }
    Path target = folder.file(newId + ".json");
    Storage storage = folder.storage();
    if (exists(storage, target)) {
      throw taken(target, doing);
    }
    String text = documentText(storage, source);
    String copy = withId(text, newId, name);
    ObjectNode expected = source.parsed().segment().document().deepCopy();
    expected.put("id", newId);
    name.ifPresent(n -> expected.put("name", n));
    check(copy, expected);
    if (!createNew(storage, target, copy)) {
      // The name was taken between the check above and the write: nothing was overwritten.
      throw taken(target, doing);
    }
    return target;
  }

  private static InvalidInputException taken(Path target, String doing) {
    return InvalidInputException.of(ErrorCode.DUPLICATE_ID, target.toString(), null, doing
        + "the folder already has a file " + target.getName() + " (expected a new file name)");
  }

  private static boolean exists(Storage storage, Path p) {
    try {
      return storage.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of the segment's own document: its whole file, or its element cut out. */
  static String documentText(Storage storage, Entry e) {
    String text = read(storage, e.file());
    if (!e.inArray()) {
      return text;
    }
    return JsonText.cut(text, JsonText.elements(text).get(e.index())) + "\n";
  }

  /** The object text with its id replaced and its name replaced or added after the id. */
  static String withId(String text, String newId, Optional<String> name) {
    Member id = JsonText.member(text, "id").orElseThrow();
    List<Edit> edits = new ArrayList<>();
    edits.add(new Edit(id.value(), JsonText.quote(newId)));
    if (name.isPresent()) {
      String value = JsonText.quote(name.get());
      Optional<Member> old = JsonText.member(text, "name");
      if (old.isPresent()) {
        edits.add(new Edit(old.get().value(), value));
      } else {
        // On a line of its own when the id is on a line of its own, else on the id's line.
        String indent = JsonText.indentBefore(text, id.keyStart());
        String added = indent != null ? ",\n" + indent + "\"name\": " + value
            : ", \"name\": " + value;
        int at = id.value().end();
        edits.add(new Edit(new Span(at, at), added));
      }
    }
    return apply(text, edits);
  }

  /** One replacement of the characters of a span. */
  record Edit(Span span, String text) {}

  /** Applies edits that do not overlap, last first so that earlier offsets stay right. */
  static String apply(String text, List<Edit> edits) {
    StringBuilder sb = new StringBuilder(text);
    edits.stream().sorted(Comparator.comparingInt((Edit e) -> e.span().start()).reversed())
        .forEach(e -> sb.replace(e.span().start(), e.span().end(), e.text()));
    return sb.toString();
  }

  /** Guards the text edits: the new text must read as exactly the intended document. */
  static void check(String text, JsonNode expected) {
    JsonNode actual;
    try {
      actual = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("the edited document does not parse: " + e.getMessage());
    }
    if (!expected.equals(actual)) {
      throw new IllegalStateException("the edited document is not the intended one:\n" + text);
    }
  }

  static String read(Storage storage, Path file) {
    try {
      return new String(storage.read(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code text} as the new file {@code target} in one exclusive create, so that an
   * existing file is never overwritten, not even one that appeared after the checks (a rename
   * of a temporary file would replace it on most file systems); false when the name is taken.
   * The document is small and written in one call.
   */
  static boolean createNew(Storage storage, Path target, String text) {
    try {
      return storage.createNew(target, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
