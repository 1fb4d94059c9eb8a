package org.sparksegments.jobs.catalog;

import java.io.IOException;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.fs.Storage;

/**
 * Where a table is and how it is read: a path or Hadoop URI ({@code location}, already resolved
 * against the catalog file's folder) holding Parquet files or a Delta table, or a name in the
 * Spark session's catalog ({@code table:db.name}). A source read from a catalog file knows where
 * it is declared there (file and JSON pointer), for errors about the declaration itself.
 *
 * <p>A source is read at one state for the whole command: the first {@link #pin} fixes it (the
 * Delta version; for a Parquet path, that no Delta log is there) and every later read of the
 * same source object (schema, data, the manifest's inputs) gets the same answer.
 */
public final class TableSource {
  private final String written;
  private final String location;
  private final TableFormat format;
  private final String catalogFile;
  private final String pointer;
  private Object pinned;

  /**
   * A source as a catalog declares it.
   *
   * @param written the path (or {@code table:NAME}) exactly as the catalog writes it
   * @param catalogFile the catalog file's qualified URI, null when not read from a catalog
   * @param pointer the JSON pointer of the source in that file, null likewise
   */
  public TableSource(String written, String location, TableFormat format, String catalogFile,
      String pointer) {
    this.written = Objects.requireNonNull(written, "written");
    this.location = Objects.requireNonNull(location, "location");
    this.format = Objects.requireNonNull(format, "format");
    this.catalogFile = catalogFile;
    this.pointer = pointer;
  }

  /** A Parquet path ({@code sessionTable} false) or a session table, declared nowhere. */
  public TableSource(String written, String location, boolean sessionTable) {
    this(written, location, sessionTable ? TableFormat.CATALOG_TABLE : TableFormat.PARQUET, null,
        null);
  }

  /** The source as the catalog writes it (the path of the object form), for reports. */
  public String written() {
    return written;
  }

  /** The qualified URI of a path source; the table name of a {@code table:} source. */
  public String location() {
    return location;
  }

  public TableFormat format() {
    return format;
  }

  /** Whether this is a {@code table:} source of the session's catalog. */
  public boolean sessionTable() {
    return format == TableFormat.CATALOG_TABLE;
  }

  /** The table name of a {@code table:} source. */
  public String tableName() {
    return location;
  }

  /** The catalog file that declares this source (qualified URI), or null. */
  public String catalogFile() {
    return catalogFile;
  }

  /** The JSON pointer of this source in its catalog file, or null. */
  public String pointer() {
    return pointer;
  }

  /**
   * The state every read of this source uses, fixed on the first call: for a Delta source its
   * latest version then; for a Parquet path, empty after checking that the folder holds no Delta
   * log (reading a Delta folder's files as Parquet would include the files Delta has removed);
   * for a {@code table:} source, empty without looking. A failure is kept too, so that one
   * source fails the same way for every reader.
   *
   * <p>The check runs here, on first use, rather than when the catalog is loaded: a catalog's
   * table that no segment of the command reads costs nothing and, when it cannot be reached,
   * blocks nothing; the cost is one status call (Parquet) or one listing of the log (Delta) per
   * source read.
   *
   * @throws InvalidInputException when the declaration does not fit the folder
   * @throws IOException when the folder cannot be reached
   */
  public synchronized OptionalLong pin(Storage storage) throws IOException {
    if (pinned == null) {
      try {
        pinned = check(storage);
      } catch (IOException | RuntimeException e) {
        pinned = e;
      }
    }
    if (pinned instanceof IOException e) {
      throw e;
    }
    if (pinned instanceof RuntimeException e) {
      throw e;
    }
    return (OptionalLong) pinned;
  }

  private OptionalLong check(Storage storage) throws IOException {
    if (format == TableFormat.CATALOG_TABLE) {
      return OptionalLong.empty();
    }
    Path path = new Path(location);
    if (format == TableFormat.PARQUET) {
      if (DeltaLog.present(storage, path)) {
        throw InvalidInputException.of(new ValidationError(ErrorCode.DELTA_TABLE_AS_PARQUET,
            catalogFile, null, pointer == null ? "" : pointer, "Cannot read " + location
                + " as Parquet" + where() + ": it holds a Delta table (a " + DeltaLog.FOLDER
                + "/ folder), whose files include those that Delta has removed (expected"
                + " {\"path\": \"" + written + "\", \"format\": \"delta\"})"));
      }
      return OptionalLong.empty();
    }
    OptionalLong v = DeltaLog.latestVersion(storage, path);
    if (v.isEmpty()) {
      throw InvalidInputException.of(new ValidationError(ErrorCode.UNREADABLE_TABLE,
          catalogFile, null, pointer == null ? "" : pointer, "Cannot read " + location
              + " as a Delta table" + where() + ": " + (storage.exists(path)
                  ? "it has no commit in " + DeltaLog.FOLDER + "/" : "no such folder")
              + " (expected a Delta table folder, or \"format\": \"parquet\" for Parquet files)"));
    }
    return v;
  }

  /** Where the catalog declares this source, for messages that also travel without the file. */
  private String where() {
    return catalogFile == null ? "" : " (declared in the catalog " + catalogFile + " at "
        + pointer + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableSource t && written.equals(t.written) && location.equals(t.location)
        && format == t.format;
  }

  @Override
  public int hashCode() {
    return Objects.hash(written, location, format);
  }

  @Override
  public String toString() {
    return format.written() + " " + location;
  }
}
