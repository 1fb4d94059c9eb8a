package org.sparksegments.conditions.spark;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_repeat;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundEventFilter;

/**
 * Ordered events per profile, in one pass over the profile's matching events sorted by time.
 *
 * <p>The fold keeps, for each step s, the latest start time of a chain that has matched steps
 * 0..s ({@code best}); a chain can only be extended by a strictly later event, so events are
 * folded in groups of equal time, each group reading the state as it was before the group
 * ({@code before}). Keeping the latest start is optimal for "the last no more than N days after
 * the first". Cost: steps × events per profile.
 */
final class Sequences {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private Sequences() {}

  /** Per profile, the list of (ts, step mask) of events matching any step, in the window. */
  static Column collect(BoundCondition.Sequence s, EvalContext ctx) {
    List<BoundEventFilter> steps = s.steps();
    Column mask = lit(0);
    Column any = lit(false);
    for (int i = 0; i < steps.size(); i++) {
      Column p = FeatureFrames.filter(steps.get(i), ctx);
      mask = mask.plus(when(p, lit(1 << i)).otherwise(lit(0)));
      any = any.or(p);
    }
    Column keep = any.and(FeatureFrames.window(col("ts"), s.window(), ctx));
    return collect_list(when(keep, struct(col("ts").as("ts"), mask.as("mask"))));
  }

  /** Whether the collected events hold the steps in order (false for no events). */
  static Column matches(Column events, BoundCondition.Sequence s) {
    int k = s.steps().size();
    Column noTimes = array_repeat(lit(null).cast("timestamp"), k);
    Column init = struct(noTimes.as("best"), noTimes.as("before"),
        lit(null).cast("timestamp").as("prev"), lit(false).as("ok"));
    long within = s.withinDays();
    return aggregate(array_sort(events), init, (acc, x) -> {
          Column ts = x.getField("ts");
          Column m = x.getField("mask");
          Column before = when(coalesce(ts.gt(acc.getField("prev")), lit(true)),
              acc.getField("best")).otherwise(acc.getField("before"));
          Column best = transform(acc.getField("best"), (v, i) -> {
            // element_at is 1-based: step i extends the chain that reached step i - 1.
            Column prior = element_at(before, greatest(i, lit(1)));
            Column extendFirst = when(bit(m, lit(0)), greatest(v, ts)).otherwise(v);
            Column extend = when(bit(m, i).and(prior.isNotNull()), greatest(v, prior))
                .otherwise(v);
            return when(i.equalTo(lit(0)), extendFirst).otherwise(extend);
          });
          Column start = element_at(before, k - 1);
          Column done = bit(m, lit(k - 1)).and(start.isNotNull());
          if (within >= 0) {
            done = done.and(unix_micros(ts).minus(unix_micros(start))
                .leq(lit(within * MICROS_PER_DAY)));
          }
          return struct(best.as("best"), before.as("before"), ts.as("prev"),
              acc.getField("ok").or(coalesce(done, lit(false))).as("ok"));
        }, acc -> acc.getField("ok"));
  }

  /** Whether bit {@code i} of the step mask is set. */
  private static Column bit(Column mask, Column i) {
    return mask.bitwiseAND(org.apache.spark.sql.functions.pow(lit(2), i).cast("int"))
        .notEqual(lit(0));
  }
}
