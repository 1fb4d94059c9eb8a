package org.sparksegments.bench;

/** Thrown while translating a segment to DuckDB SQL when some part of it has no translation. */
final class Untranslatable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Untranslatable(String reason) {
    super(reason, null, false, false);
  }
}
