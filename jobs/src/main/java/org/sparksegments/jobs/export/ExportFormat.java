package org.sparksegments.jobs.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The formats an export writes: two text formats streamed to one file, and Parquet. */
public enum ExportFormat {
  CSV("csv"),
  JSONL("jsonl"),
  PARQUET("parquet");

  private final String name;

  ExportFormat(String name) {
    this.name = name;
  }

  /** The format's name as the {@code --format} option takes it, also the file extension. */
  public String extension() {
    return name;
  }

  /** Parquet is written by Spark as a folder; the text formats are single files. */
  public boolean folder() {
    return this == PARQUET;
  }

  /** The format named {@code text} (case-insensitive), if any. */
  public static Optional<ExportFormat> named(String text) {
    String t = text == null ? "" : text.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.name.equals(t)).findFirst();
  }

  /** The names of every format, for messages: {@code csv, jsonl or parquet}. */
  public static String choices() {
    return "csv, jsonl or parquet";
  }

  @Override
  public String toString() {
    return name;
  }
}
