package org.sparksegments.jobs.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.sparksegments.jobs.manage.Cloner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** clone: a copy of a segment under a new id, in a new file of the same folder. */
@Command(name = "clone", mixinStandardHelpOptions = true,
    description = {"Writes DIR/NEW.json: the document of segment ID as written (key order,"
        + " spacing, numbers), with \"id\": NEW and, with --name, the new name. A segment of an"
        + " array file is copied alone into its own file.",
        "Refused, with nothing written, when NEW is not 1 to 64 of A-Z a-z 0-9 _ - or is"
            + " already used in the folder (a segment with that id, or a file NEW.json)."},
    footer = {"", "Exit status: 0 done, 2 invalid input (nothing written), 1 failure."})
final class CloneCommand implements Callable<Integer> {
  @Mixin FolderOptions folder;

  @Parameters(index = "0", paramLabel = "ID", description = "The segment to copy.")
  String id;

  @Option(names = "--as", required = true, paramLabel = "NEW",
      description = "The id of the copy; it names the new file NEW.json.")
  String newId;

  @Option(names = "--name", paramLabel = "TEXT",
      description = "The copy's name (default: the name of the original, if any).")
  String name;

  @Override
  public Integer call() {
    Path written = Cloner.cloneSegment(folder.readForWriting(), id, newId, Optional.ofNullable(name));
    System.out.println("cloned " + id + " as " + newId + ": " + written.getName());
    return ExitCodes.OK;
  }
}
