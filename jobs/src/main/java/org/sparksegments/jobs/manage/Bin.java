package org.sparksegments.jobs.manage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.jobs.manage.Dependents.Dependent;
import org.sparksegments.jobs.manage.JsonText.Span;
import org.sparksegments.jobs.manage.SegmentFolder.Entry;

/**
 * Deletes segments of a folder into its hidden bin folder {@code .bin}, named with the UTC
 * time of the deletion ({@code berlin-vips.20261128T141500Z.json}), where {@link Restore} finds
 * them again. The folder's readers never see the bin: they read only {@code *.json} files
 * directly in the folder. Every step goes through {@link Storage}, so the folder may be on any
 * file system: a whole file is moved with one rename, a file in the bin is never overwritten.
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
   * @param from the segment's file, qualified
   * @param binned the file in the bin that holds the segment now, qualified
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
          ErrorCode.HAS_DEPENDENTS, folder.file(d.file()).toString(), d.id(),
          d.pointer(), "Cannot delete segment '" + id + "': this segment "
              + (d.direct() ? "refers to it" : "depends on it through '" + d.refersTo() + "'")
              + " (expected no segment depending on it; change those first, or use --force)"))
          .toList());
    }
    Storage storage = folder.storage();
    Path bin = folder.file(FOLDER);
    String stamp = STAMP.format(clock.instant());
    try {
      storage.mkdirs(bin);
      if (e.inArray() && e.inFile() > 1) {
        Path binned = cutElement(storage, e, bin, stamp);
        return new Deleted(e.file(), binned, true, dependents);
      }
      String stem = e.fileName().substring(0, e.fileName().length() - ".json".length());
      Path binned = free(storage, bin, stem, stamp);
      storage.rename(e.file(), binned);
      return new Deleted(e.file(), binned, false, dependents);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /**
   * Writes the element into a new file of the bin, then the array file without it.
   *
   * @return the bin's new file
   */
  private static Path cutElement(Storage storage, Entry e, Path bin, String stamp)
      throws IOException {
    String text = Cloner.read(storage, e.file());
    List<Span> spans = JsonText.elements(text);
    int i = e.index();
    String element = JsonText.cut(text, spans.get(i)) + "\n";
    // The element goes with the separator before it (after it, for the first one).
    Span gone = i > 0 ? new Span(spans.get(i - 1).end(), spans.get(i).end())
        : new Span(spans.get(0).start(), spans.get(1).start());
    String rest = Cloner.apply(text, List.of(new Cloner.Edit(gone, "")));
    JsonNode all = readTree(text, e.file());
    Cloner.check(element, all.get(i));
    ArrayNode others = ((ArrayNode) all).deepCopy();
    others.remove(i);
    Cloner.check(rest, others);
    // The first free name is claimed by the exclusive create itself, so two deletions in the
    // same second never write into one file.
    Path binned = null;
    for (int n = 1; binned == null; n++) {
      Path p = name(bin, e.id(), stamp, n);
      if (Cloner.createNew(storage, p, element)) {
        binned = p;
      }
    }
    // The array file is replaced at once (the local file system, HDFS): readers see it with
    // the element or without it.
    Path tmp = new Path(e.file().getParent(), "." + e.fileName() + ".tmp");
    try {
      storage.write(tmp, rest.getBytes(StandardCharsets.UTF_8));
      storage.replace(tmp, e.file());
    } finally {
      storage.deleteTree(tmp);
    }
    return binned;
  }

  private static JsonNode readTree(String text, Path file) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      // Named here: Jackson's own message would say "Source: REDACTED".
      var at = x.getLocation();
      throw new UncheckedIOException(new IOException(file + " is not valid JSON"
          + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
          + ": " + x.getOriginalMessage(), x));
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** {@code STEM.STAMP.json} in the bin, or with {@code -2}, {@code -3}… after the stamp. */
  private static Path free(Storage storage, Path bin, String stem, String stamp)
      throws IOException {
    Path p = name(bin, stem, stamp, 1);
    for (int n = 2; storage.exists(p); n++) {
      p = name(bin, stem, stamp, n);
    }
    return p;
  }

  /** The {@code n}-th name of {@code STEM} deleted at {@code stamp} in the bin. */
  private static Path name(Path bin, String stem, String stamp, int n) {
    return new Path(bin, stem + "." + stamp + (n == 1 ? "" : "-" + n) + ".json");
  }
}
