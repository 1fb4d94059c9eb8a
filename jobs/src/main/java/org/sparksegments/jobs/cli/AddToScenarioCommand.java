package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.actions.ScenarioHandoff;
import org.sparksegments.jobs.catalog.WriteTargets;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** add-to-scenario: the members handed to an orchestrator's scenario as a Parquet batch. */
@Command(name = "add-to-scenario", mixinStandardHelpOptions = true,
    description = {"Hands the segment's members (as of --as-of) to a scenario of an"
        + " orchestrator: one Parquet file PATH/SCENARIO/BATCH/DATABASE.SEGMENT.parquet, BATCH"
        + " being the as-of in UTC (yyyyMMddTHHmmss.ffffffZ, so batches sort by time), with"
        + " columns scenario_id, profile_id (a string, whatever the database's id type),"
        + " database, segment and enqueued_at (the as-of).",
        "The file appears complete in one rename. When it exists already nothing is written:"
            + " running again for the same scenario, segment and as-of leaves the same rows"
            + " (pass --as-of to make a retry land on the same batch).",
        "Prints one JSON line: written (false when the batch was there already), rows, file."},
    footer = {"", "Exit status: 0 done, 2 invalid input (nothing written), 1 failure (nothing"
        + " added)."})
final class AddToScenarioCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Option(names = "--scenario", required = true, paramLabel = "SCENARIO_ID",
      description = "The scenario: 1 to 64 of A-Z a-z 0-9 _ -.")
  String scenario;

  @Option(names = "--to", required = true, paramLabel = "PATH",
      description = "The hand-off folder (a path or a Hadoop URI), shared by every scenario.")
  String to;

  @Override
  public Integer call() throws Exception {
    Instant asOf = AsOf.parse(pick.asOf);
    Workspace ws = Workspace.open("add-to-scenario", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    WriteTargets.requireWritten(ws.catalog(), ws.storage(), to, "--to");
    ScenarioHandoff handoff = ScenarioHandoff.prepare(ws.spark(), to, scenario,
        s.database().name());
    Progress progress = new Progress(set.quiet);
    progress.say("adding the members of " + s.id() + " as of " + asOf + " to scenario "
        + scenario);
    ScenarioHandoff.Result r = handoff.run(ws.evaluator(), s, asOf, progress::say);
    ObjectNode o = Summary.start("add-to-scenario", s, asOf);
    o.put("scenario", scenario);
    o.put("written", r.written());
    o.put("rows", r.rows());
    o.put("file", r.file());
    System.out.println(o);
    return ExitCodes.OK;
  }
}
