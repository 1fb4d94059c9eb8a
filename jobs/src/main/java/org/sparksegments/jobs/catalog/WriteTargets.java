package org.sparksegments.jobs.catalog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.fs.Storage;

/**
 * The one check every command that writes where the user says (export, export-history, run,
 * add-to-scenario) makes before any work: the target must not be the catalog file or a table
 * source of the catalog, nor inside one, nor contain one (replacing a parent folder would
 * delete the table too), nor be inside a run folder ({@code runs/RUN_ID/}, which only the run
 * that claimed it writes), {@code --overwrite} or not. Paths are compared as qualified URIs
 * with {@code .} and {@code ..} resolved; {@code table:} sources have no path and are left out.
 */
public final class WriteTargets {
  private WriteTargets() {}

  /** Why {@code target} (qualified) must not be written, if it must not. */
  public static Optional<String> conflict(Catalog catalog, Storage storage, Path target)
      throws IOException {
    Path t = normal(target);
    for (Named source : sources(catalog)) {
      Path s = normal(new Path(source.location()));
      if (inside(t, s)) {
        return Optional.of((key(t).equals(key(s)) ? "it is " : "it is inside ") + source.what() + " at "
            + s);
      }
      if (inside(s, t)) {
        return Optional.of("it contains " + source.what() + " at " + s);
      }
    }
    return insideRun(storage, t);
  }

  /** Why {@code target} (qualified) is inside a run folder, if it is. */
  private static Optional<String> insideRun(Storage storage, Path t) throws IOException {
    for (Path p = t; p != null && p.getParent() != null; p = p.getParent()) {
      if (p.getParent().getName().equals("runs") && !p.getName().isEmpty()
          && (storage.exists(new Path(p, "_started"))
              || storage.exists(new Path(p, "manifest.json")))) {
        return Optional.of("it is " + (p.equals(t) ? "" : "inside ") + "the run folder " + p
            + ", which only its run writes");
      }
    }
    return Optional.empty();
  }

  /**
   * Refuses a segments folder that the file commands (clone, restore, delete) would write
   * segment files into when it is inside a run folder or holds a table's data (Parquet files or
   * a Delta log, in it or in a folder above): those commands read no catalog, so a table is
   * known by its files. A JSON file there would break the table for every reader.
   *
   * @throws InvalidInputException when the folder must not be written
   */
  public static void requireSegmentsFolder(Storage storage, Path folder) throws IOException {
    Path t = normal(folder);
    Optional<String> why = insideRun(storage, t);
    if (why.isEmpty()) {
      for (org.apache.hadoop.fs.FileStatus f : storage.children(t)) {
        if (f.isFile() && f.getPath().getName().endsWith(".parquet")) {
          why = Optional.of("it holds the data files of a table (" + f.getPath().getName() + ")");
          break;
        }
      }
    }
    for (Path p = t; why.isEmpty() && p != null; p = p.getParent()) {
      if (storage.exists(new Path(p, "_delta_log"))) {
        why = Optional.of("it is " + (p.equals(t) ? "" : "inside ") + "the Delta table " + p);
      }
    }
    if (why.isPresent()) {
      throw InvalidInputException.of(new ValidationError(ErrorCode.BAD_OPTION, null, null, "",
          "Cannot write to --segments '" + t + "': " + why.get()
              + " (expected a folder of segment files, outside tables and run folders)"));
    }
  }

  /**
   * Refuses {@code target} (qualified) for option {@code option} ("--out") with a
   * {@code BAD_OPTION} error naming it and the input it would overwrite.
   *
   * @throws InvalidInputException when the target must not be written
   */
  public static void require(Catalog catalog, Storage storage, Path target, String option)
      throws IOException {
    Optional<String> why = conflict(catalog, storage, target);
    if (why.isPresent()) {
      throw InvalidInputException.of(new ValidationError(ErrorCode.BAD_OPTION, null, null, "",
          "Cannot write to " + option + " '" + normal(target) + "': " + why.get()
              + " (expected a path outside the catalog's tables and outside run folders; an"
              + " input is never written, --overwrite or not)"));
    }
  }

  /**
   * Refuses a target written as {@code table:NAME} (a table of the session's catalog) when a
   * catalog source is that same table; a path target is checked as {@link #require} does.
   *
   * @throws InvalidInputException when the target must not be written
   */
  public static void requireWritten(Catalog catalog, Storage storage, String written,
      String option) throws IOException {
    if (!written.startsWith("table:")) {
      require(catalog, storage, storage.qualify(written), option);
      return;
    }
    String name = written.substring("table:".length());
    for (Database db : catalog.databases().values()) {
      List<Optional<TableSource>> all = new ArrayList<>(List.of(Optional.of(db.profiles()),
          db.subscriptions(), db.events(), db.staticSegments()));
      db.external().values().forEach(e -> all.add(Optional.of(e.source())));
      for (Optional<TableSource> s : all) {
        if (s.isPresent() && s.get().sessionTable()
            && s.get().tableName().equalsIgnoreCase(name)) {
          throw InvalidInputException.of(new ValidationError(ErrorCode.BAD_OPTION, null, null,
              "", "Cannot write to " + option + " '" + written + "': it is a table of database '"
                  + db.name() + "' (an input is never written)"));
        }
      }
    }
  }

  /** A source with a path, and how messages name it. */
  private record Named(String location, String what) {}

  private static List<Named> sources(Catalog catalog) {
    List<Named> out = new ArrayList<>();
    out.add(new Named(catalog.file().toString(), "the catalog file"));
    for (Database db : catalog.databases().values()) {
      add(out, db, "profiles", Optional.of(db.profiles()));
      add(out, db, "subscriptions", db.subscriptions());
      add(out, db, "events", db.events());
      add(out, db, "static_segments", db.staticSegments());
      db.external().values().forEach(e -> add(out, db, "external:" + e.name(),
          Optional.of(e.source())));
    }
    return out;
  }

  private static void add(List<Named> out, Database db, String table,
      Optional<TableSource> source) {
    source.filter(s -> !s.sessionTable()).ifPresent(s -> out.add(new Named(s.location(),
        "the " + table + " table of database '" + db.name() + "'")));
  }

  /** The path with "." and ".." resolved and no trailing slash. */
  private static Path normal(Path p) {
    return new Path(p.toUri().normalize());
  }

  /** Whether {@code p} is {@code folder} or below it. */
  private static boolean inside(Path p, Path folder) {
    String f = key(folder);
    String k = key(p);
    return k.equals(f) || k.startsWith(f.endsWith("/") ? f : f + "/");
  }

  /**
   * The path as one comparable string: a qualified local path may come as {@code file:/x} or
   * {@code file:///x} (an empty authority), which name the same file.
   */
  private static String key(Path p) {
    java.net.URI u = p.toUri();
    String authority = u.getAuthority() == null ? "" : u.getAuthority();
    return (u.getScheme() == null ? "" : u.getScheme()) + "://" + authority + u.getPath();
  }
}
