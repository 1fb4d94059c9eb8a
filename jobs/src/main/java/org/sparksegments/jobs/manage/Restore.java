package org.sparksegments.jobs.manage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.jobs.manage.SegmentFolder.Entry;

/** Brings a deleted segment back from the bin of its folder, on any file system ({@link Storage}). */
public final class Restore {
  /** {@code STEM.STAMP.json}, the stamp with an optional {@code -N} for a second deletion. */
  private static final Pattern NAME =
      Pattern.compile("(.+)\\.(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.json");
  private static final Pattern STAMP = Pattern.compile("\\d{8}T\\d{6}Z(?:-\\d+)?");

  private Restore() {}

  /**
   * One deleted version of a segment in the bin.
   *
   * @param stem the name its file had in the folder, without {@code .json}
   * @param stamp the UTC time of the deletion as in the file name ({@code 20261128T141500Z},
   *     {@code 20261128T141500Z-2})
   */
  public record Version(Path file, String stem, String stamp, int n) {}

  /** A restored segment: the bin file it came from and the folder's file it is now (qualified). */
  public record Restored(Path binned, Path file) {}

  /**
   * The versions of segment {@code id} in the bin, oldest first: the bin's files of one
   * segment whose id is {@code id}.
   */
  public static List<Version> versions(SegmentFolder folder, String id) {
    Storage storage = folder.storage();
    Path bin = folder.file(Bin.FOLDER);
    List<Version> out = new ArrayList<>();
    try {
      if (!storage.isDirectory(bin)) {
        return out;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (FileStatus status : SegmentFolder.files(storage, bin)) {
      Path f = status.getPath();
      Matcher m = NAME.matcher(f.getName());
      if (!m.matches()) {
        continue;
      }
      List<Parsed> parsed = SegmentSet.parseFile(storage, status);
      if (parsed.size() == 1 && parsed.get(0).segment() != null
          && parsed.get(0).segment().id().equals(id)) {
        int n = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        out.add(new Version(f, m.group(1), m.group(2) + (n == 1 ? "" : "-" + n), n));
      }
    }
    out.sort(Comparator.comparing((Version v) -> v.stamp().substring(0, 16))
        .thenComparingInt(Version::n));
    return out;
  }

  /**
   * Moves the latest version of segment {@code id} (or the one deleted at {@code at}) back to
   * the file name it had. Refused with nothing moved when the bin has no such version, or the
   * folder has a segment {@code id} or a file of that name again.
   *
   * @return the bin's file and the file it was moved back to
   */
  public static Restored restore(SegmentFolder folder, String id, Optional<String> at) {
    SegmentFolder.checkId(id, "restore segment");
    String doing = "Cannot restore segment '" + id + "'";
    if (at.isPresent() && !STAMP.matcher(at.get()).matches()) {
      throw InvalidInputException.of(ErrorCode.BAD_OPTION,
          null, id, doing + " at '" + at.get() + "': not a"
          + " deletion stamp (expected UTC time as in the bin's file names, such as"
          + " 20261128T141500Z)");
    }
    List<Version> versions = versions(folder, id);
    if (versions.isEmpty()) {
      throw InvalidInputException.of(ErrorCode.UNKNOWN_SEGMENT, null, id, doing + ": the bin "
          + folder.file(Bin.FOLDER) + " holds no deleted version of it (expected a"
          + " segment deleted with the delete command)");
    }
    Version v = at.isEmpty() ? versions.get(versions.size() - 1) : versions.stream()
        .filter(x -> x.stamp().equals(at.get())).findFirst()
        .orElseThrow(() -> InvalidInputException.of(ErrorCode.UNKNOWN_SEGMENT, null, id, doing + " at " + at.get() + ": the bin holds"
                + " no version deleted then (expected one of: " + String.join(", ",
                    versions.stream().map(Version::stamp).toList()) + ")"));
    List<Entry> again = folder.findIgnoringCase(id);
    if (!again.isEmpty()) {
      String same = again.get(0).id().equals(id) ? "this id"
          : "the id '" + again.get(0).id() + "', the same ignoring case,";
      throw again.get(0).invalid(ErrorCode.DUPLICATE_ID, doing + ": the folder has a"
          + " segment with " + same + " again, in " + again.get(0).fileName() + " (expected"
          + " none; delete or rename that one first)");
    }
    Path target = folder.file(v.stem() + ".json");
    Storage storage = folder.storage();
    try {
      if (storage.exists(target)) {
        throw fileAgain(target, doing);
      }
      // One rename, which refuses a target that exists: the file is never overwritten.
      storage.rename(v.file(), target);
    } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
      throw fileAgain(target, doing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Restored(v.file(), target);
  }

  private static InvalidInputException fileAgain(Path target, String doing) {
    return InvalidInputException.of(ErrorCode.DUPLICATE_ID, target.toString(), null, doing
        + ": the folder has a file " + target.getName() + " again (expected no file of that"
        + " name)");
  }
}
