package org.sparksegments.jobs.cluster;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.testing.SharedSpark;

/**
 * Versions of a sample whose profiles change from one to the next: version {@code r} has every
 * table of the sample but leaves out the profiles whose id hashes to {@code r} modulo the number
 * of versions, so from one version to the next a third of the profiles leave and the third left
 * out before comes back, in every database.
 */
final class ProfileRounds {
  private final List<Path> dirs;

  private ProfileRounds(List<Path> dirs) {
    this.dirs = dirs;
  }

  /** Writes {@code count} versions of the sample folder {@code sample} as {@code dir/in-R}. */
  static ProfileRounds write(Path sample, Path dir, int count) throws Exception {
    JsonNode databases = Json.MAPPER.readTree(sample.resolve("catalog.json").toFile())
        .get("databases");
    List<Path> dirs = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      Path in = dir.resolve("in-" + r);
      copyTree(sample, in);
      for (Map.Entry<String, JsonNode> db : databases.properties()) {
        String table = db.getValue().get("profiles").asText();
        String id = db.getValue().get("id_column").asText();
        deleteTree(in.resolve(table));
        SharedSpark.session().read().parquet(sample.resolve(table).toString())
            .where(pmod(hash(col(id)), lit(count)).notEqual(lit(r)))
            .coalesce(2).write().parquet(in.resolve(table).toString());
      }
      dirs.add(in);
    }
    return new ProfileRounds(dirs);
  }

  /** The folder of version {@code r}. */
  Path dir(int r) {
    return dirs.get(r);
  }

  /** The catalog file of version {@code r}. */
  Path catalog(int r) {
    return dirs.get(r).resolve("catalog.json");
  }

  /** The profiles tables of the catalog, as its relative paths. */
  List<String> profileTables() throws IOException {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> db : Json.MAPPER.readTree(catalog(0).toFile())
        .get("databases").properties()) {
      out.add(db.getValue().get("profiles").asText());
    }
    return out;
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
