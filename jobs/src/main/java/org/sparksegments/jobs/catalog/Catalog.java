package org.sparksegments.jobs.catalog;

import org.apache.hadoop.fs.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A catalog file (its qualified path) and the databases it names, by name. */
public record Catalog(Path file, Map<String, Database> databases) {
  public Catalog {
    databases = new TreeMap<>(databases);
  }

  public Optional<Database> database(String name) {
    return Optional.ofNullable(databases.get(name));
  }
}
