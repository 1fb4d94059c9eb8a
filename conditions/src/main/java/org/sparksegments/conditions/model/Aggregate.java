package org.sparksegments.conditions.model;

import java.util.Arrays;
import java.util.Optional;

/** {@code {"fn": F, "of": COLUMN}}: an aggregate over a column of the matching events. */
public record Aggregate(String pointer, Fn fn, String of) {

  /** The aggregate functions; null values are skipped. */
  public enum Fn {
    SUM("sum"), AVG("avg"), MIN("min"), MAX("max"), COUNT_DISTINCT("count_distinct");

    private final String json;

    Fn(String json) {
      this.json = json;
    }

    public String json() {
      return json;
    }

    public static Optional<Fn> fromJson(String s) {
      return Arrays.stream(values()).filter(f -> f.json.equals(s)).findFirst();
    }
  }
}
