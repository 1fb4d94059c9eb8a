package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Workspace;
import org.sparksegments.jobs.export.ExportFormat;
import org.sparksegments.jobs.export.History;
import org.sparksegments.jobs.export.OutPath;
import org.sparksegments.jobs.export.RowsWriter;
import org.sparksegments.jobs.query.MemberHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** export-history: the members' events and subscription rows in a time window. */
@Command(name = "export-history", mixinStandardHelpOptions = true,
    description = {"Writes the events (ts) and subscription rows (updated_at) of a segment's"
        + " selected profiles whose time is in [--since, --until) and not after the as-of, to"
        + " DIR/events.EXT and DIR/subscriptions.EXT (folders for parquet).",
        "Rows are ordered by the id (strings by UTF-8 bytes, numbers numerically), then the"
            + " time, then every other column in table order, ascending, nulls first: the same"
            + " inputs always give the same files.",
        "A database without one of the tables: that part is skipped with a note, unless"
            + " --tables names it. DIR is a path or a Hadoop URI, qualified as Spark qualifies it."
            + " On the local file system and HDFS it is written under a hidden name and renamed"
            + " into place when complete; on object stores in place (a failure may leave a"
            + " partial folder). Prints one JSON line: {\"segment\",\"as_of\",\"format\","
            + "\"out\",\"since\",\"until\",\"members\",\"events\",\"subscriptions\"} (null:"
            + " skipped; out: the qualified URI)."},
    footer = {"", "Exit status: 0 done, 2 invalid input (unknown segment, bad instants or"
        + " format, a missing table asked for, an existing non-empty DIR without --overwrite;"
        + " nothing written), 1 failure."})
final class ExportHistoryCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;
  @Mixin ExportOptions export;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "The folder to write, a path or a Hadoop URI; it must not exist or be"
          + " empty, unless --overwrite.")
  String out;

  @Option(names = "--since", required = true, paramLabel = "INSTANT",
      description = "The window's start, included: ISO-8601 with Z or an offset, or a date"
          + " (midnight in the database's timezone).")
  String since;

  @Option(names = "--until", required = true, paramLabel = "INSTANT",
      description = "The window's end, excluded; after --since. Rows after the as-of are never"
          + " written, whatever the window.")
  String until;

  @Option(names = "--tables", split = ",", paramLabel = "TABLE",
      description = "The tables to write, events and/or subscriptions (default: both,"
          + " skipping one the database lacks).")
  List<String> tables;

  @Override
  public Integer call() throws Exception {
    Instant asOf = AsOf.parse(pick.asOf);
    ExportFormat format = export.format();
    Set<History> wanted = wanted();
    Workspace ws = Workspace.open("export-history", set.catalog, set.segments);
    OutPath target = export.out(ws.storage(), ws.catalog(), out, true);
    BoundSegment s = ws.bind(pick.segment);
    Instant from = AsOf.parse("--since", since, s.database().zone());
    Instant to = AsOf.parse("--until", until, s.database().zone());
    if (!from.isBefore(to)) {
      throw new InvalidInputException(List.of(new ValidationError(ErrorCode.BAD_OPTION, null,
          null, "", "Cannot use --since '" + since + "' and --until '" + until + "': the window"
              + " is empty (found " + from + " to " + to + ", expected --since before"
              + " --until)")));
    }
    Map<History, Boolean> present = present(s, wanted);
    Progress progress = new Progress(set.quiet);
    Database db = ws.catalog().database(s.database().name()).orElseThrow();
    Evaluator ev = ws.evaluator();
    progress.say("selecting the members of " + s.id() + " as of " + asOf);
    MemberHistory members = MemberHistory.of(ev, s, db, asOf);
    long count = members.members();
    progress.say(count + " members");
    Map<History, Long> rows = new LinkedHashMap<>();
    RowsWriter writer = new RowsWriter(ws.storage(), format, db.zone());
    try (members) {
      // A folder target: it never exists when the body runs, so its files are all new.
      target.write((dir, replace) -> {
        ws.storage().mkdirs(dir);
        for (History h : present.keySet()) {
          if (present.get(h)) {
            progress.say("writing " + h.table() + " from " + from + " until " + to);
            rows.put(h, writer.write(members.rows(h, from, to),
                new Path(dir, h.table() + "." + format.extension()), false));
            progress.say(rows.get(h) + " " + h.table() + " rows");
          }
        }
      });
    }
    ObjectNode line = ExportOptions.summary(s.id(), asOf, format);
    line.put("out", target.path().toString());
    line.put("since", from.toString());
    line.put("until", to.toString());
    line.put("members", count);
    for (History h : History.values()) {
      line.put(h.table(), rows.get(h));
    }
    System.out.println(line);
    return ExitCodes.OK;
  }

  /** The tables asked for: --tables, or all of them. */
  private Set<History> wanted() {
    if (tables == null) {
      return new LinkedHashSet<>(List.of(History.values()));
    }
    Set<History> out = new LinkedHashSet<>();
    for (String t : tables) {
      out.add(History.named(t).orElseThrow(() -> Options.bad("--tables", t,
          "events or subscriptions")));
    }
    return out;
  }

  /**
   * Which wanted tables the database has; one named by --tables that it lacks, or any that
   * cannot be read, is invalid input. A table skipped by default gets a note on standard error.
   */
  private Map<History, Boolean> present(BoundSegment s, Set<History> wanted) {
    Problems problems = new Problems();
    Map<History, Boolean> out = new LinkedHashMap<>();
    for (History h : wanted) {
      boolean has = h.present(s.database(), problems);
      if (!has && tables != null) {
        problems.add(ErrorCode.UNKNOWN_TABLE, "", "Cannot export the " + h.table() + " table:"
            + " database '" + s.database().name() + "' has none in the catalog (expected"
            + " --tables to name tables the catalog has)");
      } else if (!has) {
        System.err.println("segments: export-history: note: database '" + s.database().name()
            + "' has no " + h.table() + " table; " + h.table() + " skipped");
      }
      out.put(h, has);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.list());
    }
    return out;
  }
}
