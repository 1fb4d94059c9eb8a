package org.sparksegments.jobs.cli;

/** Exit statuses of every command (spec 8). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int INVALID = 2;

  private ExitCodes() {}
}
