package org.sparksegments.jobs.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.jobs.catalog.WriteTargets;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.jobs.run.BatchRun;
import org.sparksegments.jobs.run.Jcs;
import org.sparksegments.jobs.run.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** run: the batch recalculation of every given segment (spec 9). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Recalculates every given segment of every database as of one instant and"
        + " writes under DIR/runs/RUN_ID/: members/segment=ID/ (selected ids, in order),"
        + " changes/segment=ID/ (entered / left against the previous successful run of the"
        + " segment) and manifest.json, written last; then one row per segment in DIR/counts/.",
        "Each table is read once; all conditions on events, subscriptions, static segments and"
            + " external tables of a database share one aggregation per table. A run without"
            + " manifest.json is incomplete and ignored; earlier runs are never changed.",
        "Invalid segments (and files that cannot be read, by their file) are reported in the"
            + " manifest (status invalid, with errors) and the others computed; a database whose"
            + " tables cannot be read fails only its segments, a segment whose evaluation fails"
            + " only itself."},
    footer = {"", "Exit status: 0 all ok, 2 some segment invalid, 1 some segment failed."})
final class RunCommand implements Callable<Integer> {
  @Mixin SetOptions set;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The output folder (runs/ and counts/ live there): a path or a Hadoop URI"
          + " (hdfs://..., s3a://...); a path without scheme is on the default file system.")
  String out;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "Evaluate as of this instant: ISO-8601 with Z or an offset. Default: now.")
  String asOf;

  @Option(names = "--only", split = ",", paramLabel = "a,b",
      description = "Run only these segments (the segments they refer to are evaluated too,"
          + " but not written).")
  List<String> only;

  @Override
  public Integer call() throws Exception {
    Instant at = AsOf.parse(asOf);
    Progress progress = new Progress(set.quiet);
    Workspace ws = Workspace.open("run", set.catalog, set.segments);
    Set<String> wanted = new LinkedHashSet<>();
    if (only != null) {
      for (String id : only) {
        if (ws.segments().find(id).isEmpty()) {
          throw Options.bad("--only", id, "ids of the given segments: "
              + String.join(", ", ws.segments().ids()));
        }
        wanted.add(id);
      }
    }
    List<BatchRun.Planned> planned = new ArrayList<>();
    int unnamed = 0;
    for (Parsed p : ws.segments().all()) {
      if (p.id() == null && p.segment() == null) {
        // Nothing of it could be read, not even its id: the manifest lists it by its file.
        unnamed++;
        p.errors().forEach(e -> System.err.println(e.render()));
        if (wanted.isEmpty()) {
          planned.add(new BatchRun.Planned(null, null, null, null, p.errors(), p.source()));
        }
        continue;
      }
      String id = p.id() != null ? p.id() : p.segment().id();
      if (!wanted.isEmpty() && !wanted.contains(id)) {
        continue;
      }
      Binder.Result r = ws.validate(p);
      String db = p.segment() == null ? null : p.segment().database();
      String sha = p.segment() == null || !Jcs.canDigest(p.segment().document()) ? null
          : Jcs.sha256(p.segment().document());
      if (!r.ok()) {
        r.errors().forEach(e -> System.err.println(e.render()));
      }
      planned.add(new BatchRun.Planned(id, db, sha, r.ok() ? r.segment() : null, r.errors()));
    }
    if (planned.stream().allMatch(p -> p.id() == null)) {
      System.err.println("segments: run: no segment could be read; nothing written");
      return ExitCodes.INVALID;
    }
    progress.say(planned.size() + " segments read, " + planned.stream()
        .filter(p -> p.bound() == null).count() + " invalid");
    RunStore store = RunStore.at(ws.storage(), out);
    // Before any folder is claimed: the run's outputs never land on its inputs.
    WriteTargets.require(ws.catalog(), ws.storage(), store.out(), "--out");
    BatchRun.Result result = new BatchRun(ws.spark(), ws.catalog(), ws.evaluator(), store,
        progress::say).run(planned, at);
    System.out.println(result.run());
    if (!result.failed().isEmpty()) {
      return ExitCodes.FAILURE;
    }
    return result.invalid().isEmpty() && unnamed == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }
}
