package org.sparksegments.conditions.model;

/** One key of a limit's order: a profiles field path and its direction (nulls always last). */
public record OrderField(String pointer, String path, boolean descending) {}
