package org.sparksegments.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.data.SampleGenerator;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Sessions;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** demo: the sample database and the example segments, counted, as a table. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generates the sample database if absent, then evaluates every example"
        + " segment as of the sample's as-of and prints their counts as a table."},
    footer = {"", "Exit status: 0 done, 2 an example is invalid, 1 failure."})
final class DemoCommand implements Callable<Integer> {
  // Local folders by nature: the demo generates its sample on this machine's disk (the sample
  // generator uses java.nio.file) and reads the examples of the checkout.
  @Option(names = "--sample", defaultValue = "data/sample", paramLabel = "DIR",
      description = "Where the sample lives (default: ${DEFAULT-VALUE}).")
  Path sample;

  @Option(names = "--examples", defaultValue = "data/examples", paramLabel = "DIR",
      description = "The example segments (default: ${DEFAULT-VALUE}).")
  Path examples;

  @Option(names = "--profiles", defaultValue = "20000", paramLabel = "N",
      description = "Profiles per database when the sample is generated (default:"
          + " ${DEFAULT-VALUE}).")
  long profiles;

  @Override
  public Integer call() {
    Progress progress = new Progress(false);
    Path catalog = sample.resolve("catalog.json");
    if (!Files.isRegularFile(catalog)) {
      progress.say("no sample in " + sample + ": generating " + profiles
          + " profiles per database (seed 42)");
      SampleGenerator.generate(Sessions.create("demo"), sample, profiles, 42);
    }
    Instant asOf = SampleGenerator.SAMPLE_AS_OF;
    Workspace ws = Workspace.open("demo", catalog.toString(), java.util.List.of(examples.toString()));
    List<Binder.Result> results = ws.validateAll();
    int invalid = 0;
    Map<String, List<BoundSegment>> byDatabase = new TreeMap<>();
    for (Binder.Result r : results) {
      if (!r.ok()) {
        invalid++;
        r.errors().forEach(e -> System.err.println(e.render()));
        continue;
      }
      byDatabase.computeIfAbsent(r.segment().database().name(), k -> new ArrayList<>())
          .add(r.segment());
    }
    Evaluator ev = ws.evaluator();
    List<String[]> rows = new ArrayList<>();
    for (Map.Entry<String, List<BoundSegment>> db : byDatabase.entrySet()) {
      progress.say("database " + db.getKey() + ": counting " + db.getValue().size()
          + " example segments as of " + asOf + " in one pass");
      Map<String, Evaluator.Counts> counts = ev.evaluate(db.getValue(), asOf)
          .counts(db.getValue().stream().map(BoundSegment::id).toList());
      for (BoundSegment s : db.getValue()) {
        Evaluator.Counts c = counts.get(s.id());
        rows.add(new String[] {s.id(), db.getKey(), fmt(c.inRange()), fmt(c.matched()),
            fmt(c.selected()), s.segment().name().orElse("")});
      }
    }
    System.out.println("as of " + asOf);
    Table.print(new String[] {"segment", "database", "in_range", "matched", "selected", "name"},
        rows, System.out);
    progress.say("done");
    return invalid == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  private static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
