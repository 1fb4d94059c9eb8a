package org.sparksegments.jobs.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.bind.FieldRef;
import org.sparksegments.conditions.bind.FieldResolver;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.jobs.query.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** show: the first selected profiles as a table. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Prints the first selected profiles as a table, in the segment's order.",
    footer = {"", "Exit status: 0 done, 2 invalid input, 1 failure."})
final class ShowCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Option(names = "--rows", defaultValue = "100", paramLabel = "N",
      description = "How many rows to show (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(names = "--fields", split = ",", paramLabel = "a,b",
      description = "Profile fields to show, dotted paths allowed (default: every column).")
  List<String> fields;

  @Override
  public Integer call() {
    Instant asOf = AsOf.parse(pick.asOf);
    if (rows < 1) {
      throw Options.bad("--rows", String.valueOf(rows), "a whole number, 1 or more");
    }
    Workspace ws = Workspace.open("show", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    List<FieldRef> shown = null;
    if (fields != null) {
      Problems problems = new Problems();
      List<FieldRef> refs = new ArrayList<>();
      for (String f : fields) {
        FieldResolver.resolve(s.database().profiles(), f, "profiles", "", problems)
            .ifPresent(refs::add);
      }
      shown = refs;
      if (!problems.isEmpty()) {
        throw Options.invalid(problems, "--fields");
      }
    }
    Progress progress = new Progress(set.quiet);
    progress.say("showing " + s.id() + " as of " + asOf);
    Selection.of(ws.evaluator(), s, asOf).show(rows, shown);
    return ExitCodes.OK;
  }
}
