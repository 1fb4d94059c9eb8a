package org.sparksegments.jobs.actions;

import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.catalog.TableSource;

/**
 * The versioned rewrite of a database's profiles table: the new content is written into a
 * hidden work folder, renamed to a sibling version folder ({@code profiles} → {@code
 * profiles.v2} → {@code profiles.v3} …) once complete, and only then does the catalog switch to
 * it, in one atomic rename of the catalog file. The previous version is never touched and stays
 * readable; a failure or a kill at any point before the switch leaves the catalog on it.
 */
public final class TableVersions {
  private static final Pattern VERSION = Pattern.compile("^(.*)\\.v(\\d+)$");

  /** The catalog's profiles source before and after the switch. */
  public record Switched(String oldSource, String newSource) {}

  private TableVersions() {}

  /**
   * Writes {@code rows} as the next version of {@code db}'s profiles (under {@code work}, which
   * must be on the same file system as the table) and switches {@code catalogFile} to it.
   */
  static Switched write(TableFiles files, Path catalogFile, Database db, Dataset<Row> rows,
      Path work, Consumer<String> progress) throws IOException {
    TableSource old = db.profiles();
    CatalogLoader.Resolver base = w -> files.storage().qualify(w, catalogFile.getParent());
    TableSource next = null;
    for (int n = version(old.written()) + 1; next == null; n++) {
      TableSource candidate = CatalogLoader.resolve(versioned(old.written(), n), base);
      if (!files.exists(new Path(candidate.location()))) {
        next = candidate;
      }
    }
    Path staged = new Path(work, "version");
    progress.accept("writing the new version of the profiles table of " + db.name() + " ("
        + next.written() + ")");
    TestHooks.pauseInTasks(rows, "version-writing").write().parquet(staged.toString());
    files.move(staged, new Path(next.location()));
    TestHooks.pause("version-moved");
    CatalogFile.switchSource(files.storage(), catalogFile, db.name(), "profiles", old.written(),
        next.written());
    progress.accept("catalog switched: profiles of " + db.name() + " now " + next.written()
        + " (previous version " + old.written() + " unchanged)");
    return new Switched(old.written(), next.written());
  }

  /** The version number a source's name ends with ({@code .vN}), 1 when it has none. */
  static int version(String written) {
    Matcher m = VERSION.matcher(name(written));
    return m.matches() ? Integer.parseInt(m.group(2)) : 1;
  }

  /** The source of version {@code n}: the same folder, named {@code NAME.vN}. */
  static String versioned(String written, int n) {
    String w = written.replaceAll("/+$", "");
    String name = name(w).replaceFirst("\\.parquet$", "");
    Matcher m = VERSION.matcher(name);
    String plain = m.matches() ? m.group(1) : name;
    return w.substring(0, w.length() - name(w).length()) + plain + ".v" + n;
  }

  private static String name(String written) {
    String w = written.replaceAll("/+$", "");
    return w.substring(w.lastIndexOf('/') + 1);
  }
}
