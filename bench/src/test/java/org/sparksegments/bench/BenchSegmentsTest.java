package org.sparksegments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.data.SampleGenerator;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/** The generated benchmark segments are stable, varied, and all valid on the sample. */
@ExtendWith(SharedSpark.class)
class BenchSegmentsTest {

  @Test
  void theSameListEveryTimeAndEachShorterListIsAPrefix() {
    List<ObjectNode> a = BenchSegments.generate(300);
    assertEquals(a, BenchSegments.generate(300));
    assertEquals(a.subList(0, 100), BenchSegments.generate(100));
  }

  @Test
  void everySegmentIsValidAndEveryKindOccurs(@TempDir Path dir) throws Exception {
    SampleGenerator.generate(SharedSpark.session(), dir.resolve("sample"), 300, 42);
    BenchSegments.write(dir.resolve("segments"), 300);
    SegmentSet set = SegmentSet.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(dir.resolve("segments")));
    Validator v = new Validator(CatalogLoader.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(dir.resolve("sample/catalog.json"))),
        new SchemaSource(null, SharedSpark::session), set);
    assertEquals(300, set.all().size());
    for (var p : set.all()) {
      Binder.Result r = v.validate(p);
      assertTrue(r.ok(), p.id() + ": " + r.errors());
    }
    String text = String.join("\n", Files.readAllLines(dir.resolve("segments/b000.json")));
    assertTrue(text.contains("\"database\" : \"shop\""), text);
    String all = BenchSegments.generate(300).toString();
    for (String kind : List.of("\"event\"", "\"aggregate\"", "\"subscription\"", "\"segment\"",
        "\"range\"", "\"limit\"", "\"field\"", "\"not_in\"", "\"at_most\"")) {
      assertTrue(all.contains(kind), kind);
    }
  }
}
