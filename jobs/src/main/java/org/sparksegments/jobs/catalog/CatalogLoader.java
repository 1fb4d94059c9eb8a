package org.sparksegments.jobs.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.Pointers;
import org.sparksegments.conditions.error.Problems;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.conditions.json.JsonReadError;
import org.sparksegments.conditions.json.Utf8;
import org.sparksegments.jobs.fs.Storage;

/** Reads a catalog file (spec section 1), reporting every problem with its JSON pointer. */
public final class CatalogLoader {
  private static final Set<String> DB_KEYS = Set.of("id_column", "timezone", "profiles",
      "subscriptions", "events", "static_segments", "external");
  /** Database names follow the segment id rule (spec section 1). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> EXT_KEYS = Set.of("source", "key", "profile_field");

  private CatalogLoader() {}

  /**
   * Loads the catalog file {@code written} (a path or Hadoop URI); relative table paths are
   * resolved against its folder, every table path is qualified.
   *
   * @throws InvalidInputException with every problem, when the catalog cannot be used
   */
  public static Catalog load(Storage storage, String written) {
    Path file;
    try {
      file = storage.qualify(written);
    } catch (IOException | IllegalArgumentException e) {
      throw fail(written, ErrorCode.UNREADABLE_FILE, "", "Cannot read the catalog: "
          + e.getMessage());
    }
    String source = file.toString();
    JsonNode root;
    try {
      root = Json.readTree(Utf8.decode(storage.read(file)));
    } catch (JsonReadError e) {
      throw fail(source, ErrorCode.MALFORMED_JSON, "", "Cannot parse the catalog at "
          + e.where() + ": " + e.reason());
    } catch (java.io.FileNotFoundException e) {
      throw fail(source, ErrorCode.UNREADABLE_FILE, "", "Cannot read the catalog: no such file");
    } catch (IOException e) {
      throw fail(source, ErrorCode.UNREADABLE_FILE, "", "Cannot read the catalog: " + e);
    }
    Problems problems = new Problems();
    Resolver base = w -> storage.qualify(w, file.getParent());
    String catalogFile = source;
    Map<String, Database> dbs = new LinkedHashMap<>();
    JsonNode databases = root == null ? null : root.get("databases");
    if (root == null || !root.isObject() || databases == null || !databases.isObject()) {
      problems.add(ErrorCode.BAD_CATALOG, root != null && root.isObject() ? "/databases" : "",
          "Cannot read the catalog: expected {\"databases\": {NAME: {...}}}");
    } else {
      unknown(root, "", Set.of("databases"), problems);
      for (Iterator<String> it = databases.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        Database db = database(name, databases.get(name), Pointers.key("/databases", name), base,
            catalogFile, problems);
        if (db != null) {
          dbs.put(name, db);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(
          problems.list().stream().map(e -> e.locate(source, null)).toList());
    }
    return new Catalog(file, dbs);
  }

  private static Database database(String name, JsonNode n, String p, Resolver base,
      String catalogFile, Problems problems) {
    if (!n.isObject()) {
      problems.add(ErrorCode.BAD_CATALOG, p, "Cannot read database '" + name
          + "': expected an object with at least \"profiles\"");
      return null;
    }
    int before = problems.size();
    if (!NAME.matcher(name).matches()) {
      // The name becomes part of output paths (the run's flag folder, hand-off files): a name
      // such as "../x" would write outside them.
      String shown = name.length() > 80 ? name.substring(0, 80) + "..." : name;
      problems.add(ErrorCode.BAD_CATALOG, p, "Cannot use database name '" + shown
          + "' (expected 1 to 64 of A-Z a-z 0-9 _ -, as a segment id)");
    }
    unknown(n, p, DB_KEYS, problems);
    String idColumn = text(n, "id_column", p, problems).orElse("profile_id");
    ZoneId zone = ZoneId.of("UTC");
    Optional<String> tz = text(n, "timezone", p, problems);
    if (tz.isPresent()) {
      try {
        zone = ZoneId.of(tz.get());
      } catch (DateTimeException e) {
        problems.add(ErrorCode.BAD_CATALOG, p + "/timezone", "Cannot use time zone '" + tz.get()
            + "' (expected a region such as Europe/Berlin, or UTC)");
      }
    }
    Optional<TableSource> profiles = source(n, "profiles", p, base, catalogFile, problems);
    if (profiles.isEmpty() && !n.has("profiles")) {
      problems.add(ErrorCode.BAD_CATALOG, p, "Cannot read database '" + name
          + "': key 'profiles' is missing (expected the profiles table's source)");
    }
    Map<String, ExternalTable> external = new LinkedHashMap<>();
    JsonNode ext = n.get("external");
    if (ext != null) {
      if (!ext.isObject()) {
        problems.add(ErrorCode.BAD_CATALOG, p + "/external",
            "Cannot read external tables: expected {NAME: {source, key, profile_field}}");
      } else {
        for (Iterator<String> it = ext.fieldNames(); it.hasNext(); ) {
          String en = it.next();
          String ep = Pointers.key(p + "/external", en);
          JsonNode e = ext.get(en);
          if (!e.isObject()) {
            problems.add(ErrorCode.BAD_CATALOG, ep, "Cannot read external table '" + en
                + "': expected {source, key, profile_field}");
            continue;
          }
          unknown(e, ep, EXT_KEYS, problems);
          Optional<TableSource> src = source(e, "source", ep, base, catalogFile, problems);
          Optional<String> key = text(e, "key", ep, problems);
          Optional<String> field = text(e, "profile_field", ep, problems);
          if (src.isEmpty() || key.isEmpty() || field.isEmpty()) {
            problems.add(ErrorCode.BAD_CATALOG, ep, "Cannot read external table '" + en
                + "': source, key and profile_field are all required");
            continue;
          }
          external.put(en, new ExternalTable(en, src.get(), key.get(), field.get()));
        }
      }
    }
    if (problems.size() > before) {
      return null;
    }
    return new Database(name, idColumn, zone, profiles.orElseThrow(),
        source(n, "subscriptions", p, base, catalogFile, problems),
        source(n, "events", p, base, catalogFile, problems),
        source(n, "static_segments", p, base, catalogFile, problems), external);
  }

  private static Optional<String> text(JsonNode n, String key, String p, Problems problems) {
    JsonNode v = n.get(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      problems.add(ErrorCode.BAD_CATALOG, Pointers.key(p, key), "Cannot read '" + key
          + "': expected a non-empty string");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  private static Optional<TableSource> source(JsonNode n, String key, String p, Resolver base,
      String catalogFile, Problems problems) {
    return SourceDeclarations.read(n, key, p, base, catalogFile, problems);
  }

  /** How a written table path becomes a qualified location. */
  @FunctionalInterface
  public interface Resolver {
    Path qualify(String written) throws IOException;
  }

  /**
   * {@code table:NAME}, or a Parquet path: a URI with a scheme as given, an absolute path on the
   * default file system, a relative one against the catalog file's folder. Declared in no catalog
   * file (for the tables that commands write).
   */
  public static TableSource resolve(String written, Resolver base) throws IOException {
    if (written.startsWith("table:")) {
      return new TableSource(written, written.substring("table:".length()), true);
    }
    return new TableSource(written, base.qualify(written).toString(), false);
  }

  private static void unknown(JsonNode n, String p, Set<String> allowed, Problems problems) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        problems.add(ErrorCode.BAD_CATALOG, Pointers.key(p, k), "Cannot use key '" + k
            + "' in the catalog (expected one of " + String.join(", ", new TreeSet<>(allowed))
            + ")");
      }
    }
  }

  private static InvalidInputException fail(String source, ErrorCode code, String pointer,
      String message) {
    return InvalidInputException.of(new ValidationError(code, source, null, pointer, message));
  }
}
