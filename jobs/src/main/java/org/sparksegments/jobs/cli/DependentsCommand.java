package org.sparksegments.jobs.cli;

import java.util.concurrent.Callable;
import org.sparksegments.jobs.manage.Dependents;
import org.sparksegments.jobs.manage.SegmentFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** dependents: the segments of a folder that refer to a segment, directly or through others. */
@Command(name = "dependents", mixinStandardHelpOptions = true,
    description = {"Lists the segments of the folder that depend on segment ID: those with a"
        + " {\"segment\": ID} or {\"conditions_of\": ID} anywhere in their conditions (direct),"
        + " then those that depend on it through other segments (indirect).",
        "One line each, tab-separated: id, file, direct|indirect, the JSON pointer of the"
            + " reference, and the segment named there (ID, or the dependent it goes through).",
        "A file that cannot be read is reported on standard error and the listing goes on."
            + " Starts no Spark job."},
    footer = {"", "Exit status: 0 done (also with no dependents), 2 invalid input, 1 failure."})
final class DependentsCommand implements Callable<Integer> {
  @Mixin FolderOptions folder;

  @Parameters(index = "0", paramLabel = "ID", description = "The segment depended on.")
  String id;

  @Override
  public Integer call() {
    SegmentFolder.checkId(id, "list the dependents of");
    SegmentFolder f = folder.read();
    FolderOptions.warnUnread(f);
    if (f.find(id).isEmpty()) {
      System.err.println("note: no segment of " + f.dir() + " has the id '" + id + "'");
    }
    Dependents.of(f, id).forEach(d -> System.out.println(d.line()));
    return ExitCodes.OK;
  }
}
