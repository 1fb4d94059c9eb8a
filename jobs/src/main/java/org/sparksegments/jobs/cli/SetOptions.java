package org.sparksegments.jobs.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The catalog and segment set every segment command reads. */
final class SetOptions {
  @Option(names = "--catalog", required = true, paramLabel = "FILE",
      description = "The catalog JSON file naming the databases and their tables: a path"
          + " or a Hadoop URI (hdfs://, s3a://, ...).")
  String catalog;

  @Option(names = "--segments", required = true, paramLabel = "FILE|DIR",
      description = "A segments file (one segment or an array) or a folder of *.json files;"
          + " repeat it to add a quick, unsaved segment file to a saved folder.")
  List<String> segments;

  @Option(names = "--quiet", description = "No progress lines on standard error.")
  boolean quiet;
}
