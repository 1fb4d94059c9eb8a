package org.sparksegments.jobs.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.jobs.TestSample;

/** dependents: direct and indirect references, read with the parser, in a stable order. */
class DependentsTest {

  private static List<String> lines(Path dir, String id) {
    return Dependents.of(Folders.read(dir), id).stream().map(Dependents.Dependent::line)
        .toList();
  }

  @Test
  void directThenIndirectInFileOrderWithThePointerOfEachReference(@TempDir Path tmp)
      throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    assertEquals(List.of(
        "direct-not\tdirect-not.json\tdirect\t/conditions/not/segment\tbase",
        "loop-2\tloop-2.json\tdirect\t/conditions/all/1/segment\tbase",
        "pair-b\tpair.json\tdirect\t/1/conditions/conditions_of\tbase",
        "imports\timports.json\tindirect\t/conditions/any/1/conditions_of\tdirect-not",
        "loop-1\tloop-1.json\tindirect\t/conditions/segment\tloop-2",
        "pair-a\tpair.json\tindirect\t/0/conditions/all/1/not/segment\timports"),
        lines(dir, "base"));
  }

  @Test
  void aCycleDoesNotMakeASegmentItsOwnDependent(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    assertEquals(List.of("loop-2\tloop-2.json\tdirect\t/conditions/all/0/segment\tloop-1"),
        lines(dir, "loop-1"));
    // loop-2 is referred to by loop-1, which loop-2 itself refers to: loop-2 is not listed.
    assertEquals(List.of("loop-1\tloop-1.json\tdirect\t/conditions/segment\tloop-2"),
        lines(dir, "loop-2"));
  }

  @Test
  void noDependentsAndAnUnknownIdGiveNoLines(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    assertEquals(List.of(), lines(dir, "alone"));
    assertEquals(List.of(), lines(dir, "pair-a"));
    assertEquals(List.of(), lines(dir, "no-such-segment"));
  }

  @Test
  void anUnreadableFileIsAProblemAndTheRestIsRead(@TempDir Path tmp) throws Exception {
    Path dir = Folders.write(tmp.resolve("s"), Folders.SMALL);
    SegmentFolder f = Folders.read(dir);
    assertEquals(1, f.problems().size(), f.problems().toString());
    assertEquals(ErrorCode.MALFORMED_JSON, f.problems().get(0).code());
    assertTrue(f.problems().get(0).file().endsWith("broken.json"));
    assertEquals(List.of("alone", "base", "direct-not", "imports", "loop-1", "loop-2", "pair-a",
        "pair-b"), f.entries().stream().map(SegmentFolder.Entry::id).toList());
  }

  @Test
  void theExamplesReferToEachOtherTwice(@TempDir Path tmp) throws Exception {
    Path dir = Folders.copy(TestSample.examples(), tmp.resolve("examples"));
    assertEquals(List.of("winback-candidates\twinback-candidates.json\tdirect"
        + "\t/conditions/all/1/segment\tbig-spenders"), lines(dir, "big-spenders"));
    assertEquals(List.of("app-newcomers-active\tapp-newcomers-active.json\tdirect"
        + "\t/conditions/all/2/conditions_of\tdark-mode-multi-device"),
        lines(dir, "dark-mode-multi-device"));
    assertEquals(List.of(), lines(dir, "berlin-customers"));
    assertEquals(List.of(), lines(dir, "winback-candidates"));
  }
}
