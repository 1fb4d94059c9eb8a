package org.sparksegments.jobs.actions;

/**
 * A pause at a named point of a change, only when the system property
 * {@code segments.test.pauseAt} names it: tests kill the process there to prove that a kill
 * midway changes nothing. Without the property this does nothing.
 */
final class TestHooks {
  static final String PROPERTY = "segments.test.pauseAt";

  private TestHooks() {}

  static void pause(String point) {
    if (!point.equals(System.getProperty(PROPERTY))) {
      return;
    }
    System.err.println("[segments test] paused at " + point);
    System.err.flush();
    try {
      Thread.sleep(600_000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
