package org.sparksegments.jobs.eval;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparksegments.conditions.bind.BoundCondition;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.plan.Requirements;
import org.sparksegments.conditions.spark.EvalContext;
import org.sparksegments.conditions.spark.FeatureFrames;

/**
 * The first stage of an evaluation: the base profiles of one database with every feature column
 * its segments need (one aggregation and one join per table), as of one instant. The next stage
 * is {@link Flags#of}.
 *
 * @param ordered the segments to evaluate with every segment they refer to, dependencies first
 * @param profileColumns the base's columns (the others are features)
 */
public record Features(List<BoundSegment> ordered, Dataset<Row> frame,
    List<String> profileColumns, Requirements requirements, Instant asOf, ZoneId zone) {
  public Features {
    ordered = List.copyOf(ordered);
    profileColumns = List.copyOf(profileColumns);
  }

  static Features of(List<BoundSegment> ordered, Dataset<Row> base, Frames frames,
      Instant asOf) {
    List<BoundCondition> conditions = new ArrayList<>();
    ordered.forEach(s -> s.condition().ifPresent(conditions::add));
    Requirements req = Requirements.of(conditions);
    BoundSegment first = ordered.get(0);
    ZoneId zone = first.database().zone();
    Dataset<Row> wide = FeatureFrames.widen(base, first.database().idColumn(), req, frames,
        new EvalContext(asOf, zone));
    return new Features(ordered, wide, List.of(base.columns()), req, asOf, zone);
  }

  /** The database's id column. */
  public String idColumn() {
    return ordered.get(0).database().idColumn();
  }

  /** The same features computed once into {@code scratch} and read from there. */
  public Features stored(Scratch scratch) {
    return new Features(ordered, scratch.store(frame, "features"), profileColumns, requirements,
        asOf, zone);
  }
}
