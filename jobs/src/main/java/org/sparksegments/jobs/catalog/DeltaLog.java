package org.sparksegments.jobs.catalog;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparksegments.jobs.fs.Storage;

/**
 * What the engine needs of a Delta table's transaction log without the Delta library: whether a
 * folder has one, and its latest version (the highest {@code _delta_log/NNN.json} commit).
 */
public final class DeltaLog {
  /** The log folder's name inside a Delta table. */
  public static final String FOLDER = "_delta_log";
  private static final Pattern COMMIT = Pattern.compile("\\d{20}\\.json");

  private DeltaLog() {}

  /** Whether the table folder {@code table} holds a {@code _delta_log/} folder. */
  public static boolean present(Storage storage, Path table) throws IOException {
    return storage.isDirectory(new Path(table, FOLDER));
  }

  /**
   * The latest version of the Delta table at {@code table}: its highest commit file. Commits are
   * written once under their final name (create-if-absent), so the listing sees only whole
   * commits; log clean-up removes old commits but never the latest. Empty when there is none.
   */
  public static OptionalLong latestVersion(Storage storage, Path table) throws IOException {
    long latest = -1;
    for (FileStatus f : storage.children(new Path(table, FOLDER))) {
      String name = f.getPath().getName();
      if (f.isFile() && COMMIT.matcher(name).matches()) {
        latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
      }
    }
    return latest < 0 ? OptionalLong.empty() : OptionalLong.of(latest);
  }
}
