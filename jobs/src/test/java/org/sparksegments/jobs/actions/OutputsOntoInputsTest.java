package org.sparksegments.jobs.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.testing.SharedSpark;

/**
 * Spec 7: a command that writes refuses a target that is a catalog table, inside one, holding
 * one, or inside a run folder, --overwrite or not: exit 2, BAD_OPTION naming the target and the
 * input, nothing changed. And spec 1: a database name that is not an id is refused.
 */
@ExtendWith(SharedSpark.class)
class OutputsOntoInputsTest {

  @Test
  void exportOntoTheProfilesFolderItsParentOrARunFolderIsRefused(@TempDir Path dir)
      throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path sample = catalog.getParent();
    Path profiles = sample.resolve("shop/profiles");
    long rows = Sandbox.read(profiles).count();
    Map<String, String> before = Sandbox.hashes(sample);

    // The profiles folder itself (item 8 of the issue), and written with ".." and a slash.
    for (String out : List.of(profiles.toString(), profiles + "/",
        sample.resolve("shop/events/../profiles").toString())) {
      Sandbox.Run r = export(catalog, "parquet", out);
      assertRefused(r, "it is the profiles table of database 'shop' at file:" + profiles);
    }
    // Inside it: a CSV file among its Parquet files.
    assertRefused(export(catalog, "csv", profiles.resolve("x.csv").toString()),
        "--out 'file:" + profiles.resolve("x.csv") + "'",
        "it is inside the profiles table of database 'shop' at file:" + profiles);
    // Its parent (replacing shop/ would delete every table of the database), and the sample.
    assertRefused(export(catalog, "parquet", sample.resolve("shop").toString()),
        "it contains the profiles table of database 'shop' at file:" + profiles);
    assertRefused(export(catalog, "parquet", sample.toString()),
        "it contains the catalog file at file:" + catalog);
    // The catalog file itself.
    assertRefused(export(catalog, "jsonl", catalog.toString()),
        "it is the catalog file at file:" + catalog);
    // export-history onto the events table.
    Sandbox.Run h = Sandbox.main("export-history", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString(), "--segment", "berlin-customers",
        "--as-of", Sandbox.AS_OF, "--format", "parquet", "--overwrite", "--since",
        "2026-01-01", "--until", "2026-06-01", "--out", sample.resolve("shop/events").toString());
    assertRefused(h, "it is the events table of database 'shop'");

    // A run folder: complete one run, then export into it and run into it.
    Path out = dir.resolve("out");
    Sandbox.ok("run", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--out", out.toString(), "--as-of", Sandbox.AS_OF,
        "--only", "berlin-customers", "--quiet");
    Path run;
    try (var s = Files.list(out.resolve("runs"))) {
      run = s.toList().get(0);
    }
    Map<String, String> runBefore = Sandbox.hashes(run);
    assertRefused(export(catalog, "parquet", run.resolve("members").toString()),
        "it is inside the run folder file:" + run);
    assertRefused(export(catalog, "csv", run.resolve("x.csv").toString()),
        "it is inside the run folder file:" + run);
    Sandbox.Run nested = Sandbox.main("run", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--out", run.resolve("nested").toString(),
        "--as-of", Sandbox.AS_OF, "--only", "berlin-customers", "--quiet");
    assertRefused(nested, "it is inside the run folder file:" + run);
    assertEquals(Map.of(), Sandbox.changes(runBefore, Sandbox.hashes(run)), "run unchanged");

    // run --out into a table; add-to-scenario --to into one.
    assertRefused(Sandbox.main("run", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--out", profiles.toString(), "--as-of",
        Sandbox.AS_OF, "--only", "berlin-customers", "--quiet"),
        "it is the profiles table of database 'shop'");
    assertRefused(Sandbox.main("add-to-scenario", "--catalog", catalog.toString(),
        "--segments", TestSample.examples().toString(), "--segment", "berlin-customers",
        "--as-of", Sandbox.AS_OF, "--scenario", "s1", "--to",
        sample.resolve("shop/static_segments").toString()),
        "Cannot write to --to", "it is the static_segments table of database 'shop'");

    assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(sample)),
        "no input file added, changed or deleted");
    assertEquals(rows, Sandbox.read(profiles).count(), "the profiles table is whole");
    assertTrue(rows > 0);

    // Elsewhere, the same export works (the check refuses only inputs).
    Sandbox.ok("export", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of",
        Sandbox.AS_OF, "--format", "parquet", "--overwrite", "--out",
        dir.resolve("elsewhere").toString(), "--quiet");
  }

  @Test
  void segmentFilesAreNotWrittenIntoATableOrARunFolder(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    Path profiles = catalog.getParent().resolve("shop/profiles");
    Path parquet;
    try (var s = Files.list(profiles)) {
      parquet = s.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    // A folder holding a table's data files, and a folder inside a run folder: each holds a
    // segment to clone, delete or restore.
    Path table = Files.createDirectories(dir.resolve("table"));
    Files.copy(parquet, table.resolve(parquet.getFileName()));
    Path run = Files.createDirectories(dir.resolve("out/runs/20260601T000000.000Z"));
    Files.writeString(run.resolve("_started"), "");
    Path inRun = Files.createDirectories(run.resolve("segments"));
    for (Path folder : List.of(table, inRun)) {
      Files.copy(TestSample.examples().resolve("berlin-customers.json"),
          folder.resolve("berlin-customers.json"));
      Map<String, String> before = Sandbox.hashes(folder.getParent());
      for (List<String> cmd : List.of(List.of("clone", "berlin-customers", "--as", "copy"),
          List.of("delete", "berlin-customers"))) {
        List<String> args = new ArrayList<>(cmd);
        args.addAll(List.of("--segments", folder.toString()));
        Sandbox.Run r = Sandbox.main(args.toArray(String[]::new));
        assertRefused(r, "--segments 'file:" + folder + "'", folder.equals(table)
            ? "it holds the data files of a table" : "it is inside the run folder file:" + run);
      }
      assertEquals(Map.of(), Sandbox.changes(before, Sandbox.hashes(folder.getParent())),
          "nothing written");
    }
  }

  @Test
  void aDatabaseNameThatIsNotAnIdIsRefused(@TempDir Path dir) throws Exception {
    Path catalog = Sandbox.copySample(dir);
    String text = Files.readString(catalog).replace("\"app\"", "\"../../escaped\"");
    Files.writeString(catalog, text);
    Path segments = Files.createDirectories(dir.resolve("segments"));
    Files.writeString(segments.resolve("x.json"), """
        { "id": "x", "database": "../../escaped",
          "conditions": { "field": "country", "op": "eq", "value": "DE" } }
        """);
    for (String cmd : List.of("validate", "run")) {
      List<String> args = new ArrayList<>(List.of(cmd, "--catalog", catalog.toString(),
          "--segments", segments.toString()));
      if (cmd.equals("run")) {
        args.addAll(List.of("--out", dir.resolve("out").toString(), "--as-of", Sandbox.AS_OF));
      }
      Sandbox.Run r = Sandbox.main(args.toArray(String[]::new));
      assertEquals(2, r.exit(), r.toString());
      assertTrue(r.err().contains("BAD_CATALOG at /databases/..~1..~1escaped: Cannot use"
          + " database name '../../escaped'"), r.toString());
      assertTrue(r.err().contains(catalog.getFileName().toString()), "names the catalog: " + r);
    }
    assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    assertFalse(Files.exists(dir.resolve("escaped")), "nothing written outside");
  }

  private static Sandbox.Run export(Path catalog, String format, String out) {
    return Sandbox.main("export", "--catalog", catalog.toString(), "--segments",
        TestSample.examples().toString(), "--segment", "berlin-customers", "--as-of",
        Sandbox.AS_OF, "--format", format, "--overwrite", "--out", out, "--quiet");
  }

  /** Exit 2, BAD_OPTION naming the target and the input, no result line. */
  private static void assertRefused(Sandbox.Run r, String... mentions) {
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("BAD_OPTION"), r.toString());
    assertTrue(r.err().contains("Cannot write to --"), r.toString());
    for (String m : mentions) {
      assertTrue(r.err().contains(m), "mentions " + m + ": " + r);
    }
    assertTrue(r.out().isBlank(), "no result line: " + r);
  }
}
