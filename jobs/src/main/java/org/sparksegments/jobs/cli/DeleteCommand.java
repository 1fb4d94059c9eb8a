package org.sparksegments.jobs.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.sparksegments.jobs.manage.Bin;
import org.sparksegments.jobs.manage.SegmentFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** delete: moves a segment into the folder's bin, unless other segments depend on it. */
@Command(name = "delete", mixinStandardHelpOptions = true,
    description = {"Moves segment ID into the bin of the folder, DIR/.bin, under its file name"
        + " with the UTC time of the deletion (berlin-vips.20261128T141500Z.json); restore"
        + " brings it back. The bin is not read as segments.",
        "A segment that shares an array file with others is cut out of it: the others stay in"
            + " the file unchanged, the deleted one goes to the bin in a file of its own"
            + " (ID.STAMP.json).",
        "Refused, with nothing moved, while other segments of the folder depend on it (each"
            + " one is listed, as by the dependents command), unless --force."},
    footer = {"", "Exit status: 0 done, 2 invalid input or dependents (nothing moved),"
        + " 1 failure."})
final class DeleteCommand implements Callable<Integer> {
  @Mixin FolderOptions folder;

  @Parameters(index = "0", paramLabel = "ID", description = "The segment to delete.")
  String id;

  @Option(names = "--force",
      description = "Delete even while other segments depend on it (they become invalid until"
          + " it is restored or they are changed).")
  boolean force;

  @Override
  public Integer call() {
    SegmentFolder f = folder.readForWriting();
    FolderOptions.warnUnread(f);
    Bin.Deleted d = Bin.delete(f, id, force, Clock.systemUTC());
    for (var dep : d.dependents()) {
      System.err.println("warning: segment " + dep.id() + " (" + dep.file() + ", "
          + dep.pointer() + ") now " + (dep.direct() ? "refers to a missing segment"
              : "depends on a missing segment, through " + dep.refersTo()));
    }
    String binned = Bin.FOLDER + "/" + d.binned().getName();
    System.out.println("deleted " + id + ": " + (d.element()
        ? "cut out of " + d.from().getName() + ", kept in " + binned
        : d.from().getName() + " moved to " + binned));
    return ExitCodes.OK;
  }
}
