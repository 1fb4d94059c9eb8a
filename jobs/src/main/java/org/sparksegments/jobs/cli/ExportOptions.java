package org.sparksegments.jobs.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.WriteTargets;
import org.sparksegments.jobs.export.ExportFormat;
import org.sparksegments.jobs.export.OutPath;
import org.sparksegments.jobs.fs.Storage;
import picocli.CommandLine.Option;

/** The format and overwrite options of the export commands, checked before any work. */
final class ExportOptions {
  @Option(names = "--format", required = true, paramLabel = "csv|jsonl|parquet",
      description = "csv: a header row, RFC 4180 quoting, LF line ends, structs, arrays and"
          + " maps as JSON text, instants as ISO-8601 UTC, null as an empty cell and an empty"
          + " string as \"\". jsonl: one JSON object a line, keys in column order. parquet: a"
          + " folder with one part file, the rows in order.")
  String format;

  @Option(names = "--overwrite",
      description = "Replace what --out names, a file by a file or a folder by a folder (by"
          + " default an existing file or a folder with content is refused and nothing is"
          + " written).")
  boolean overwrite;

  /** The chosen format, or invalid input. */
  ExportFormat format() {
    return ExportFormat.named(format)
        .orElseThrow(() -> Options.bad("--format", format, ExportFormat.choices()));
  }

  /** The output line's first keys: segment, as_of, format; the command adds its own. */
  static ObjectNode summary(String segment, Instant asOf, ExportFormat format) {
    ObjectNode line = Json.MAPPER.createObjectNode();
    line.put("segment", segment);
    line.put("as_of", asOf.toString());
    line.put("format", format.toString());
    return line;
  }

  /**
   * The checked destination on the file system its URI names, or invalid input saying why it is
   * refused (naming the qualified URI): among others, a table or the file of {@code catalog}.
   */
  OutPath out(Storage storage, Catalog catalog, String path, boolean folder)
      throws IOException {
    OutPath.Result r = OutPath.check(storage, path, folder, overwrite);
    if (r.target() != null) {
      // An input is never a destination, whatever else would be said about it.
      WriteTargets.require(catalog, storage, r.target(), "--out");
    }
    String named = r.target() == null ? path : r.target().toString();
    return r.ok().orElseThrow(() -> new InvalidInputException(List.of(new ValidationError(
        ErrorCode.BAD_OPTION, null, null, "", "Cannot write to --out '" + named + "': "
            + r.refusal()))));
  }
}
