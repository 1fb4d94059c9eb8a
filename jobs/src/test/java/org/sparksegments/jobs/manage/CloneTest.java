package org.sparksegments.jobs.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.eval.SegmentSet;

/** clone: the document as written with a new id, or a refusal with nothing written. */
class CloneTest {

  private static org.apache.hadoop.fs.Path cloneOf(Path dir, String id, String as,
      String name) {
    return Cloner.cloneSegment(Folders.read(dir), id, as, Optional.ofNullable(name));
  }

  @Test
  void onlyTheIdChangesByteForByte(@TempDir Path tmp) throws Exception {
    Path dir = Folders.copy(TestSample.examples(), tmp.resolve("examples"));
    Map<String, String> before = Folders.snapshot(dir);
    org.apache.hadoop.fs.Path written = cloneOf(dir, "berlin-vips", "berlin-vips-copy", null);
    assertEquals(Folders.uri(dir.resolve("berlin-vips-copy.json")), written);
    String original = Files.readString(dir.resolve("berlin-vips.json"));
    assertEquals(original.replace("\"id\": \"berlin-vips\"", "\"id\": \"berlin-vips-copy\""),
        Files.readString(Folders.local(written)));
    Map<String, String> after = Folders.snapshot(dir);
    after.remove("berlin-vips-copy.json");
    assertEquals(before, after);
    assertTrue(org.sparksegments.jobs.LocalFiles.segments(dir).find("berlin-vips-copy").orElseThrow().ok());
  }

  @Test
  void aNameReplacesTheOldOneOrIsAddedAfterTheId(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    cloneOf(dir, "direct-not", "renamed", "Outside \"base\", é");
    assertEquals("""
        {
          "id": "renamed",
          "name": "Outside \\"base\\", é",
          "database": "shop",
          "conditions": { "not": { "segment": "base", "op": "in" } }
        }
        """, Files.readString(dir.resolve("renamed.json")));
    cloneOf(dir, "base", "named", "Named");
    assertEquals("""
        {
          "id": "named",
          "name": "Named",
          "database": "shop",
          "conditions": { "field": "city", "op": "eq", "value": "Berlin" }
        }
        """, Files.readString(dir.resolve("named.json")));
    cloneOf(dir, "alone", "alone-2", "Alone");
    assertEquals("""
        { "id": "alone-2", "name": "Alone", "database": "shop",
          "conditions": { "field": "city", "op": "eq", "value": "Hamburg" } }
        """, Files.readString(dir.resolve("alone-2.json")));
  }

  @Test
  void aSegmentOfAnArrayFileIsCopiedAloneIntoItsOwnFile(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    cloneOf(dir, "pair-b", "pair-c", null);
    assertEquals("""
        { "id": "pair-c", "database": "shop",
          "range": { "from": 0, "to": 12.50 },
          "conditions": { "conditions_of": "base" } }
        """, Files.readString(dir.resolve("pair-c.json")));
    assertEquals(Folders.SMALL.get("pair.json"), Files.readString(dir.resolve("pair.json")));
    assertEquals(1, Folders.read(dir).find("pair-c").size());
  }

  @Test
  void refusalsWriteNothing(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    Map<String, String> before = Folders.snapshot(dir);
    Map<String, ErrorCode> cases = new HashMap<>();
    cases.put("bad id", ErrorCode.BAD_ID);
    cases.put("x".repeat(65), ErrorCode.BAD_ID);
    cases.put("../escape", ErrorCode.BAD_ID);
    cases.put("pair-a", ErrorCode.DUPLICATE_ID); // a segment of an array file
    cases.put("base", ErrorCode.DUPLICATE_ID);
    cases.put("broken", ErrorCode.DUPLICATE_ID); // no segment read, but the file exists
    for (Map.Entry<String, ErrorCode> c : cases.entrySet()) {
      InvalidInputException r = assertThrows(InvalidInputException.class,
          () -> cloneOf(dir, "alone", c.getKey(), null));
      assertEquals(c.getValue(), r.errors().get(0).code(), c.getKey());
      assertTrue(r.getMessage().contains("Cannot clone segment 'alone' as '" + c.getKey() + "'"),
          r.getMessage());
      assertEquals(before, Folders.snapshot(dir), c.getKey());
    }
    InvalidInputException unknown = assertThrows(InvalidInputException.class,
        () -> cloneOf(dir, "nope", "nope-2", null));
    assertEquals(ErrorCode.UNKNOWN_SEGMENT, unknown.errors().get(0).code());
    Files.writeString(dir.resolve("base-again.json"), "{\"id\":\"base\",\"database\":\"shop\"}");
    before = Folders.snapshot(dir);
    InvalidInputException twice = assertThrows(InvalidInputException.class,
        () -> cloneOf(dir, "base", "base-3", null));
    assertEquals(ErrorCode.DUPLICATE_ID, twice.errors().get(0).code());
    assertTrue(twice.getMessage().contains("base-again.json (base), base.json (base)"), twice.getMessage());
    assertEquals(before, Folders.snapshot(dir));
  }
}
