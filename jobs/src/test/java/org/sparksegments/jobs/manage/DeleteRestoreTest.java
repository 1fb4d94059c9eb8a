package org.sparksegments.jobs.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.eval.SegmentSet;

/** delete and restore: the bin, refusals that change nothing, the same bytes back. */
class DeleteRestoreTest {
  private static final Clock T1 = Clock.fixed(Instant.parse("2026-11-28T14:15:00Z"),
      ZoneOffset.UTC);
  private static final Clock T2 = Clock.fixed(Instant.parse("2026-11-29T08:00:00.750Z"),
      ZoneOffset.UTC);

  private static Bin.Deleted delete(Path dir, String id, boolean force, Clock clock) {
    return Bin.delete(Folders.read(dir), id, force, clock);
  }

  private static Restore.Restored restore(Path dir, String id, String at) {
    return Restore.restore(Folders.read(dir), id, Optional.ofNullable(at));
  }

  @Test
  void deleteMovesTheFileIntoTheBinWhichNoReaderSees(@TempDir Path tmp) throws Exception {
    Path dir = Folders.copy(TestSample.examples(), tmp.resolve("examples"));
    Map<String, String> before = Folders.snapshot(dir);
    Bin.Deleted d = delete(dir, "berlin-vips", false, T1);
    assertEquals(Folders.uri(dir.resolve(".bin/berlin-vips.20261128T141500Z.json")), d.binned());
    assertFalse(d.element());
    Map<String, String> expected = new java.util.TreeMap<>(before);
    expected.put(".bin/berlin-vips.20261128T141500Z.json", expected.remove("berlin-vips.json"));
    assertEquals(expected, Folders.snapshot(dir));
    SegmentSet set = org.sparksegments.jobs.LocalFiles.segments(dir);
    assertTrue(set.find("berlin-vips").isEmpty());
    assertEquals(18, set.ids().size());
    assertTrue(set.all().stream().allMatch(p -> p.ok()), "the bin is not read as segments");

    Restore.Restored r = restore(dir, "berlin-vips", null);
    assertEquals(Folders.uri(dir.resolve("berlin-vips.json")), r.file());
    assertEquals(before, Folders.snapshot(dir));
  }

  @Test
  void deleteIsRefusedWhileOthersDependUnlessForced(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    Map<String, String> before = Folders.snapshot(dir);
    InvalidInputException r = assertThrows(InvalidInputException.class,
        () -> delete(dir, "base", false, T1));
    assertEquals(List.of(
        Folders.uri(dir.resolve("direct-not.json")) + ": segment direct-not: HAS_DEPENDENTS at"
            + " /conditions/not/segment: Cannot delete segment 'base': this segment refers to"
            + " it (expected no segment depending on it; change those first, or use --force)",
        Folders.uri(dir.resolve("loop-2.json")) + ": segment loop-2: HAS_DEPENDENTS at"
            + " /conditions/all/1/segment: Cannot delete segment 'base': this segment refers to"
            + " it (expected no segment depending on it; change those first, or use --force)"),
        r.errors().subList(0, 2).stream().map(ValidationError::render).toList());
    assertEquals(List.of("direct-not", "loop-2", "pair-b", "imports", "loop-1", "pair-a"),
        r.errors().stream().map(ValidationError::segmentId).toList());
    assertTrue(r.errors().get(3).message().contains("depends on it through 'direct-not'"));
    assertEquals(before, Folders.snapshot(dir));

    Bin.Deleted d = delete(dir, "base", true, T1);
    assertEquals(6, d.dependents().size());
    assertFalse(Files.exists(dir.resolve("base.json")));
    assertEquals(Folders.SMALL.get("base.json"),
        Files.readString(dir.resolve(".bin/base.20261128T141500Z.json")));
    restore(dir, "base", null);
    assertEquals(before, Folders.snapshot(dir));
  }

  @Test
  void aSegmentOfAnArrayFileIsCutOutAndComesBackAsItsOwnFile(@TempDir Path tmp)
      throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    Bin.Deleted d = delete(dir, "pair-a", false, T1);
    assertTrue(d.element());
    assertEquals("""
        [
          { "id": "pair-b", "database": "shop",
            "range": { "from": 0, "to": 12.50 },
            "conditions": { "conditions_of": "base" } }
        ]
        """, Files.readString(dir.resolve("pair.json")));
    String cut = """
        { "id": "pair-a", "database": "shop",
          "conditions": { "all": [
            { "field": "age", "op": "gte", "value": 30 },
            { "not": { "segment": "imports", "op": "not_in" } } ] } }
        """;
    assertEquals(cut, Files.readString(dir.resolve(".bin/pair-a.20261128T141500Z.json")));
    restore(dir, "pair-a", null);
    assertEquals(cut, Files.readString(dir.resolve("pair-a.json")));
    assertEquals(1, Folders.read(dir).find("pair-a").size());

    // The last one of an array file: the whole file goes, and comes back byte for byte.
    String rest = Files.readString(dir.resolve("pair.json"));
    delete(dir, "pair-b", true, T2);
    assertFalse(Files.exists(dir.resolve("pair.json")));
    restore(dir, "pair-b", null);
    assertEquals(rest, Files.readString(dir.resolve("pair.json")));

    // A second element, not the first: it goes with the comma before it.
    Files.writeString(dir.resolve("three.json"), "[{\"id\":\"t1\",\"database\":\"shop\"},\n"
        + "  {\"id\":\"t2\",\"database\":\"shop\"} , {\"id\":\"t3\",\"database\":\"shop\"}]");
    delete(dir, "t2", false, T1);
    assertEquals("[{\"id\":\"t1\",\"database\":\"shop\"} , {\"id\":\"t3\",\"database\":\"shop\"}]",
        Files.readString(dir.resolve("three.json")));
    assertEquals("{\"id\":\"t2\",\"database\":\"shop\"}\n",
        Files.readString(dir.resolve(".bin/t2.20261128T141500Z.json")));
  }

  @Test
  void restoreTakesTheLatestOrTheStampedVersion(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    String v1 = Folders.SMALL.get("alone.json");
    String v2 = v1.replace("Hamburg", "Bremen");
    delete(dir, "alone", false, T1);
    Files.writeString(dir.resolve("alone.json"), v2);
    delete(dir, "alone", false, T1); // the same second: a -2 after the stamp
    assertTrue(Files.exists(dir.resolve(".bin/alone.20261128T141500Z-2.json")));
    Files.writeString(dir.resolve("alone.json"), v1.replace("Hamburg", "Köln"));
    delete(dir, "alone", false, T2);
    assertEquals(List.of("20261128T141500Z", "20261128T141500Z-2", "20261129T080000Z"),
        Restore.versions(Folders.read(dir), "alone").stream().map(Restore.Version::stamp).toList());

    restore(dir, "alone", "20261128T141500Z-2");
    assertEquals(v2, Files.readString(dir.resolve("alone.json")));
    Map<String, String> before = Folders.snapshot(dir);
    InvalidInputException again = assertThrows(InvalidInputException.class,
        () -> restore(dir, "alone", null));
    assertEquals(ErrorCode.DUPLICATE_ID, again.errors().get(0).code());
    assertTrue(again.getMessage().contains("has a segment with this id again, in alone.json"),
        again.getMessage());
    assertEquals(before, Folders.snapshot(dir));

    Files.delete(dir.resolve("alone.json"));
    restore(dir, "alone", null);
    assertTrue(Files.readString(dir.resolve("alone.json")).contains("Köln"));
    Files.delete(dir.resolve("alone.json"));
    restore(dir, "alone", "20261128T141500Z");
    assertEquals(v1, Files.readString(dir.resolve("alone.json")));
    assertEquals(List.of(), Restore.versions(Folders.read(dir), "alone"));
  }

  @Test
  void restoreRefusalsMoveNothing(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    delete(dir, "alone", false, T1);
    Files.writeString(dir.resolve("alone.json"), "{\"id\":\"another\",\"database\":\"shop\"}");
    Map<String, String> before = Folders.snapshot(dir);
    Map<String, ErrorCode> cases = Map.of(
        "no such stamp", ErrorCode.BAD_OPTION,
        "20260101T000000Z", ErrorCode.UNKNOWN_SEGMENT,
        "20261128T141500Z", ErrorCode.DUPLICATE_ID); // a file alone.json holds another id
    for (Map.Entry<String, ErrorCode> c : cases.entrySet()) {
      InvalidInputException r = assertThrows(InvalidInputException.class,
          () -> restore(dir, "alone", c.getKey()));
      assertEquals(c.getValue(), r.errors().get(0).code(), r.getMessage());
      assertEquals(before, Folders.snapshot(dir));
    }
    InvalidInputException none = assertThrows(InvalidInputException.class,
        () -> restore(dir, "base", null));
    assertEquals(ErrorCode.UNKNOWN_SEGMENT, none.errors().get(0).code());
    assertTrue(none.getMessage().contains("holds no deleted version"), none.getMessage());
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> delete(dir, "nope", false, T1));
    assertEquals(ErrorCode.UNKNOWN_SEGMENT, unknown.errors().get(0).code());
    assertEquals(before, Folders.snapshot(dir));
  }
}
