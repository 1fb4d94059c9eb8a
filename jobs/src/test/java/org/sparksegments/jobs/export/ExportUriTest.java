package org.sparksegments.jobs.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.fs.Storage;
import org.sparksegments.testing.SharedSpark;

/**
 * export and export-history land where --out's URI names: an explicit file: URI, a relative path
 * (qualified against the working folder), and a file system without atomic rename (written in
 * place); refusals name the qualified URI.
 */
@ExtendWith(SharedSpark.class)
class ExportUriTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String IMPL = "fs." + InPlaceFileSystem.SCHEME + ".impl";

  @BeforeAll
  static void registerInPlaceScheme() {
    // The engine's own files go through a configuration made from the Spark configuration;
    // Spark's writes through the session's.
    System.setProperty("spark.hadoop." + IMPL, InPlaceFileSystem.class.getName());
    SharedSpark.session().sparkContext().hadoopConfiguration().set(IMPL,
        InPlaceFileSystem.class.getName());
  }

  @AfterAll
  static void unregisterInPlaceScheme() {
    System.clearProperty("spark.hadoop." + IMPL);
  }

  private static ExportFixture.Result run(String command, String segment, String... more)
      throws Exception {
    List<String> a = ExportFixture.args(command, segment);
    a.addAll(List.of(more));
    return ExportFixture.run(a);
  }

  private static List<Object> expectedIds(String segment, String id) throws Exception {
    return ExportFixture.selected(segment).stream().map(r -> (Object) r.getAs(id)).toList();
  }

  private static List<Object> jsonlIds(Path file, String id) throws Exception {
    List<Object> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      JsonNode n = JSON.readTree(line);
      out.add(n.get(id).isIntegralNumber() ? (Object) n.get(id).longValue() : n.get(id).asText());
    }
    return out;
  }

  private static List<Object> parquetIds(Path folder, String id) {
    return SharedSpark.session().read().parquet(folder.toString()).collectAsList().stream()
        .map(r -> (Object) r.getAs(id)).toList();
  }

  private static String out(ExportFixture.Result r) throws Exception {
    return JSON.readTree(r.out()).get("out").asText();
  }

  @Test
  void anExplicitFileUriIsWrittenWhereItNames(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("power.csv");
    ExportFixture.Result r = run("export", "power-users", "--format", "csv", "--fields",
        "sessions", "--out", dir.toUri() + "power.csv");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("file:" + csv, out(r));
    List<List<String>> rows = ExportFixture.csv(Files.readString(csv));
    assertEquals(List.of("user_id", "sessions"), rows.get(0));
    assertEquals(expectedIds("power-users", "user_id").stream().map(String::valueOf).toList(),
        rows.subList(1, rows.size()).stream().map(x -> x.get(0)).toList());

    Path pq = dir.resolve("top.parquet");
    ExportFixture.Result p = run("export", "berlin-top", "--format", "parquet", "--out",
        "file:" + pq);
    assertEquals(0, p.exit(), p.toString());
    assertEquals("file:" + pq, out(p));
    assertEquals(expectedIds("berlin-top", "profile_id"), parquetIds(pq, "profile_id"));
    assertEquals(Set.of("", "power.csv", "top.parquet"), topLevel(dir), "no temporary left");
  }

  @Test
  void aRelativePathIsTakenAgainstTheWorkingFolder() throws Exception {
    String folder = "target/export-relative-" + System.nanoTime();
    Path lands = Path.of(System.getProperty("user.dir")).resolve(folder).toAbsolutePath();
    try {
      ExportFixture.Result r = run("export", "power-users", "--format", "jsonl", "--out",
          folder + "/power.jsonl");
      assertEquals(0, r.exit(), r.toString());
      assertEquals("file:" + lands.resolve("power.jsonl"), out(r));
      assertEquals(expectedIds("power-users", "user_id"),
          jsonlIds(lands.resolve("power.jsonl"), "user_id"));

      ExportFixture.Result h = run("export-history", "berlin-top", "--format", "jsonl",
          "--since", "2026-01-01", "--until", "2026-06-01", "--out", folder + "/history");
      assertEquals(0, h.exit(), h.toString());
      assertEquals("file:" + lands.resolve("history"), out(h));
      JsonNode line = JSON.readTree(h.out());
      List<Object> events = jsonlIds(lands.resolve("history/events.jsonl"), "profile_id");
      assertEquals(line.get("events").asLong(), events.size());
      assertTrue(events.size() > 0, h.out());
      assertTrue(expectedIds("berlin-top", "profile_id").containsAll(events),
          "only members' events");
    } finally {
      deleteTree(lands);
    }
  }

  @Test
  void refusalsNameTheQualifiedUri(@TempDir Path dir) throws Exception {
    Path taken = dir.resolve("x.csv");
    Files.writeString(taken, "keep me\n");
    ExportFixture.Result r = run("export", "power-users", "--format", "csv", "--out",
        dir.toUri() + "x.csv");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("Cannot write to --out 'file:" + taken + "': it already exists"),
        r.err());
    assertEquals("keep me\n", Files.readString(taken));

    String folder = "target/export-refused-" + System.nanoTime();
    Path file = Path.of(System.getProperty("user.dir")).resolve(folder).toAbsolutePath();
    Files.writeString(file, "a file");
    try {
      ExportFixture.Result f = run("export-history", "berlin-top", "--format", "csv",
          "--since", "2026-01-01", "--until", "2026-06-01", "--out", folder + "/history");
      assertEquals(2, f.exit(), f.toString());
      assertTrue(f.err().contains("Cannot write to --out 'file:" + file.resolve("history")
          + "': file:" + file + " is a file"), f.err());
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void withoutAtomicRenameTheResultIsWrittenInPlace(@TempDir Path dir) throws Exception {
    String at = InPlaceFileSystem.SCHEME + ":" + dir;
    Storage storage = Storage.of(SharedSpark.session().sparkContext().hadoopConfiguration());
    assertFalse(OutPath.check(storage, at + "/x", true, false).ok().orElseThrow().atomic(),
        "a stand-in for an object store");
    assertTrue(OutPath.check(storage, dir + "/x", true, false).ok().orElseThrow().atomic());
    ExportFixture.Result r = run("export", "power-users", "--format", "jsonl", "--out",
        at + "/power.jsonl");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(at + "/power.jsonl", out(r));
    assertEquals(expectedIds("power-users", "user_id"),
        jsonlIds(dir.resolve("power.jsonl"), "user_id"));

    ExportFixture.Result again = run("export", "berlin-top", "--format", "jsonl", "--out",
        at + "/power.jsonl");
    assertEquals(2, again.exit(), again.toString());
    assertTrue(again.err().contains("Cannot write to --out '" + at + "/power.jsonl': it already"
        + " exists"), again.err());
    ExportFixture.Result over = run("export", "berlin-top", "--format", "jsonl", "--out",
        at + "/power.jsonl", "--overwrite");
    assertEquals(0, over.exit(), over.toString());
    assertEquals(expectedIds("berlin-top", "profile_id"),
        jsonlIds(dir.resolve("power.jsonl"), "profile_id"));

    Path pq = dir.resolve("top.parquet");
    Files.createDirectories(pq.resolve("old"));
    Files.writeString(pq.resolve("old/data.txt"), "old");
    assertEquals(2, run("export", "berlin-top", "--format", "parquet", "--out",
        at + "/top.parquet").exit(), "a folder with content is refused");
    ExportFixture.Result p = run("export", "berlin-top", "--format", "parquet", "--out",
        at + "/top.parquet", "--overwrite");
    assertEquals(0, p.exit(), p.toString());
    assertFalse(Files.exists(pq.resolve("old")), "the old folder's content is gone");
    assertEquals(expectedIds("berlin-top", "profile_id"), parquetIds(pq, "profile_id"));

    ExportFixture.Result h = run("export-history", "berlin-top", "--format", "csv", "--since",
        "2026-01-01", "--until", "2026-06-01", "--out", at + "/history");
    assertEquals(0, h.exit(), h.toString());
    try (var s = Files.list(dir.resolve("history"))) {
      assertEquals(List.of("events.csv", "subscriptions.csv"),
          s.map(x -> x.getFileName().toString()).sorted().toList());
    }
    assertEquals(Set.of("", "power.jsonl", "top.parquet", "history"), topLevel(dir),
        "nothing written beside the targets");
  }

  private static void deleteTree(Path p) throws Exception {
    if (Files.exists(p)) {
      try (var walk = Files.walk(p)) {
        for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(x);
        }
      }
    }
  }

  /** The names directly in {@code dir} (hidden ones too), "" for the folder itself. */
  private static Set<String> topLevel(Path dir) throws Exception {
    Set<String> out = new java.util.TreeSet<>();
    for (String k : ExportFixture.listing(dir).keySet()) {
      out.add(k.contains("/") ? k.substring(0, k.indexOf('/')) : k);
    }
    return out;
  }
}
