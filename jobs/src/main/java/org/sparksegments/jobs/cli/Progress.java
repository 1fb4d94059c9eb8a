package org.sparksegments.jobs.cli;

import java.util.Locale;

/** Progress lines on standard error with the elapsed time, readable in a scheduler's log. */
public final class Progress {
  private final long start = System.nanoTime();
  private final boolean quiet;

  public Progress(boolean quiet) {
    this.quiet = quiet;
  }

  public void say(String message) {
    if (!quiet) {
      double s = (System.nanoTime() - start) / 1e9;
      System.err.println(String.format(Locale.ROOT, "[segments %6.1fs] %s", s, message));
    }
  }
}
