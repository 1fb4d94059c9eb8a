package org.sparksegments.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.error.ValidationError;
import org.sparksegments.conditions.json.SegmentParser;
import org.sparksegments.jobs.fs.Storage;

/** Segment files read through the file-system layer: each problem names the qualified file. */
class SegmentSetTest {

  private static List<String> problems(SegmentSet set) {
    return set.all().stream().flatMap(p -> p.errors().stream())
        .map(e -> e.code() + " " + e.pointer() + " " + e.file()).toList();
  }

  @Test
  void filesAreReadAndTheirQualifiedNameLocatesTheProblems(@TempDir Path dir) throws Exception {
    Path one = dir.resolve("one.json");
    Files.writeString(one, "{\"id\": \"a\", \"database\": \"fx\", \"limit\": -1}");
    Path big = dir.resolve("big.json");
    Files.writeString(big, " ".repeat((int) SegmentParser.MAX_FILE_BYTES + 1));
    Path latin1 = dir.resolve("latin1.json");
    Files.write(latin1, "{\"id\": \"b\", \"database\": \"fx\", \"description\": \"M\u00fcnchen\"}"
        .getBytes(StandardCharsets.ISO_8859_1));
    String uri = dir.toUri().toString().replace("file:///", "file:/");

    SegmentSet set = SegmentSet.load(Storage.local(), List.of(one.toString(), big.toString(),
        latin1.toString(), dir.resolve("absent.json").toString()));

    assertEquals(List.of(
        "BAD_LIMIT /limit " + uri + "one.json",
        "FILE_TOO_LARGE  " + uri + "big.json",
        "UNREADABLE_FILE  " + uri + "latin1.json",
        "UNREADABLE_FILE  " + uri + "absent.json"), problems(set));
    ValidationError limit = set.all().get(0).errors().get(0);
    assertEquals("a", limit.segmentId());
  }

  @Test
  void aFolderIsReadFileByFileInNameOrderAndOnlyItsJsonFiles(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("b.json"), "{\"id\": \"second\", \"database\": \"fx\"}");
    Files.writeString(dir.resolve("a.json"), "[{\"id\": \"first\", \"database\": \"fx\"}]");
    Files.writeString(dir.resolve("notes.txt"), "not a segment");
    Files.createDirectory(dir.resolve("sub.json"));

    SegmentSet set = SegmentSet.load(Storage.local(), List.of(dir.toString()));

    assertEquals(List.of("first", "second"), set.ids());
    assertEquals(List.of(), problems(set));
  }
}
