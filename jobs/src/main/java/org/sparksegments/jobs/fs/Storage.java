package org.sparksegments.jobs.fs;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * Every file the engine reads or writes itself, through Hadoop's {@link FileSystem} with one
 * Hadoop configuration (the session's, or one made from the Spark configuration before a session
 * exists), so that a path lands on the file system its URI names: local disk, HDFS or an object
 * store. Paths are qualified the way Spark qualifies them. The local file system is used raw (no
 * {@code .crc} side files for the engine's own small files), and where an atomic step exists on a
 * file system (exclusive create, rename) it is used; {@link #atomicRename} says where it does not.
 */
public final class Storage {
  /** Hadoop's createFile option (and path capability) of a create-if-absent checked on close. */
  private static final String CONDITIONAL_CREATE =
      Options.CreateFileOptionKeys.FS_OPTION_CREATE_CONDITIONAL_OVERWRITE;

  private final Configuration conf;

  private Storage(Configuration conf) {
    this.conf = conf;
  }

  /** The file systems as {@code conf} configures them. */
  public static Storage of(Configuration conf) {
    return new Storage(conf);
  }

  /** Hadoop's default configuration (the local file system unless site files say otherwise). */
  public static Storage local() {
    return new Storage(new Configuration());
  }

  /** The Hadoop configuration the paths are resolved with. */
  public Configuration conf() {
    return conf;
  }

  /**
   * {@code written} as a fully qualified path: a URI with a scheme is used as given, an absolute
   * path is taken on the default file system ({@code fs.defaultFS}), a relative one against that
   * file system's working folder (the current folder on the local file system).
   */
  public Path qualify(String written) throws IOException {
    Path p = new Path(written);
    return p.getFileSystem(conf).makeQualified(p);
  }

  /** {@code written} qualified, a relative path taken against {@code base} (a qualified folder). */
  public Path qualify(String written, Path base) throws IOException {
    Path p = new Path(written);
    if (p.toUri().getScheme() == null && !p.isAbsolute()) {
      p = new Path(base, p);
    }
    return p.getFileSystem(conf).makeQualified(p);
  }

  /** The file system that holds {@code p}; the raw one for local paths. */
  public FileSystem fs(Path p) throws IOException {
    FileSystem fs = p.getFileSystem(conf);
    return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
  }

  /** What is at {@code p}, if anything. */
  public Optional<FileStatus> status(Path p) throws IOException {
    try {
      return Optional.of(fs(p).getFileStatus(p));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  public boolean exists(Path p) throws IOException {
    return status(p).isPresent();
  }

  public boolean isDirectory(Path p) throws IOException {
    return status(p).map(FileStatus::isDirectory).orElse(false);
  }

  public boolean isFile(Path p) throws IOException {
    return status(p).map(FileStatus::isFile).orElse(false);
  }

  /** The entries directly inside folder {@code dir}, sorted by name; none when it is absent. */
  public List<FileStatus> children(Path dir) throws IOException {
    FileStatus[] all;
    try {
      all = fs(dir).listStatus(dir);
    } catch (FileNotFoundException e) {
      return List.of();
    }
    List<FileStatus> out = new ArrayList<>(Arrays.asList(all));
    out.sort(Comparator.comparing(s -> s.getPath().getName()));
    return out;
  }

  /** Whether folder {@code dir} is absent or has nothing in it. */
  public boolean isEmptyOrAbsent(Path dir) throws IOException {
    return children(dir).isEmpty();
  }

  /** The bytes of file {@code p}. */
  public byte[] read(Path p) throws IOException {
    try (InputStream in = fs(p).open(p)) {
      return in.readAllBytes();
    }
  }

  /** The first {@code max + 1} bytes at most of file {@code p} (more than max: it is too large). */
  public byte[] readAtMost(Path p, long max) throws IOException {
    try (InputStream in = fs(p).open(p)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[64 * 1024];
      long left = max + 1;
      int n;
      while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
        out.write(buf, 0, n);
        left -= n;
      }
      return out.toByteArray();
    }
  }

  /** Creates folder {@code dir} and its parents (nothing when it exists). */
  public void mkdirs(Path dir) throws IOException {
    if (!fs(dir).mkdirs(dir)) {
      throw new IOException("Cannot create folder " + dir);
    }
  }

  /**
   * Writes {@code bytes} as the new file {@code p} in one create that fails when the name is
   * taken (exclusive on the local file system and HDFS; on object stores the store's conditional
   * put where the connector has it): true when written, false when {@code p} already existed.
   * Parent folders are created.
   */
  public boolean createNew(Path p, byte[] bytes) throws IOException {
    FileSystem fs = fs(p);
    if (p.getParent() != null) {
      fs.mkdirs(p.getParent());
    }
    if (fs instanceof RawLocalFileSystem local) {
      // Hadoop's local create checks and then opens; O_EXCL makes the claim one step.
      try (OutputStream out = Files.newOutputStream(local.pathToFile(p).toPath(),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      }
    }
    if (fs.hasPathCapability(p, CONDITIONAL_CREATE)) {
      // An object store whose connector has the conditional put (S3A from Hadoop 3.5): a plain
      // create(overwrite=false) there only looks before it writes; this put is refused by the
      // store, in one step on close, when the name is taken.
      try {
        // createFile's builder is a raw type: build() is typed Object.
        try (FSDataOutputStream out = (FSDataOutputStream) fs.createFile(p)
            .must(CONDITIONAL_CREATE, true).build()) {
          out.write(bytes);
        }
        return true;
      } catch (IOException e) {
        if (exists(p)) {
          return false;
        }
        throw e;
      }
    }
    try (FSDataOutputStream out = fs.create(p, false)) {
      out.write(bytes);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  /** Writes {@code bytes} as file {@code p}, replacing what is there. */
  public void write(Path p, byte[] bytes) throws IOException {
    try (FSDataOutputStream out = fs(p).create(p, true)) {
      out.write(bytes);
    }
  }

  /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
  public void deleteTree(Path p) throws IOException {
    FileSystem fs = fs(p);
    if (fs.exists(p) && !fs.delete(p, true)) {
      throw new IOException("Cannot delete " + p);
    }
  }

  /**
   * Moves {@code from} to {@code to}, which must not exist (its parent is created): one rename,
   * atomic on the local file system and HDFS, a copy and delete on object stores.
   */
  public void rename(Path from, Path to) throws IOException {
    FileSystem fs = fs(from);
    if (to.getParent() != null) {
      fs.mkdirs(to.getParent());
    }
    if (fs.exists(to)) {
      throw new FileAlreadyExistsException("Cannot move " + from + " to " + to
          + ": the target exists");
    }
    if (!fs.rename(from, to)) {
      throw new IOException("Cannot move " + from + " to " + to);
    }
  }

  /**
   * Replaces file {@code to} by file {@code from} at once where the file system can (the local
   * file system and HDFS); elsewhere the old file is removed first.
   */
  public void replace(Path from, Path to) throws IOException {
    FileSystem fs = fs(from);
    if (fs instanceof RawLocalFileSystem local) {
      Files.move(local.pathToFile(from).toPath(), local.pathToFile(to).toPath(),
          StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    if (atomicRename(to)) {
      FileContext.getFileContext(to.toUri(), conf).rename(from, to, Options.Rename.OVERWRITE);
      return;
    }
    fs.delete(to, false);
    if (!fs.rename(from, to)) {
      throw new IOException("Cannot move " + from + " to " + to);
    }
  }

  /** Whether renaming a file or folder on the file system of {@code p} is one atomic step. */
  public boolean atomicRename(Path p) {
    String scheme = p.toUri().getScheme();
    return scheme == null || scheme.equals("file") || scheme.equals("hdfs")
        || scheme.equals("viewfs") || scheme.equals("webhdfs");
  }
}
