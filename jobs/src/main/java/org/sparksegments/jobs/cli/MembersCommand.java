package org.sparksegments.jobs.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.jobs.query.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** members: the selected ids, one a line, in limit order. */
@Command(name = "members", mixinStandardHelpOptions = true,
    description = "Prints the selected profile ids, one a line, in the segment's order"
        + " (its order_by, then the id ascending).",
    footer = {"", "Exit status: 0 done, 2 invalid input, 1 failure."})
final class MembersCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Override
  public Integer call() throws IOException {
    Instant asOf = AsOf.parse(pick.asOf);
    Workspace ws = Workspace.open("members", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    Progress progress = new Progress(set.quiet);
    progress.say("listing members of " + s.id() + " as of " + asOf);
    Iterator<String> ids = Selection.of(ws.evaluator(), s, asOf).ids();
    long n = 0;
    BufferedWriter out = new BufferedWriter(
        new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    while (ids.hasNext()) {
      out.write(ids.next());
      out.write('\n');
      n++;
    }
    out.flush();
    progress.say(n + " members");
    return ExitCodes.OK;
  }
}
