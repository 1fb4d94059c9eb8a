package org.sparksegments.conditions.model;

import java.util.Arrays;
import java.util.Optional;

/** The operators of an event test. */
public enum EventOp {
  EXISTS("exists", Needs.NOTHING),
  NOT_EXISTS("not_exists", Needs.NOTHING),
  AT_LEAST("at_least", Needs.COUNT),
  AT_MOST("at_most", Needs.COUNT),
  EXACTLY("exactly", Needs.COUNT),
  GT("gt", Needs.AGGREGATE),
  GTE("gte", Needs.AGGREGATE),
  LT("lt", Needs.AGGREGATE),
  LTE("lte", Needs.AGGREGATE),
  EQ("eq", Needs.AGGREGATE),
  BETWEEN("between", Needs.AGGREGATE),
  LAST_WITHIN("last_within", Needs.DAYS),
  LAST_BEFORE("last_before", Needs.DAYS),
  FIRST_WITHIN("first_within", Needs.DAYS);

  /** The extra keys an operator needs. */
  public enum Needs { NOTHING, COUNT, AGGREGATE, DAYS }

  private final String json;
  private final Needs needs;

  EventOp(String json, Needs needs) {
    this.json = json;
    this.needs = needs;
  }

  public String json() {
    return json;
  }

  public Needs needs() {
    return needs;
  }

  public static Optional<EventOp> fromJson(String s) {
    return Arrays.stream(values()).filter(o -> o.json.equals(s)).findFirst();
  }

  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(EventOp::json).toList());
  }
}
