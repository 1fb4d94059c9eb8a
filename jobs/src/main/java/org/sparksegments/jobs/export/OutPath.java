package org.sparksegments.jobs.export;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.sparksegments.jobs.fs.Storage;

/**
 * Where an export goes: a file or a folder that must not exist yet (an empty folder may be
 * replaced) unless overwriting is asked for. It is written under a hidden temporary sibling and
 * renamed into place, so a reader sees the whole result or none, and a failure leaves nothing.
 */
public final class OutPath {
  /** Writes the whole result at {@code temp}, a path that does not exist yet. */
  @FunctionalInterface
  public interface Body {
    void write(Path temp) throws Exception;
  }

  private final Path out;
  private final boolean folder;
  private final boolean overwrite;

  private OutPath(Path out, boolean folder, boolean overwrite) {
    this.out = out;
    this.folder = folder;
    this.overwrite = overwrite;
  }

  /**
   * Checks a destination before any work is done.
   *
   * @param folder whether the result is a folder (else a file)
   * @return the destination, or why it cannot be written (a sentence after "Cannot write to
   *     'PATH': ")
   */
  public static Result check(Path path, boolean folder, boolean overwrite) throws IOException {
    Path out = path.toAbsolutePath().normalize();
    if (out.getFileName() == null) {
      return new Result(null, "it names no file or folder (expected a path such as out/x)");
    }
    Path parent = out.getParent();
    for (Path p = parent; p != null; p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return new Result(null, p + " is a file (expected a folder or a path not yet taken)");
      }
    }
    String kind = folder ? "a folder" : "a file";
    if (Files.isDirectory(out)) {
      if (!folder) {
        return new Result(null, "it is a folder (expected " + kind + " path; a folder is never"
            + " replaced by a file)");
      }
      if (!overwrite && !empty(out)) {
        return new Result(null, "it is a folder that is not empty (expected a new or empty"
            + " folder, or --overwrite)");
      }
    } else if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      if (folder) {
        return new Result(null, "it is a file (expected " + kind + " path; a file is never"
            + " replaced by a folder)");
      }
      if (!overwrite) {
        return new Result(null, "it already exists (expected a new file, or --overwrite)");
      }
    }
    return new Result(new OutPath(out, folder, overwrite), null);
  }

  /** A checked destination, or the reason it was refused. */
  public record Result(OutPath path, String refusal) {
    public Optional<OutPath> ok() {
      return Optional.ofNullable(path);
    }
  }

  /** The destination, absolute. */
  public Path path() {
    return out;
  }

  /** Runs {@code body} on a hidden sibling, then renames the result into place. */
  public void write(Body body) throws Exception {
    Files.createDirectories(out.getParent());
    Path temp = sibling("tmp");
    try {
      body.write(temp);
      publish(temp);
    } catch (Exception | Error e) {
      Storage.local().deleteTree(new org.apache.hadoop.fs.Path(temp.toUri()));
      throw e;
    }
  }

  private void publish(Path temp) throws IOException {
    if (!folder || !Files.isDirectory(out) || empty(out)) {
      if (!overwrite && Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !folder) {
        throw new FileAlreadyExistsException(out.toString(), null, "created meanwhile");
      }
      // rename(2): replaces a file or an empty folder at once; never a folder with content.
      Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    // A folder with content is set aside first, and back if the new one cannot take its place.
    Path old = sibling("old");
    Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.move(old, out, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    Storage.local().deleteTree(new org.apache.hadoop.fs.Path(old.toUri()));
  }

  /** A hidden name next to the destination (readers of the parent skip dot files). */
  private Path sibling(String what) {
    return out.resolveSibling("." + out.getFileName() + "." + what + "-"
        + ProcessHandle.current().pid() + "-" + System.nanoTime());
  }

  private static boolean empty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }
}
