package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.eval.Evaluator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** count: one JSON line with the segment's counts. */
@Command(name = "count", mixinStandardHelpOptions = true,
    description = {"Prints one JSON line: {\"segment\",\"as_of\",\"in_range\",\"matched\","
        + "\"selected\"}.",
        "in_range: profiles of the base (created by the as-of) in the segment's range;"
            + " matched: those that satisfy the conditions; selected: those kept by the limit."},
    footer = {"", "Exit status: 0 done, 2 invalid input, 1 failure."})
final class CountCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Override
  public Integer call() {
    Instant asOf = AsOf.parse(pick.asOf);
    Workspace ws = Workspace.open("count", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    Progress progress = new Progress(set.quiet);
    progress.say("counting segment " + s.id() + " on database " + s.database().name()
        + " as of " + asOf);
    Evaluator.Counts c = ws.evaluator().count(s, asOf);
    progress.say("done");
    System.out.println(line(s.id(), asOf, c));
    return ExitCodes.OK;
  }

  /** The spec's count line, keys in this order. */
  static String line(String id, Instant asOf, Evaluator.Counts c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("segment", id);
    o.put("as_of", asOf.toString());
    o.put("in_range", c.inRange());
    o.put("matched", c.matched());
    o.put("selected", c.selected());
    return o.toString();
  }
}
