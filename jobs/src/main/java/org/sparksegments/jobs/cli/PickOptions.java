package org.sparksegments.jobs.cli;

import picocli.CommandLine.Option;

/** The segment a command works on and the instant it is evaluated as of. */
final class PickOptions {
  @Option(names = "--segment", required = true, paramLabel = "ID",
      description = "The id of the segment, one of the given segments.")
  String segment;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "Evaluate as of this instant: ISO-8601 with Z or an offset, such as"
          + " 2026-06-01T00:00:00Z. Default: now.")
  String asOf;
}
