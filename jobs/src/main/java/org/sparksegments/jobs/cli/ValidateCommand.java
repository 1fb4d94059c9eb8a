package org.sparksegments.jobs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** validate: checks every segment against the catalog and the tables' schemas; runs no job. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks every given segment: JSON shape, keys, operators, fields and literal"
        + " types against the tables' real schemas (read from Parquet footers, no Spark job).",
        "Every problem is reported at once on standard error with file, segment id, code and"
            + " JSON pointer."},
    footer = {"", "Exit status: 0 all valid, 2 some invalid, 1 failure."})
final class ValidateCommand implements Callable<Integer> {
  @Mixin SetOptions set;

  @Override
  public Integer call() {
    Workspace ws = Workspace.open("validate", set.catalog, set.segments);
    // Footers only: a corrupt file or a type conflict between files is found without a job.
    ws.checkEveryFile();
    List<Binder.Result> results = ws.validateAll();
    int bad = 0;
    for (Binder.Result r : results) {
      if (!r.ok()) {
        bad++;
        r.errors().forEach(e -> System.err.println(e.render()));
      }
    }
    int ok = results.size() - bad;
    System.out.println(ok + " valid, " + bad + " invalid"
        + (ok > 0 ? ": " + String.join(", ", results.stream().filter(Binder.Result::ok)
            .map(r -> r.segment().id()).toList()) : ""));
    return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }
}
