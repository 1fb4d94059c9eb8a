package org.sparksegments.jobs.cli;

import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.eval.ReadFailures;
import picocli.CommandLine;

/** Entry point of {@code scripts/segments} and of {@code spark-submit --class}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    JvmOptions.applySystemProperties();
    System.exit(run(args));
  }

  /** Runs one command; returns the exit status: 0 done, 2 invalid input, 1 failure. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new SegmentsCommand());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      // The one place bad input is reported: every problem, whole, one a line.
      if (e instanceof InvalidInputException bad) {
        bad.errors().forEach(err -> System.err.println(err.render()));
        return ExitCodes.INVALID;
      }
      // A data file Spark could not read is the input's fault: named, coded, without a trace.
      var unreadable = ReadFailures.error("Cannot complete " + cmd.getCommandName(), e);
      if (unreadable.isPresent()) {
        System.err.println(unreadable.get().render());
        return ExitCodes.INVALID;
      }
      System.err.println("segments: failed: " + e);
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        System.err.println("  caused by: " + c);
      }
      return ExitCodes.FAILURE;
    });
    return cli.execute(args);
  }
}
