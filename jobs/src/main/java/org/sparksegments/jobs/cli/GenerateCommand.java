package org.sparksegments.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sparksegments.data.SampleGenerator;
import org.sparksegments.jobs.eval.Sessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** generate: writes the two sample databases and their catalog. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Writes a seeded sample: databases 'shop' (string ids, Europe/Berlin) and"
        + " 'app' (long ids, UTC) as Parquet, plus catalog.json, under --out.",
        "The same --profiles and --seed always give the same rows. Events lie on both sides of"
            + " the sample's as-of, 2026-06-01T00:00:00Z."},
    footer = {"", "Exit status: 0 done, 2 invalid options (nothing written), 1 failure."})
final class GenerateCommand implements Callable<Integer> {
  // A local folder by nature: the sample generator writes its files on this machine's disk
  // (java.nio.file), for trying the engine out; copy it elsewhere to use it on a cluster.
  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Folder to write into; it must be empty or absent unless --overwrite.")
  Path out;

  @Option(names = "--profiles", defaultValue = "20000", paramLabel = "N",
      description = "Profiles per database (default: ${DEFAULT-VALUE}).")
  long profiles;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S",
      description = "Seed of every generated value (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--overwrite", description = "Replace an existing sample in --out.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    if (profiles < 1 || profiles > 1_000_000_000L) {
      throw Options.bad("--profiles", String.valueOf(profiles), "a number from 1 to 1000000000");
    }
    if (!overwrite && Files.isDirectory(out)) {
      try (Stream<Path> s = Files.list(out)) {
        if (s.findAny().isPresent()) {
          throw Options.bad("--out", out.toString(), "an empty or absent folder, or --overwrite");
        }
      }
    }
    Progress progress = new Progress(false);
    progress.say("generating " + profiles + " profiles per database, seed " + seed + ", into "
        + out);
    SampleGenerator.Summary summary = SampleGenerator.generate(Sessions.create("generate"), out,
        profiles, seed);
    for (Map.Entry<String, Long> e : summary.rowsPerTable().entrySet()) {
      System.out.printf("%-28s %,14d rows%n", e.getKey(), e.getValue());
    }
    progress.say("done: catalog " + out.resolve("catalog.json"));
    return ExitCodes.OK;
  }
}
