package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.actions.StaticCopy;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** copy-to-static: the members of a segment appended to a static segment. */
@Command(name = "copy-to-static", mixinStandardHelpOptions = true,
    description = {"Appends the segment's members, as of --as-of, to the database's"
        + " static_segments table as rows (NAME, id, added_at = the as-of, removed_at null).",
        "The rows go into one new Parquet file, written in a hidden folder and moved into the"
            + " table folder once complete; existing files are never changed. A profile that is"
            + " already in NAME as of the as-of gets no second row, so copying again adds"
            + " nothing. Prints one JSON line: members, already_in, added, file.",
        "The static_segments source must be a Parquet folder (a table: source is refused);"
            + " a folder without files yet gets the contract's columns."},
    footer = {"", "Exit status: 0 done, 2 invalid input (nothing written), 1 failure"
        + " (nothing added)."})
final class CopyToStaticCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Option(names = "--static", required = true, paramLabel = "NAME",
      description = "The static segment to add the members to (the \"segment\" column).")
  String name;

  @Override
  public Integer call() throws Exception {
    Instant asOf = AsOf.parse(pick.asOf);
    Workspace ws = Workspace.open("copy-to-static", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    Database db = ws.catalog().database(s.database().name()).orElseThrow();
    StaticCopy copy = StaticCopy.prepare(ws.spark(), db, name);
    Progress progress = new Progress(set.quiet);
    progress.say("copying " + s.id() + " as of " + asOf + " to static segment " + name
        + " of database " + db.name());
    StaticCopy.Result r = copy.run(ws.evaluator(), s, asOf, progress::say);
    progress.say(r.added() + " rows added");
    ObjectNode o = Summary.start("copy-to-static", s, asOf);
    o.put("static", name);
    o.put("members", r.members());
    o.put("already_in", r.alreadyIn());
    o.put("added", r.added());
    o.put("table", db.staticSegments().orElseThrow().written());
    o.put("file", r.file());
    System.out.println(o);
    return ExitCodes.OK;
  }
}
