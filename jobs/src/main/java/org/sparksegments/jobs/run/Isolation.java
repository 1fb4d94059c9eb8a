package org.sparksegments.jobs.run;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Computes the segments of one database in one batch when it can, and isolates what fails.
 *
 * <p>All segments of a database are first evaluated together: one projection, each table read
 * once. When that batch fails, the failure rarely says which segment caused it (a stack overflow
 * while Spark plans the projection, a task failing on an executor, an out-of-memory error name
 * none), so the database is first checked alone ({@code probe}: its profiles read) unless the failure already names a file of one of its
 * tables that cannot be read: if that fails, the database is at fault and all its segments fail with that message. Otherwise the
 * failed batch is split in two halves, each evaluated on its own, and a failing half is split
 * again, down to single segments: one culprit among n costs about 2·log2(n) more evaluations,
 * and every good segment is computed. A budget of attempts bounds the cost when many segments
 * fail (or a table other than the profiles is broken): once it is spent, each batch still to
 * try fails its segments with the error of the batch it came from.
 */
final class Isolation {
  private Isolation() {}

  /** One evaluation of a batch; on failure it has already undone its partial outputs. */
  interface Attempt<S> {
    void run(List<S> batch) throws Exception;
  }

  /** What became of the segments that could not be computed. */
  interface Failures<S> {
    /** The database itself failed (the probe): every segment given. */
    void database(List<S> all, Throwable cause);

    /** These segments failed, alone or in a batch the budget did not allow to split further. */
    void segments(List<S> batch, Throwable cause);
  }

  /** A batch to try and the error of the batch it was split from (null for the first). */
  private record Todo<S>(List<S> batch, Throwable parent) {}

  static <S> void compute(List<S> all, Attempt<S> attempt, Attempt<S> probe,
      java.util.function.Predicate<Throwable> databaseFault, Failures<S> failures) {
    int budget = 4 * (32 - Integer.numberOfLeadingZeros(all.size())) + 4;
    Deque<Todo<S>> todo = new ArrayDeque<>();
    todo.push(new Todo<>(all, null));
    boolean probed = false;
    while (!todo.isEmpty()) {
      Todo<S> next = todo.pop();
      if (budget-- <= 0) {
        failures.segments(next.batch(), next.parent());
        continue;
      }
      Throwable t = attempt(attempt, next.batch());
      if (t == null) {
        continue;
      }
      if (next.parent() == null && databaseFault.test(t)) {
        // The whole batch failed on something of the database itself (a file of one of its
        // tables that cannot be read): no split can compute a segment that needs it.
        failures.database(all, t);
        return;
      }
      if (!probed) {
        probed = true;
        Throwable db = attempt(probe, all);
        if (db != null) {
          failures.database(all, db);
          return;
        }
      }
      List<S> batch = next.batch();
      if (batch.size() == 1) {
        failures.segments(batch, t);
        continue;
      }
      int mid = batch.size() / 2;
      todo.push(new Todo<>(batch.subList(mid, batch.size()), t));
      todo.push(new Todo<>(batch.subList(0, mid), t));
    }
  }

  /** The contained failure of one attempt, or null when it succeeded. */
  private static <S> Throwable attempt(Attempt<S> a, List<S> batch) {
    try {
      a.run(batch);
      return null;
    } catch (Throwable t) {
      // Spark's actions throw its checked SparkException undeclared, and a deep plan a
      // StackOverflowError: everything the JVM survives costs this batch only.
      Containment.check(t);
      return t;
    }
  }
}
