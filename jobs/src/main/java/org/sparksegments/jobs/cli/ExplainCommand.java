package org.sparksegments.jobs.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.plan.Feature;
import org.sparksegments.conditions.plan.Requirements;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.jobs.query.Explanation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** explain: the predicate as Spark SQL text, the shared features and the physical plan. */
@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Prints, for reading only: the features the segment needs from other tables"
        + " (each computed once per table in one aggregation, named by a digest of its"
        + " definition), the segment's predicate as Spark SQL text, and Spark's physical plan"
        + " of its selection.",
        "With --counts, also how many profiles of the range pass each node of the condition"
            + " tree (one line per node, indented as the tree, with its JSON pointer), counted"
            + " in one Spark job. Nodes imported with conditions_of are listed under the import;"
            + " nodes of where trees (filters over events or external rows) are not listed."},
    footer = {"", "Exit status: 0 done, 2 invalid input, 1 failure."})
final class ExplainCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Option(names = "--counts",
      description = "Also count the profiles of the range passing each node (runs one job).")
  boolean counts;

  @Override
  public Integer call() {
    Instant asOf = AsOf.parse(pick.asOf);
    Workspace ws = Workspace.open("explain", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    Explanation e = Explanation.of(ws.evaluator(), s, asOf);
    System.out.println("segment " + s.id() + " on database " + s.database().name() + " as of "
        + asOf);
    Requirements req = Requirements.of(s.condition().stream().toList());
    System.out.println();
    System.out.println("== features (one aggregation per table, joined once) ==");
    for (Class<? extends Feature> kind : List.of(Feature.EventAggregate.class,
        Feature.SequenceMatch.class, Feature.SubscriptionFlag.class, Feature.StaticFlag.class,
        Feature.ExternalFlag.class)) {
      for (Feature f : req.features(kind)) {
        System.out.println(f.column() + "  " + f.canonical());
      }
    }
    if (!req.segments().isEmpty()) {
      System.out.println("segments referred to: " + String.join(", ", req.segments()));
    }
    System.out.println();
    System.out.println("== predicate (range and conditions) ==");
    System.out.println(e.predicate());
    System.out.println();
    System.out.println("== physical plan of the selection ==");
    System.out.println(e.physicalPlan());
    if (counts) {
      Progress progress = new Progress(set.quiet);
      progress.say("counting the profiles passing each node of segment " + s.id());
      System.out.println();
      System.out.println("== profiles of the range passing each node (one Spark job) ==");
      NodeCounts.lines(s, e.nodeCounts(ws.segments())).forEach(System.out::println);
      progress.say("done");
    }
    return ExitCodes.OK;
  }
}
