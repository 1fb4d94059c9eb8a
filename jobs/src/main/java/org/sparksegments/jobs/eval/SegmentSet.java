package org.sparksegments.jobs.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.json.JsonReadError;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.Utf8;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.fs.Storage;

/**
 * The segments a command is given: a segments file, or every {@code *.json} file of a folder,
 * on any file system; each segment's source is the file's qualified URI.
 */
public final class SegmentSet {
  private final List<Parsed> parsed;
  /** The first entry of each id: resolving references is a lookup, not a scan of the set. */
  private final java.util.Map<String, Parsed> first = new java.util.HashMap<>();

  private SegmentSet(List<Parsed> parsed) {
    this.parsed = List.copyOf(parsed);
    for (Parsed p : this.parsed) {
      if (p.id() != null) {
        first.putIfAbsent(p.id(), p);
      }
    }
  }

  /** Reads and parses every segment of a file or folder (a path or Hadoop URI). */
  public static SegmentSet load(Storage storage, String fileOrFolder) {
    return load(storage, List.of(fileOrFolder));
  }

  /**
   * Reads several segment files or folders as one set (a saved segments folder and a quick,
   * unsaved segment file, say); ids are checked for duplicates across all of them.
   */
  public static SegmentSet load(Storage storage, List<String> paths) {
    List<Parsed> all = new ArrayList<>();
    for (String p : paths) {
      read(storage, p, all);
    }
    return new SegmentSet(SegmentParser.markDuplicates(all));
  }

  /** The segments of one document given as text (a segment object or an array of them). */
  public static SegmentSet fromText(String source, String text) {
    return new SegmentSet(SegmentParser.parseText(source, text));
  }

  private static void read(Storage storage, String written, List<Parsed> all) {
    Path p;
    try {
      p = storage.qualify(written);
    } catch (IOException | IllegalArgumentException e) {
      all.add(fileError(written, "Cannot read segments: " + e.getMessage()));
      return;
    }
    try {
      Optional<FileStatus> st = storage.status(p);
      if (st.isEmpty()) {
        all.add(fileError(p.toString(), "Cannot read segments: no such file or folder"));
      } else if (st.get().isDirectory()) {
        for (FileStatus f : storage.children(p)) {
          if (f.isFile() && f.getPath().getName().endsWith(".json")) {
            all.addAll(parseFile(storage, f));
          }
        }
      } else {
        all.addAll(parseFile(storage, st.get()));
      }
    } catch (IOException e) {
      all.add(fileError(p.toString(), "Cannot read segments: " + e.getMessage()));
    }
  }

  /**
   * One segments file: at most 1 MiB of strict UTF-8, parsed; each segment's source is the
   * file's qualified URI. Also used by the file commands (clone, delete, restore, dependents).
   */
  public static List<Parsed> parseFile(Storage storage, FileStatus f) {
    String source = f.getPath().toString();
    if (f.getLen() > SegmentParser.MAX_FILE_BYTES) {
      return List.of(SegmentParser.fileError(source, ErrorCode.FILE_TOO_LARGE,
          "Cannot read the file: it has " + f.getLen() + " bytes (expected at most 1 MiB, "
              + SegmentParser.MAX_FILE_BYTES + " bytes)"));
    }
    try {
      byte[] bytes = storage.readAtMost(f.getPath(), SegmentParser.MAX_FILE_BYTES);
      return SegmentParser.parseText(source, Utf8.decode(bytes));
    } catch (JsonReadError e) {
      return List.of(fileError(source, "Cannot read the file at " + e.where() + ": "
          + e.reason()));
    } catch (IOException e) {
      return List.of(fileError(source, "Cannot read the file: " + e.getMessage()));
    }
  }

  private static Parsed fileError(String source, String message) {
    return SegmentParser.fileError(source, ErrorCode.UNREADABLE_FILE, message);
  }

  public List<Parsed> all() {
    return parsed;
  }

  /** The first entry with this id. */
  public Optional<Parsed> find(String id) {
    return Optional.ofNullable(first.get(id));
  }

  /** The ids present, in order. */
  public List<String> ids() {
    return parsed.stream().map(Parsed::id).filter(java.util.Objects::nonNull).distinct().toList();
  }
}
