package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.actions.BulkUpdate;
import org.sparksegments.jobs.actions.FieldValues;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** bulk-update: profile fields set for every member, as a new version of the profiles table. */
@Command(name = "bulk-update", mixinStandardHelpOptions = true,
    description = {"Sets top-level profile fields for every member of the segment (as of"
        + " --as-of) and writes the result as a new version of the database's profiles table:"
        + " a sibling folder (profiles.v2, profiles.v3, ...) written completely, then the"
        + " catalog file switched to it in one atomic rename. The previous version is not"
        + " changed and stays readable; a failure or a kill before the switch changes nothing.",
        "Values are JSON literals typed by the profiles schema, as in conditions: a string"
            + " (quotes optional for plain text) for string, date and timestamp fields, a number"
            + " for numeric fields, true or false for boolean fields, null to clear any field."
            + " The id column and created_at cannot be set.",
        "Prints one JSON line: members, set, old_source, new_source. The profiles source must"
            + " be a Parquet path (a table: source is refused)."},
    footer = {"", "Exit status: 0 done, 2 invalid input (nothing written), 1 failure (the"
        + " catalog still points at the previous version)."})
final class BulkUpdateCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Option(names = "--set", required = true, paramLabel = "FIELD=VALUE",
      description = "A field and its new value, such as city=Berlin, is_vip=true,"
          + " loyalty_points=500, birthday=1990-05-01 or email=null; repeat for more fields.")
  List<String> sets;

  @Override
  public Integer call() throws Exception {
    Instant asOf = AsOf.parse(pick.asOf);
    Workspace ws = Workspace.open("bulk-update", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    Database db = ws.catalog().database(s.database().name()).orElseThrow();
    BulkUpdate update = BulkUpdate.prepare(ws.spark(), db, sets);
    Progress progress = new Progress(set.quiet);
    progress.say("updating the members of " + s.id() + " in database " + db.name() + " as of "
        + asOf);
    BulkUpdate.Result r = update.run(ws.evaluator(), s, asOf, ws.catalog().file(),
        progress::say);
    ObjectNode o = Summary.start("bulk-update", s, asOf);
    o.put("members", r.members());
    ObjectNode values = o.putObject("set");
    for (FieldValues.Assignment a : update.assignments()) {
      values.set(a.field(), a.written());
    }
    o.put("old_source", r.switched().oldSource());
    o.put("new_source", r.switched().newSource());
    System.out.println(o);
    return ExitCodes.OK;
  }
}
