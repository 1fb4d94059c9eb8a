package org.sparksegments.jobs.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.manage.Dependents.Dependent;
import org.sparksegments.jobs.manage.JsonText.Span;
import org.sparksegments.jobs.manage.SegmentFolder.Entry;

/**
 * Deletes segments of a folder into its hidden bin folder {@code .bin}, named with the UTC
 * time of the deletion ({@code berlin-vips.20261128T141500Z.json}), where {@link Restore} finds
 * them again. The folder's readers never see the bin: they read only {@code *.json} files
 * directly in the folder.
 */
public final class Bin {
  /** The bin's name inside a segments folder. */
  public static final String FOLDER = ".bin";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private Bin() {}

  /**
   * What a deletion did.
   *
   * @param from the segment's file
   * @param binned the file in the bin that holds the segment now
   * @param element true when the segment was cut out of an array file that keeps the others
   * @param dependents the segments that depended on it (only with force)
   */
  public record Deleted(Path from, Path binned, boolean element, List<Dependent> dependents) {}

  /**
   * Moves segment {@code id} into the bin: its whole file, or, for one segment of an array file
   * of several, that element (into a file of its own in the bin) while the array file keeps the
   * others, byte for byte. Refused with nothing changed while other segments of the folder
   * depend on it, unless {@code force}.
   */
  public static Deleted delete(SegmentFolder folder, String id, boolean force, Clock clock) {
    Entry e = folder.one(id, "delete segment");
    List<Dependent> dependents = Dependents.of(folder, id);
    if (!dependents.isEmpty() && !force) {
      throw new InvalidInputException(dependents.stream().map(d -> new ValidationError(
          ErrorCode.HAS_DEPENDENTS, folder.dir().resolve(d.file()).toString(), d.id(),
          d.pointer(), "Cannot delete segment '" + id + "': this segment "
              + (d.direct() ? "refers to it" : "depends on it through '" + d.refersTo() + "'")
              + " (expected no segment depending on it; change those first, or use --force)"))
          .toList());
    }
    Path bin = folder.dir().resolve(FOLDER);
    String stamp = STAMP.format(clock.instant());
    try {
      Files.createDirectories(bin);
      if (e.inArray() && e.inFile() > 1) {
        Path binned = free(bin, id, stamp);
        cutElement(e, binned);
        return new Deleted(e.file(), binned, true, dependents);
      }
      String stem = e.fileName().substring(0, e.fileName().length() - ".json".length());
      Path binned = free(bin, stem, stamp);
      Files.move(e.file(), binned);
      return new Deleted(e.file(), binned, false, dependents);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** Writes the element into {@code binned}, then the array file without it. */
  private static void cutElement(Entry e, Path binned) {
    String text = Cloner.read(e.file());
    List<Span> spans = JsonText.elements(text);
    int i = e.index();
    String element = JsonText.cut(text, spans.get(i)) + "\n";
    // The element goes with the separator before it (after it, for the first one).
    Span gone = i > 0 ? new Span(spans.get(i - 1).end(), spans.get(i).end())
        : new Span(spans.get(0).start(), spans.get(1).start());
    String rest = Cloner.apply(text, List.of(new Cloner.Edit(gone, "")));
    JsonNode all = readTree(text);
    Cloner.check(element, all.get(i));
    ArrayNode others = ((ArrayNode) all).deepCopy();
    others.remove(i);
    Cloner.check(rest, others);
    Cloner.write(binned, element);
    Path tmp = e.file().resolveSibling("." + e.fileName() + ".tmp");
    try {
      Files.writeString(tmp, rest);
      Files.move(tmp, e.file(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static JsonNode readTree(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** {@code STEM.STAMP.json} in the bin, or with {@code -2}, {@code -3}… after the stamp. */
  private static Path free(Path bin, String stem, String stamp) {
    Path p = bin.resolve(stem + "." + stamp + ".json");
    for (int n = 2; Files.exists(p); n++) {
      p = bin.resolve(stem + "." + stamp + "-" + n + ".json");
    }
    return p;
  }
}
