package org.sparksegments.jobs.run;

/**
 * Which failures of one segment's or one database's work a run contains (spec 7: "any exception
 * or error the JVM survives"), and how they are told in a bounded message.
 */
final class Containment {
  /** The longest message a manifest entry gets from a failure. */
  static final int MAX_MESSAGE = 500;

  private Containment() {}

  /**
   * Rethrows what must not be contained; returns otherwise. A stack overflow is the thread's own
   * and unwound by the time it is caught; an out-of-memory error in the driver leaves memory once
   * the failed plan is dropped: both are contained. The other virtual machine errors (an
   * internal error, an unknown error) and {@link ThreadDeath} say the JVM itself is in doubt.
   */
  @SuppressWarnings("removal")
  static void check(Throwable t) {
    if (t instanceof ThreadDeath || t instanceof VirtualMachineError
        && !(t instanceof StackOverflowError) && !(t instanceof OutOfMemoryError)) {
      if (t instanceof Error e) {
        throw e;
      }
    }
  }

  /**
   * The innermost cause's message, at most {@link #MAX_MESSAGE} characters; an error (a stack
   * overflow has no message) is named by its class.
   */
  static String message(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null || t instanceof Error
        ? t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage())
        : t.getMessage();
    return m.length() > MAX_MESSAGE ? m.substring(0, MAX_MESSAGE) + "..." : m;
  }
}
