package org.sparksegments.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** validate: checks every segment against the catalog and the tables' schemas; runs no job. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks every given segment: JSON shape, keys, operators, fields and literal"
        + " types against the tables' real schemas (read from Parquet footers, no Spark job).",
        "Every problem is reported at once on standard error with file, segment id, code and"
            + " JSON pointer."},
    footer = {"", "Exit status: 0 all valid, 2 some invalid, 1 failure."})
final class ValidateCommand implements Callable<Integer> {
  @Mixin SetOptions set;

  @Override
  public Integer call() {
    Workspace ws = Workspace.open("validate", set.catalog, set.segments);
    // Footers only: a corrupt file or a type conflict between files is found without a job.
    ws.checkEveryFile();
    List<Binder.Result> results = ws.validateAll();
    List<String> valid = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (Binder.Result r : results) {
      if (r.ok()) {
        valid.add(r.segment().id());
      } else {
        r.errors().forEach(e -> System.err.println(e.render()));
        invalid.add(name(r.errors().get(0)));
      }
    }
    int bad = invalid.size();
    // The names after "invalid:" are the invalid ones; the valid ones get their own line.
    System.out.println(valid.size() + " valid, " + bad + " invalid"
        + (bad > 0 ? ": " + String.join(", ", invalid) : ""));
    if (!valid.isEmpty()) {
      System.out.println("valid: " + String.join(", ", valid));
    }
    return bad == 0 ? ExitCodes.OK : ExitCodes.INVALID;
  }

  /** The invalid segment's id, or its file's name when no id could be read. */
  private static String name(ValidationError e) {
    if (e.segmentId() != null) {
      return e.segmentId();
    }
    if (e.file() == null) {
      return "(unnamed)";
    }
    return e.file().substring(e.file().lastIndexOf('/') + 1);
  }
}
