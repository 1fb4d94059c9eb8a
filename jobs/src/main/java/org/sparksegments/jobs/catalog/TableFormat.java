package org.sparksegments.jobs.catalog;

import java.util.Locale;
import java.util.Optional;

/** How a table source is read: Parquet files, a Delta table, or a table of the session's catalog. */
public enum TableFormat {
  /** Parquet files in a folder (or one file): the plain string form of the catalog. */
  PARQUET,
  /** A Delta table folder, read at its latest commit, pinned once per catalog load. */
  DELTA,
  /** {@code table:NAME}: a table of the Spark session's catalog, in whatever format it keeps. */
  CATALOG_TABLE;

  /** The name written in a catalog's {@code format} key. */
  public String written() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The format a catalog's {@code format} value names: only {@code parquet} and {@code delta}. */
  public static Optional<TableFormat> ofWritten(String s) {
    return switch (s) {
      case "parquet" -> Optional.of(PARQUET);
      case "delta" -> Optional.of(DELTA);
      default -> Optional.empty();
    };
  }
}
