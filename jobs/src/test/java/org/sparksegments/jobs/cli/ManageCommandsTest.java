package org.sparksegments.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.manage.Folders;

/** dependents, clone, delete and restore run as a user runs them (no Spark is started). */
class ManageCommandsTest {

  @Test
  void dependentsListsEachReferenceAndWarnsAboutWhatItCannotRead(@TempDir Path tmp)
      throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    Cli.Result r = Cli.run("dependents", "--segments", dir.toString(), "imports");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(List.of("pair-a\tpair.json\tdirect\t/0/conditions/all/1/not/segment\timports"),
        r.lines());
    assertTrue(r.err().contains("warning: " + Folders.uri(dir.resolve("broken.json"))
        + ": MALFORMED_JSON at (root): Cannot parse JSON at line 2"), r.err());
    assertFalse(r.err().contains("SparkContext"), "no Spark is started:\n" + r.err());

    Cli.Result notAFolder = Cli.run("dependents", "--segments",
        dir.resolve("base.json").toString(), "base");
    assertEquals(2, notAFolder.exit(), notAFolder.toString());
    assertTrue(notAFolder.err().contains("BAD_OPTION"), notAFolder.err());
  }

  @Test
  void cloneWritesTheCopyOrRefusesWithExitTwo(@TempDir Path tmp) throws Exception {
    Path dir = Folders.copy(TestSample.examples(), tmp.resolve("examples"));
    Cli.Result r = Cli.run("clone", "--segments", dir.toString(), "newcomers-90d", "--as",
        "newcomers-30d", "--name", "Profiles created in the last 30 days");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("cloned newcomers-90d as newcomers-30d: newcomers-30d.json", r.out());
    String copy = Files.readString(dir.resolve("newcomers-30d.json"));
    assertTrue(copy.contains("\"id\": \"newcomers-30d\"")
        && copy.contains("\"name\": \"Profiles created in the last 30 days\""), copy);

    Map<String, String> before = Folders.snapshot(dir);
    Cli.Result taken = Cli.run("clone", "--segments", dir.toString(), "newcomers-90d", "--as",
        "berlin-vips");
    assertEquals(2, taken.exit(), taken.toString());
    assertTrue(taken.err().contains("DUPLICATE_ID") && taken.err().contains("berlin-vips.json"),
        taken.err());
    assertEquals("", taken.out());
    assertEquals(before, Folders.snapshot(dir));
  }

  @Test
  void deleteIsRefusedWithTheDependentsThenRestoreBringsTheSameBytesBack(@TempDir Path tmp)
      throws Exception {
    Path dir = Folders.copy(TestSample.examples(), tmp.resolve("examples"));
    Map<String, String> before = Folders.snapshot(dir);
    Cli.Result refused = Cli.run("delete", "--segments", dir.toString(), "big-spenders");
    assertEquals(2, refused.exit(), refused.toString());
    assertTrue(refused.err().contains(dir.resolve("winback-candidates.json")
        + ": segment winback-candidates: HAS_DEPENDENTS at /conditions/all/1/segment:"
        + " Cannot delete segment 'big-spenders'"), refused.err());
    assertEquals(before, Folders.snapshot(dir));

    Cli.Result forced = Cli.run("delete", "--segments", dir.toString(), "big-spenders",
        "--force");
    assertEquals(0, forced.exit(), forced.toString());
    assertTrue(forced.out().matches("deleted big-spenders: big-spenders.json moved to"
        + " \\.bin/big-spenders\\.\\d{8}T\\d{6}Z\\.json"), forced.out());
    assertTrue(forced.err().contains("warning: segment winback-candidates"), forced.err());
    assertFalse(Files.exists(dir.resolve("big-spenders.json")));

    Cli.Result restored = Cli.run("restore", "--segments", dir.toString(), "big-spenders");
    assertEquals(0, restored.exit(), restored.toString());
    assertTrue(restored.out().startsWith("restored big-spenders: .bin/big-spenders."),
        restored.out());
    Map<String, String> after = Folders.snapshot(dir);
    assertEquals(before, after);

    Cli.Result again = Cli.run("restore", "--segments", dir.toString(), "big-spenders");
    assertEquals(2, again.exit(), again.toString());
    assertTrue(again.err().contains("UNKNOWN_SEGMENT"), again.err());
    assertEquals(before, Folders.snapshot(dir));
  }

  @Test
  void aFolderGivenAsAFileUriWorksForEveryFileCommand(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    String uri = "file://" + dir.toAbsolutePath();
    Cli.Result deps = Cli.run("dependents", "--segments", uri, "imports");
    assertEquals(0, deps.exit(), deps.toString());
    assertEquals(List.of("pair-a\tpair.json\tdirect\t/0/conditions/all/1/not/segment\timports"),
        deps.lines());

    Cli.Result cloned = Cli.run("clone", "--segments", uri, "base", "--as", "base-copy");
    assertEquals(0, cloned.exit(), cloned.toString());
    assertEquals("cloned base as base-copy: base-copy.json", cloned.out());
    assertEquals(Folders.SMALL.get("base.json").replace("\"base\"", "\"base-copy\""),
        Files.readString(dir.resolve("base-copy.json")));

    Map<String, String> before = Folders.snapshot(dir);
    Cli.Result deleted = Cli.run("delete", "--segments", uri, "alone");
    assertEquals(0, deleted.exit(), deleted.toString());
    assertTrue(deleted.out().matches("deleted alone: alone.json moved to"
        + " \\.bin/alone\\.\\d{8}T\\d{6}Z\\.json"), deleted.out());
    assertFalse(Files.exists(dir.resolve("alone.json")));

    Cli.Result restored = Cli.run("restore", "--segments", uri, "alone");
    assertEquals(0, restored.exit(), restored.toString());
    assertEquals(before, Folders.snapshot(dir));
  }

  @Test
  void messagesNameFilesByTheirQualifiedUri(@TempDir Path tmp) throws Exception {
    Path dir = Folders.copy(TestSample.examples(), tmp.resolve("examples"));
    String qualified = Folders.uri(dir).toString();
    assertTrue(qualified.startsWith("file:/"), qualified);

    Cli.Result taken = Cli.run("clone", "--segments", dir.toString(), "newcomers-90d", "--as",
        "berlin-vips");
    assertEquals(2, taken.exit(), taken.toString());
    assertTrue(taken.err().contains(qualified + "/berlin-vips.json: segment berlin-vips:"
        + " DUPLICATE_ID at /id"), taken.err());

    Cli.Result refused = Cli.run("delete", "--segments", dir.toString(), "big-spenders");
    assertEquals(2, refused.exit(), refused.toString());
    assertTrue(refused.err().contains(qualified + "/winback-candidates.json: segment"
        + " winback-candidates: HAS_DEPENDENTS"), refused.err());

    Cli.Result none = Cli.run("restore", "--segments", dir.toString(), "berlin-vips");
    assertEquals(2, none.exit(), none.toString());
    assertTrue(none.err().contains("the bin " + qualified + "/.bin holds no deleted version"),
        none.err());

    // A relative folder is qualified against the working folder (the project root here).
    Path root = TestSample.root();
    Path inRoot = Files.createTempDirectory(root.resolve("jobs/target"), "manage-relative-");
    try {
      Folders.write(inRoot, Folders.SMALL);
      Cli.Result note = Cli.run("dependents", "--segments", root.relativize(inRoot).toString(),
          "no-such-segment");
      assertEquals(0, note.exit(), note.toString());
      assertTrue(note.err().contains("note: no segment of " + Folders.uri(inRoot)
          + " has the id 'no-such-segment'"), note.err());
      assertTrue(note.err().contains("warning: " + Folders.uri(inRoot.resolve("broken.json"))
          + ": MALFORMED_JSON"), note.err());
    } finally {
      for (String f : Folders.SMALL.keySet()) {
        Files.deleteIfExists(inRoot.resolve(f));
      }
      Files.delete(inRoot);
    }
  }
}
