package org.sparksegments.jobs.manage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sparksegments.jobs.fs.Storage;

/** Small segment folders for the file-command tests, and exact snapshots of folders. */
public final class Folders {
  private Folders() {}

  /** A folder of segments referring to each other in every way, with an unreadable file. */
  public static final Map<String, String> SMALL = Map.of(
      "alone.json", """
          { "id": "alone", "database": "shop",
            "conditions": { "field": "city", "op": "eq", "value": "Hamburg" } }
          """,
      "base.json", """
          {
            "id": "base",
            "database": "shop",
            "conditions": { "field": "city", "op": "eq", "value": "Berlin" }
          }
          """,
      "broken.json", """
          { "id": "broken", "database": "shop",
          """,
      "direct-not.json", """
          {
            "id": "direct-not",
            "name": "Not in base",
            "database": "shop",
            "conditions": { "not": { "segment": "base", "op": "in" } }
          }
          """,
      "imports.json", """
          { "id": "imports", "database": "shop",
            "conditions": { "any": [
              { "field": "is_vip", "op": "eq", "value": true },
              { "conditions_of": "direct-not" } ] } }
          """,
      "loop-1.json", """
          { "id": "loop-1", "database": "shop", "conditions": { "segment": "loop-2", "op": "in" } }
          """,
      "loop-2.json", """
          { "id": "loop-2", "database": "shop", "conditions": { "all": [
            { "segment": "loop-1", "op": "in" }, { "segment": "base", "op": "not_in" } ] } }
          """,
      "pair.json", """
          [
            { "id": "pair-a", "database": "shop",
              "conditions": { "all": [
                { "field": "age", "op": "gte", "value": 30 },
                { "not": { "segment": "imports", "op": "not_in" } } ] } },
            { "id": "pair-b", "database": "shop",
              "range": { "from": 0, "to": 12.50 },
              "conditions": { "conditions_of": "base" } }
          ]
          """);

  /** The folder {@code dir} read through the local file system, as the file commands read it. */
  public static SegmentFolder read(Path dir) {
    return SegmentFolder.read(Storage.local(), uri(dir));
  }

  /** A local path as the file-system layer names it: qualified, {@code file:/…}. */
  public static org.apache.hadoop.fs.Path uri(Path p) {
    try {
      return Storage.local().qualify(p.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A qualified {@code file:} path as a local path. */
  public static Path local(org.apache.hadoop.fs.Path p) {
    return Path.of(p.toUri());
  }

  /** Writes {@code files} into {@code dir}. */
  public static Path write(Path dir, Map<String, String> files) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
    }
    return dir;
  }

  /** Copies the {@code *.json} files of {@code from} into {@code to}. */
  public static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }

  /**
   * Every file under {@code dir} (hidden ones and the bin included) by relative path, with its
   * bytes as ISO-8859-1 text, so that two snapshots are equal exactly when the bytes are.
   */
  public static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(),
            new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }
}
