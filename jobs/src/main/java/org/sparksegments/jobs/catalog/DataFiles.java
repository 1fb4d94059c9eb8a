package org.sparksegments.jobs.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.sparksegments.jobs.fs.Storage;

/**
 * The data files of a path source: the file itself, or every file below the folder whose name
 * (and every folder name on the way) starts with neither "_" nor ".", as Spark reads them.
 */
public final class DataFiles {
  private DataFiles() {}

  /** The data files, sorted by path; an empty list for an empty folder. */
  public static List<FileStatus> list(String location, Configuration conf) throws IOException {
    return list(Storage.of(conf), new Path(location));
  }

  /**
   * The data files at {@code root}, sorted by path; an empty list for an empty folder.
   *
   * @throws java.io.FileNotFoundException when nothing is at {@code root}
   */
  public static List<FileStatus> list(Storage storage, Path root) throws IOException {
    FileSystem fs = storage.fs(root);
    FileStatus st = fs.getFileStatus(root);
    List<FileStatus> out = new ArrayList<>();
    if (st.isFile()) {
      out.add(st);
      return out;
    }
    if (fs instanceof RawLocalFileSystem) {
      // listFiles wraps each file in a LocatedFileStatus, which asks the local file system for
      // its permissions: one "ls" process per file. A walk of plain statuses forks nothing.
      walk(fs, root, out);
    } else {
      // On HDFS and object stores the recursive listing is the cheap one (S3A: one flat LIST).
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      String rootPath = fs.makeQualified(root).toUri().getPath();
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        String rel = f.getPath().toUri().getPath().substring(rootPath.length());
        if (!hidden(rel)) {
          out.add(f);
        }
      }
    }
    out.sort(Comparator.comparing(f -> f.getPath().toString()));
    return out;
  }

  private static void walk(FileSystem fs, Path dir, List<FileStatus> out) throws IOException {
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (f.isDirectory()) {
        walk(fs, f.getPath(), out);
      } else {
        out.add(f);
      }
    }
  }

  private static boolean hidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
