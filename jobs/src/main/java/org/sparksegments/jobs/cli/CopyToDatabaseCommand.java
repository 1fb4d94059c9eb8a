package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.actions.DatabaseCopy;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** copy-to-database: the members' profile rows copied into another database's profiles. */
@Command(name = "copy-to-database", mixinStandardHelpOptions = true,
    description = {"Copies the profile rows of the segment's members (as of --as-of) into the"
        + " profiles table of another database of the catalog.",
        "Ids the target has already are kept unchanged; the other rows are added as one new"
            + " Parquet file, written in a hidden folder and moved into the table folder once"
            + " complete. With --upsert the target's rows of those ids are replaced by the"
            + " source rows: the table is written as a new version (profiles.v2, ...) and the"
            + " catalog switched to it atomically, as bulk-update does.",
        "Schemas are compared before anything is written: the ids must fit the target's id"
            + " column (both strings, or both integers with the target at least as wide);"
            + " every other source column must be in the target with the same type (or be left"
            + " out with --drop-extra); target columns the source lacks are written as null."
            + " Every difference is listed.",
        "Prints one JSON line: members; kept (with --upsert: replaced), the members the"
            + " target had already; added; filled_with_null and dropped, the columns; and file"
            + " (with --upsert: old_source and new_source). The target's profiles must be a"
            + " Parquet path (a table: source is refused)."},
    footer = {"", "Exit status: 0 done, 2 invalid input or schema differences (nothing"
        + " written), 1 failure (the target unchanged)."})
final class CopyToDatabaseCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Option(names = "--to", required = true, paramLabel = "DB",
      description = "The target database, another database of the catalog.")
  String to;

  @Option(names = "--upsert", description = "Replace the target's rows of ids it has"
      + " already (default: keep them unchanged).")
  boolean upsert;

  @Option(names = "--drop-extra", description = "Leave out source columns that the target's"
      + " profiles table lacks (default: refuse and list them).")
  boolean dropExtra;

  @Override
  public Integer call() throws Exception {
    Instant asOf = AsOf.parse(pick.asOf);
    Workspace ws = Workspace.open("copy-to-database", set.catalog, set.segments);
    Database target = ws.catalog().database(to).orElseThrow(() -> new InvalidInputException(
        List.of(new ValidationError(ErrorCode.UNKNOWN_DATABASE, null, null, "",
            "Cannot use --to '" + to + "': the catalog has no such database (expected one of: "
                + String.join(", ", ws.catalog().databases().keySet()) + ")"))));
    BoundSegment s = ws.bind(pick.segment);
    Database source = ws.catalog().database(s.database().name()).orElseThrow();
    DatabaseCopy copy = DatabaseCopy.prepare(ws.spark(), source, target, upsert, dropExtra);
    Progress progress = new Progress(set.quiet);
    progress.say("copying the profiles of " + s.id() + " as of " + asOf + " from database "
        + source.name() + " to " + target.name() + (upsert ? " (upsert)" : ""));
    DatabaseCopy.Result r = copy.run(ws.evaluator(), s, asOf, ws.catalog().file(),
        progress::say);
    ObjectNode o = Summary.start("copy-to-database", s, asOf);
    o.put("to", target.name());
    o.put("upsert", upsert);
    o.put("members", r.members());
    o.put(upsert ? "replaced" : "kept", r.existing());
    o.put("added", r.added());
    copy.fit().filled().forEach(o.putArray("filled_with_null")::add);
    copy.fit().dropped().forEach(o.putArray("dropped")::add);
    if (r.switched() != null) {
      o.put("old_source", r.switched().oldSource());
      o.put("new_source", r.switched().newSource());
    } else {
      o.put("file", r.file());
    }
    System.out.println(o);
    return ExitCodes.OK;
  }
}
