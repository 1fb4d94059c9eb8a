package org.sparksegments.jobs.cli;

import picocli.CommandLine.Command;

/** The top command: only subcommands. */
@Command(name = "segments", mixinStandardHelpOptions = true, version = "spark-segments 0.1.0",
    description = "Computes dynamic segments of customer profiles with Apache Spark.",
    subcommands = {ValidateCommand.class, CountCommand.class, MembersCommand.class,
        ShowCommand.class, ExportCommand.class, ExportHistoryCommand.class, ExplainCommand.class,
        RunCommand.class, CopyToStaticCommand.class, CopyToDatabaseCommand.class,
        BulkUpdateCommand.class, AddToScenarioCommand.class, GenerateCommand.class,
        DemoCommand.class, DependentsCommand.class, CloneCommand.class, DeleteCommand.class,
        RestoreCommand.class},
    footer = {"", "Exit status: 0 done, 2 invalid input, 1 failure. A command given an invalid"
        + " segment writes nothing; run reports invalid segments in its manifest, computes the"
        + " others and exits 2 at the end.",
        "The contract and language reference: docs/language.md"})
final class SegmentsCommand implements Runnable {
  @Override
  public void run() {
    picocli.CommandLine cli = new picocli.CommandLine(this);
    throw new picocli.CommandLine.ParameterException(cli, "Missing command: choose one of "
        + String.join(", ", cli.getSubcommands().keySet()));
  }
}
