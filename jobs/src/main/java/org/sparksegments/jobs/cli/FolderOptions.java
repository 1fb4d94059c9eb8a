package org.sparksegments.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.manage.SegmentFolder;
import picocli.CommandLine.Option;

/** The saved segments folder that the file commands (dependents, clone, …) read and change. */
final class FolderOptions {
  @Option(names = "--segments", required = true, paramLabel = "DIR",
      description = "The segments folder: every *.json file directly in it (not in subfolders"
          + " such as the bin, .bin).")
  Path dir;

  /** The folder read, or invalid input when it is not a folder. */
  SegmentFolder read() {
    if (!Files.isDirectory(dir)) {
      throw Options.bad("--segments", dir.toString(), "a segments folder");
    }
    return SegmentFolder.read(dir);
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
