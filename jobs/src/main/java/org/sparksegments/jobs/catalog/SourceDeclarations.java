package org.sparksegments.jobs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;

/**
 * Reads one table source of a catalog: a string (a Parquet path, or {@code table:NAME}) or an
 * object {@code {"path": PATH, "format": "parquet" | "delta"}}, each problem with its pointer.
 */
final class SourceDeclarations {
  private static final Set<String> KEYS = Set.of("path", "format");
  private static final String FORMS = "a path, \"table:NAME\" or {\"path\": PATH, \"format\":"
      + " \"parquet\" | \"delta\"}";

  private SourceDeclarations() {}

  /**
   * The source under {@code key} of the object {@code n} at pointer {@code p}; empty when absent
   * or wrong (then the problems say why).
   */
  static Optional<TableSource> read(JsonNode n, String key, String p,
      CatalogLoader.Resolver base, String catalogFile, Problems problems) {
    JsonNode v = n.get(key);
    if (v == null) {
      return Optional.empty();
    }
    String at = Pointers.key(p, key);
    if (v.isTextual() && !v.asText().isEmpty()) {
      return resolve(v.asText(), TableFormat.PARQUET, base, catalogFile, at, at, problems);
    }
    if (!v.isObject()) {
      problems.add(ErrorCode.BAD_CATALOG, at, "Cannot read '" + key + "': expected " + FORMS);
      return Optional.empty();
    }
    int before = problems.size();
    for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        problems.add(ErrorCode.BAD_CATALOG, Pointers.key(at, k), "Cannot use key '" + k
            + "' in a table source (expected one of format, path)");
      }
    }
    JsonNode path = v.get("path");
    String pathAt = Pointers.key(at, "path");
    if (path == null) {
      problems.add(ErrorCode.BAD_CATALOG, at, "Cannot read '" + key + "': key 'path' is missing"
          + " (expected {\"path\": PATH, \"format\": \"parquet\" | \"delta\"})");
    } else if (!path.isTextual() || path.asText().isEmpty()) {
      problems.add(ErrorCode.BAD_CATALOG, pathAt, "Cannot read 'path': expected a non-empty"
          + " string (a path or Hadoop URI)");
    } else if (path.asText().startsWith("table:")) {
      problems.add(ErrorCode.BAD_CATALOG, pathAt, "Cannot use '" + path.asText() + "' as a path:"
          + " a table of the session's catalog is written as the plain string \"table:NAME\"");
    }
    TableFormat format = TableFormat.PARQUET;
    JsonNode f = v.get("format");
    if (f != null) {
      Optional<TableFormat> named = f.isTextual() ? TableFormat.ofWritten(f.asText())
          : Optional.empty();
      if (named.isEmpty()) {
        problems.add(ErrorCode.BAD_CATALOG, Pointers.key(at, "format"), "Cannot use format "
            + f + " (expected \"parquet\" or \"delta\")");
      } else {
        format = named.get();
      }
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return resolve(path.asText(), format, base, catalogFile, at, pathAt, problems);
  }

  /**
   * The qualified location. A URI whose file system is not available in this process (no
   * connector on the classpath, such as {@code s3a:} without hadoop-aws) is kept as written:
   * the read of that table says why it fails, for the segments that read it, instead of the
   * whole catalog failing for a table that the command may not need.
   */
  private static String qualify(String written, CatalogLoader.Resolver base) throws IOException {
    try {
      return base.qualify(written).toString();
    } catch (IOException | RuntimeException e) {
      if (new org.apache.hadoop.fs.Path(written).toUri().getScheme() != null) {
        return written;
      }
      throw e;
    }
  }

  private static Optional<TableSource> resolve(String written, TableFormat format,
      CatalogLoader.Resolver base, String catalogFile, String at, String pathAt,
      Problems problems) {
    try {
      if (written.startsWith("table:")) {
        return Optional.of(new TableSource(written, written.substring("table:".length()),
            TableFormat.CATALOG_TABLE, catalogFile, at));
      }
      return Optional.of(new TableSource(written, qualify(written, base), format, catalogFile,
          at));
    } catch (IOException | IllegalArgumentException e) {
      problems.add(ErrorCode.BAD_CATALOG, pathAt, "Cannot use table path '" + written + "': "
          + e.getMessage());
      return Optional.empty();
    }
  }
}
