package org.sparksegments.jobs.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.sparksegments.jobs.manage.Bin;
import org.sparksegments.jobs.manage.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** restore: moves a deleted segment back from the folder's bin. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Moves the latest deleted version of segment ID (or the one deleted at"
        + " --at) from DIR/.bin back into the folder, under the file name it had, byte for"
        + " byte.",
        "Refused, with nothing moved, when the bin has no such version, or the folder has a"
            + " segment ID or a file of that name again."},
    footer = {"", "Exit status: 0 done, 2 invalid input (nothing moved), 1 failure."})
final class RestoreCommand implements Callable<Integer> {
  @Mixin FolderOptions folder;

  @Parameters(index = "0", paramLabel = "ID", description = "The segment to bring back.")
  String id;

  @Option(names = "--at", paramLabel = "STAMP",
      description = "The deletion to undo, as stamped in the bin's file name, such as"
          + " 20261128T141500Z (default: the latest).")
  String at;

  @Override
  public Integer call() {
    Restore.Restored r = Restore.restore(folder.readForWriting(), id, Optional.ofNullable(at));
    System.out.println("restored " + id + ": " + Bin.FOLDER + "/" + r.binned().getName()
        + " moved back to " + r.file().getName());
    return ExitCodes.OK;
  }
}
