package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** count: one JSON line with the segment's counts. */
@Command(name = "count", mixinStandardHelpOptions = true,
    description = {"Prints one JSON line: {\"segment\",\"as_of\",\"in_range\",\"matched\","
        + "\"selected\"}.",
        "in_range: profiles of the base (created by the as-of) in the segment's range;"
            + " matched: those that satisfy the conditions; selected: those kept by the limit.",
        "With --sample P, only the profiles in the lowest P %% of the range's buckets are"
            + " evaluated and the counts are scaled up, marked \"estimate\": true, with the"
            + " sample's size and 95 %% intervals (in_range_low/high, matched_low/high)."},
    footer = {"", "Exit status: 0 done, 2 invalid input, 1 failure."})
final class CountCommand implements Callable<Integer> {
  @Mixin SetOptions set;
  @Mixin PickOptions pick;

  @Option(names = "--sample", paramLabel = "P",
      description = "Estimate from P %% of the range's buckets: 0 < P <= 100, at most two"
          + " decimals, such as 10 or 2.5.")
  String sample;

  @Override
  public Integer call() {
    Instant asOf = AsOf.parse(pick.asOf);
    BigDecimal percent = sample == null ? null : percent(sample);
    Workspace ws = Workspace.open("count", set.catalog, set.segments);
    BoundSegment s = ws.bind(pick.segment);
    Progress progress = new Progress(set.quiet);
    progress.say("counting segment " + s.id() + " on database " + s.database().name()
        + " as of " + asOf);
    if (percent != null) {
      System.out.println(SampledCount.line(s, asOf, percent, ws.evaluator(), progress));
    } else {
      Evaluator.Counts c = ws.evaluator().count(s, asOf);
      System.out.println(line(s.id(), asOf, c));
    }
    progress.say("done");
    return ExitCodes.OK;
  }

  /** The --sample value: 0 < P <= 100, at most two decimals. */
  static BigDecimal percent(String text) {
    if (text.matches("\\d{1,3}(\\.\\d{1,2})?")) {
      BigDecimal p = new BigDecimal(text);
      if (p.signum() > 0 && p.compareTo(BigDecimal.valueOf(100)) <= 0) {
        return p;
      }
    }
    throw Options.bad("--sample", text, "a percent of the range's buckets, 0 < P <= 100 with"
        + " at most two decimals, such as 10 or 2.5");
  }

  /** The spec's count line, keys in this order. */
  static String line(String id, Instant asOf, Evaluator.Counts c) {
    return counts(id, asOf, c).toString();
  }

  /** The spec's count object, keys in this order. */
  static ObjectNode counts(String id, Instant asOf, Evaluator.Counts c) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("segment", id);
    o.put("as_of", asOf.toString());
    o.put("in_range", c.inRange());
    o.put("matched", c.matched());
    o.put("selected", c.selected());
    return o;
  }
}
