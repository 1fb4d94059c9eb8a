package org.sparksegments.jobs.eval;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Where an evaluation keeps a frame it reads more than once: computed once, then read as a plain
 * scan, so that the plans built on it stay small however many segments came before. A batch run
 * writes files (see the run's scratch folders); a single count or member list caches in memory.
 */
public interface Scratch {
  /** {@code frame} computed once; the result reads it back. {@code name} tells it apart. */
  Dataset<Row> store(Dataset<Row> frame, String name);

  /** Drops what was stored. */
  void release();

  /** A scratch that caches in the executors' memory (and disk, when memory is short). */
  static Scratch memory() {
    return new Scratch() {
      private final java.util.List<Dataset<Row>> kept = new java.util.ArrayList<>();

      @Override
      public Dataset<Row> store(Dataset<Row> frame, String name) {
        Dataset<Row> cached = frame.persist(StorageLevel.MEMORY_AND_DISK());
        kept.add(cached);
        return cached;
      }

      @Override
      public void release() {
        kept.forEach(Dataset::unpersist);
        kept.clear();
      }
    };
  }
}
