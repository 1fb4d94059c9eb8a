package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.bind.FieldRef;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.jobs.export.ExportFields;
import org.sparksegments.jobs.export.ExportFormat;
import org.sparksegments.jobs.export.OutPath;
import org.sparksegments.jobs.export.RowsWriter;
import org.sparksegments.jobs.query.Selection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** export: the selected profiles with chosen fields, to a CSV, JSON Lines or Parquet output. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes the selected profiles of a segment, in the segment's order (its"
        + " order_by, then the id ascending), with the chosen fields; the id column always"
        + " comes first.",
        "csv and jsonl: --out is one file, streamed from the driver in order. parquet: --out is"
            + " a folder that Spark writes with a single part file (plus _SUCCESS), so any"
            + " reader gets the rows in order.",
        "--out is a path or a Hadoop URI (file:, hdfs:, s3a:, ...); a path without a scheme is"
            + " qualified as Spark qualifies it (against fs.defaultFS).",
        "On the local file system and HDFS the output is written next to --out under a hidden"
            + " name and renamed into place when complete: a failure leaves nothing behind. On"
            + " object stores it is written in place (a failure may leave a partial folder)."
            + " Prints one JSON line: {\"segment\",\"as_of\",\"format\",\"rows\",\"out\"}"
            + " (out: the qualified URI)."},
    footer = {"", "Exit status: 0 done, 2 invalid input (unknown segment or field, bad format,"
        + " an existing --out without --overwrite; nothing written), 1 failure."})
final class ExportCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;
  @Mixin ExportOptions export;

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "The file (csv, jsonl) or folder (parquet) to write, a path or a Hadoop URI;"
          + " it must not exist, or be an empty folder, unless --overwrite. Missing parent"
          + " folders are created.")
  String out;

  @Option(names = "--fields", split = ",", paramLabel = "a,b",
      description = "Profile fields to export, dotted paths into structs and maps allowed"
          + " (address.zip, attrs.color), named as written. Default: every profile column.")
  List<String> fields;

  @Override
  public Integer call() throws Exception {
    Instant asOf = AsOf.parse(pick.asOf);
    ExportFormat format = export.format();
    Workspace ws = Workspace.open("export", set.catalog, set.segments);
    OutPath target = export.out(ws.storage(), ws.catalog(), out, format.folder());
    BoundSegment s = ws.bind(pick.segment);
    List<FieldRef> chosen = null;
    if (fields != null) {
      Problems problems = new Problems();
      chosen = ExportFields.chosen(s, fields, problems);
      if (!problems.isEmpty()) {
        throw Options.invalid(problems, "--fields");
      }
    }
    // Planned before anything is written, as a frame handed straight to the writer.
    var rows = Selection.of(ws.evaluator(), s, asOf).exportRows(chosen);
    Progress progress = new Progress(set.quiet);
    progress.say("exporting " + s.id() + " as of " + asOf + " to " + target.path()
        + " (" + format + ")");
    long[] n = new long[1];
    RowsWriter writer = new RowsWriter(ws.storage(), format, s.database().zone());
    target.write((to, replace) -> n[0] = writer.write(rows, to, replace));
    progress.say(n[0] + " rows written");
    ObjectNode line = ExportOptions.summary(s.id(), asOf, format);
    line.put("rows", n[0]);
    line.put("out", target.path().toString());
    System.out.println(line);
    return ExitCodes.OK;
  }
}
