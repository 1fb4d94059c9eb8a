package org.sparksegments.jobs.manage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.fs.Storage;

/**
 * A saved segments folder as files: every {@code *.json} file directly in it (the rule of
 * {@code --segments DIR}; hidden folders such as {@code .bin} are not read), each segment with
 * the file and the place in the file it comes from. The folder may be on any file system
 * ({@link Storage}); files are named by their qualified URIs.
 */
public final class SegmentFolder {
  private final Storage storage;
  private final Path dir;
  private final List<Entry> entries;
  private final List<ValidationError> problems;

  /**
   * One segment of the folder that could be read at least as far as its id.
   *
   * @param index its index in an array file, or -1 in a single-segment file
   * @param inFile how many segments its file holds
   */
  public record Entry(Path file, Parsed parsed, int index, int inFile) {
    public String id() {
      return parsed.segment().id();
    }

    public String fileName() {
      return file.getName();
    }

    /** Bad input about this segment, pointing at its id. */
    InvalidInputException invalid(ErrorCode code, String message) {
      return InvalidInputException.of(new ValidationError(code, file.toString(), id(),
          parsed.pointerPrefix() + "/id", message));
    }

    /** True when the segment is an element of an array file (even of one element). */
    public boolean inArray() {
      return index >= 0;
    }
  }

  private SegmentFolder(Storage storage, Path dir, List<Entry> entries,
      List<ValidationError> problems) {
    this.storage = storage;
    this.dir = dir;
    this.entries = List.copyOf(entries);
    this.problems = List.copyOf(problems);
  }

  /**
   * Reads folder {@code dir} (a qualified path); files or segments that cannot be read are kept
   * as problems.
   */
  public static SegmentFolder read(Storage storage, Path dir) {
    List<Entry> entries = new ArrayList<>();
    List<ValidationError> problems = new ArrayList<>();
    for (FileStatus status : files(storage, dir)) {
      Path f = status.getPath();
      List<Parsed> parsed = SegmentSet.parseFile(storage, status);
      boolean array = parsed.stream().anyMatch(p -> !p.pointerPrefix().isEmpty());
      for (int i = 0; i < parsed.size(); i++) {
        Parsed p = parsed.get(i);
        problems.addAll(p.errors());
        if (p.segment() != null) {
          entries.add(new Entry(f, p, array ? i : -1, parsed.size()));
        }
      }
    }
    return new SegmentFolder(storage, dir, entries, problems);
  }

  /** The {@code *.json} files directly in {@code dir}, by name. */
  static List<FileStatus> files(Storage storage, Path dir) {
    try {
      return storage.children(dir).stream()
          .filter(f -> f.isFile() && f.getPath().getName().endsWith(".json")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file systems the folder is read and changed through. */
  public Storage storage() {
    return storage;
  }

  /** The folder, qualified. */
  public Path dir() {
    return dir;
  }

  /** The file {@code name} directly in the folder. */
  Path file(String name) {
    return new Path(dir, name);
  }

  /** The segments that could be read, in file order. */
  public List<Entry> entries() {
    return entries;
  }

  /** What could not be read: whole files, or parts of segments. */
  public List<ValidationError> problems() {
    return problems;
  }

  /**
   * The one segment {@code id} of the folder, or a refusal to {@code doing} ("delete segment"):
   * a bad id, no such segment, or the id used twice.
   */
  public Entry one(String id, String doing) {
    checkId(id, doing);
    List<Entry> found = find(id);
    if (found.isEmpty()) {
      throw InvalidInputException.of(ErrorCode.UNKNOWN_SEGMENT,
          null, id, "Cannot " + doing + " '" + id
          + "': no segment of " + dir + " has this id (expected one of: "
          + String.join(", ", entries.stream().map(Entry::id).distinct().toList()) + ")");
    }
    List<Entry> same = findIgnoringCase(id);
    if (same.size() > 1) {
      Entry second = same.get(1);
      throw second.invalid(ErrorCode.DUPLICATE_ID, "Cannot " + doing + " '" + id
          + "': the id is used by " + same.size() + " segments (ignoring case), in "
          + String.join(", ", same.stream().map(e -> e.fileName() + " (" + e.id() + ")")
              .toList()) + " (expected one; fix that first)");
    }
    return found.get(0);
  }

  /** Refuses an id that is not 1 to 64 of A-Z a-z 0-9 _ -. */
  public static void checkId(String id, String doing) {
    if (!SegmentParser.isId(id)) {
      String shown = id.length() <= 80 ? id : id.substring(0, 79) + "…";
      throw InvalidInputException.of(ErrorCode.BAD_ID, null, null, "Cannot " + doing + " '"
          + shown + "': not a segment id (expected 1 to 64 of A-Z a-z 0-9 _ -)");
    }
  }

  /** Every segment of the folder with this id (more than one is a duplicate). */
  public List<Entry> find(String id) {
    return entries.stream().filter(e -> e.id().equals(id)).toList();
  }

  /**
   * Every segment of the folder whose id equals this one ignoring case: ids name output
   * folders, which collide on a case-insensitive file system.
   */
  public List<Entry> findIgnoringCase(String id) {
    return entries.stream().filter(e -> e.id().equalsIgnoreCase(id)).toList();
  }
}
