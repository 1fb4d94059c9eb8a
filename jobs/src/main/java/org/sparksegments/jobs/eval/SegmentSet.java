package org.sparksegments.jobs.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.conditions.json.SegmentParser.Parsed;

/** The segments a command is given: a segments file, or every {@code *.json} file of a folder. */
public final class SegmentSet {
  private final List<Parsed> parsed;

  private SegmentSet(List<Parsed> parsed) {
    this.parsed = List.copyOf(parsed);
  }

  /** Reads and parses every segment; ids are checked for duplicates across files. */
  public static SegmentSet load(Path fileOrFolder) {
    return load(List.of(fileOrFolder));
  }

  /**
   * Reads several segment files or folders as one set (a saved segments folder and a quick,
   * unsaved segment file, say); ids are checked for duplicates across all of them.
   */
  public static SegmentSet load(List<Path> paths) {
    List<Parsed> all = new ArrayList<>();
    for (Path p : paths) {
      read(p, all);
    }
    return new SegmentSet(SegmentParser.markDuplicates(all));
  }

  /** The segments of one document given as text (a segment object or an array of them). */
  public static SegmentSet fromText(String source, String text) {
    return new SegmentSet(SegmentParser.parseText(source, text));
  }

  private static void read(Path fileOrFolder, List<Parsed> all) {
    if (Files.isDirectory(fileOrFolder)) {
      try (Stream<Path> files = Files.list(fileOrFolder)) {
        for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json"))
            .filter(Files::isRegularFile).sorted().toList()) {
          all.addAll(SegmentParser.parseFile(f));
        }
      } catch (IOException e) {
        all.add(fileError(fileOrFolder, "Cannot list the segments folder: " + e.getMessage()));
      }
    } else if (Files.isRegularFile(fileOrFolder)) {
      all.addAll(SegmentParser.parseFile(fileOrFolder));
    } else {
      all.add(fileError(fileOrFolder, "Cannot read segments: no such file or folder"));
    }
  }

  private static Parsed fileError(Path p, String message) {
    return new Parsed(p.toString(), "", null, null, List.of(
        new ValidationError(ErrorCode.UNREADABLE_FILE, p.toString(), null, "", message)));
  }

  public List<Parsed> all() {
    return parsed;
  }

  /** The first entry with this id. */
  public Optional<Parsed> find(String id) {
    return parsed.stream().filter(p -> id.equals(p.id())).findFirst();
  }

  /** The ids present, in order. */
  public List<String> ids() {
    return parsed.stream().map(Parsed::id).filter(java.util.Objects::nonNull).distinct().toList();
  }
}
