package org.sparksegments.jobs.export;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparksegments.jobs.fs.Storage;

/**
 * Where an export goes: a file or a folder, on the file system its URI names, that must not exist
 * yet (an empty folder may be replaced) unless overwriting is asked for. Where a rename is one
 * atomic step (the local file system, HDFS) the result is written under a hidden temporary
 * sibling and renamed into place, so a reader sees the whole result or none and a failure leaves
 * nothing. Elsewhere (object stores, where a rename is a copy) it is written in place: a file in
 * one create, a folder through Spark's commit protocol; a failure there may leave a partial
 * folder.
 */
public final class OutPath {
  /**
   * Writes the whole result at {@code target}.
   *
   * @param replace whether a file already at {@code target} is to be replaced (else the create
   *     fails when the name is taken); a folder target never exists when this is called
   */
  @FunctionalInterface
  public interface Body {
    void write(Path target, boolean replace) throws Exception;
  }

  private final Storage storage;
  private final Path out;
  private final boolean folder;
  private final boolean overwrite;

  private OutPath(Storage storage, Path out, boolean folder, boolean overwrite) {
    this.storage = storage;
    this.out = out;
    this.folder = folder;
    this.overwrite = overwrite;
  }

  /**
   * Checks a destination before any work is done.
   *
   * @param written the path or URI as given, qualified through {@code storage}
   * @param folder whether the result is a folder (else a file)
   * @return the destination, or why it cannot be written (a sentence after "Cannot write to
   *     'URI': "), with the qualified URI either way when the path could be qualified
   */
  public static Result check(Storage storage, String written, boolean folder, boolean overwrite)
      throws IOException {
    Path out;
    try {
      // Normalized so that "a/../b" is checked, written and reported as "b".
      out = new Path(storage.qualify(written).toUri().normalize());
    } catch (IllegalArgumentException e) {
      return new Result(null, null, "it is not a path or URI (" + e.getMessage() + ")");
    }
    if (out.getParent() == null || out.getName().isEmpty()) {
      return new Result(null, out, "it names no file or folder (expected a path such as out/x)");
    }
    // Up to the first folder that exists: a file on the way cannot hold the result.
    for (Path p = out.getParent(); p != null; p = p.getParent()) {
      Optional<FileStatus> s = storage.status(p);
      if (s.isPresent()) {
        if (!s.get().isDirectory()) {
          return new Result(null, out, p + " is a file (expected a folder or a path not yet"
              + " taken)");
        }
        break;
      }
    }
    String kind = folder ? "a folder" : "a file";
    Optional<FileStatus> there = storage.status(out);
    if (there.isPresent() && there.get().isDirectory()) {
      if (!folder) {
        return new Result(null, out, "it is a folder (expected " + kind + " path; a folder is"
            + " never replaced by a file)");
      }
      if (!overwrite && !storage.isEmptyOrAbsent(out)) {
        return new Result(null, out, "it is a folder that is not empty (expected a new or empty"
            + " folder, or --overwrite)");
      }
    } else if (there.isPresent()) {
      if (folder) {
        return new Result(null, out, "it is a file (expected " + kind + " path; a file is never"
            + " replaced by a folder)");
      }
      if (!overwrite) {
        return new Result(null, out, "it already exists (expected a new file, or --overwrite)");
      }
    }
    return new Result(new OutPath(storage, out, folder, overwrite), out, null);
  }

  /**
   * A checked destination, or the reason it was refused.
   *
   * @param target the qualified URI, null when the path could not be qualified
   */
  public record Result(OutPath path, Path target, String refusal) {
    public Optional<OutPath> ok() {
      return Optional.ofNullable(path);
    }
  }

  /** The destination, qualified. */
  public Path path() {
    return out;
  }

  /** Whether the result is written aside and renamed into place (else written in place). */
  public boolean atomic() {
    return storage.atomicRename(out);
  }

  /** Runs {@code body} on a hidden sibling and renames the result into place, or in place. */
  public void write(Body body) throws Exception {
    if (!atomic()) {
      writeInPlace(body);
      return;
    }
    storage.mkdirs(out.getParent());
    Path temp = sibling("tmp");
    try {
      body.write(temp, false);
      publish(temp);
    } catch (Exception | Error e) {
      storage.deleteTree(temp);
      throw e;
    }
  }

  /**
   * Where a rename is a copy, renaming would not make the result appear at once either: a file
   * is written in one create (replacing the old one only when complete, as a put does); a folder
   * that may be replaced is removed first and the new one written by Spark's committer.
   */
  private void writeInPlace(Body body) throws Exception {
    if (folder) {
      // Checked before the work: absent, empty, or --overwrite.
      storage.deleteTree(out);
      body.write(out, false);
    } else {
      body.write(out, overwrite);
    }
  }

  private void publish(Path temp) throws IOException {
    if (!folder || !storage.isDirectory(out) || storage.isEmptyOrAbsent(out)) {
      if (!storage.exists(out)) {
        storage.rename(temp, out);
        return;
      }
      if (!overwrite && !folder) {
        throw new FileAlreadyExistsException(out + ": created meanwhile");
      }
      // One rename that replaces a file or an empty folder; never a folder with content.
      storage.replace(temp, out);
      return;
    }
    // A folder with content is set aside first, and back if the new one cannot take its place.
    Path old = sibling("old");
    storage.rename(out, old);
    try {
      storage.rename(temp, out);
    } catch (IOException e) {
      storage.rename(old, out);
      throw e;
    }
    storage.deleteTree(old);
  }

  /** A hidden name next to the destination (readers of the parent skip dot files). */
  private Path sibling(String what) {
    return new Path(out.getParent(), "." + out.getName() + "." + what + "-"
        + ProcessHandle.current().pid() + "-" + System.nanoTime());
  }
}
