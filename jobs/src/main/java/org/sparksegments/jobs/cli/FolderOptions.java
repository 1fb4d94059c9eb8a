package org.sparksegments.jobs.cli;

import java.io.IOException;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.catalog.WriteTargets;
import org.sparksegments.jobs.eval.Sessions;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.jobs.manage.SegmentFolder;
import picocli.CommandLine.Option;

/** The saved segments folder that the file commands (dependents, clone, …) read and change. */
final class FolderOptions {
  @Option(names = "--segments", required = true, paramLabel = "DIR",
      description = "The segments folder, a path or a Hadoop URI (hdfs://, s3a://, ...): every"
          + " *.json file directly in it (not in subfolders such as the bin, .bin).")
  String dir;

  /**
   * The folder read through the file systems of the Spark configuration (no session is
   * started), or invalid input when it is not a folder.
   */
  SegmentFolder read() {
    Storage storage = Storage.of(Sessions.hadoopConfiguration());
    Path qualified;
    boolean folder;
    try {
      qualified = storage.qualify(dir);
      folder = storage.isDirectory(qualified);
    } catch (IOException | IllegalArgumentException e) {
      throw Options.bad("--segments", dir, "a segments folder that can be read: "
          + e.getMessage());
    }
    if (!folder) {
      throw Options.bad("--segments", qualified.toString(), "a segments folder");
    }
    return SegmentFolder.read(storage, qualified);
  }

  /**
   * {@link #read}, for a command that writes segment files into the folder: refused when the
   * folder is inside a run folder or holds a table's data files.
   */
  SegmentFolder readForWriting() {
    SegmentFolder f = read();
    Storage storage = Storage.of(Sessions.hadoopConfiguration());
    try {
      WriteTargets.requireSegmentsFolder(storage, storage.qualify(dir));
    } catch (IOException e) {
      throw Options.bad("--segments", dir, "a segments folder that can be read: "
          + e.getMessage());
    }
    return f;
  }

  /** Says on standard error what could not be read, so its references are not known. */
  static void warnUnread(SegmentFolder folder) {
    for (ValidationError e : folder.problems()) {
      System.err.println("warning: " + e.render());
    }
    if (!folder.problems().isEmpty()) {
      System.err.println("warning: references in the parts above that could not be read are"
          + " not known");
    }
  }
}
