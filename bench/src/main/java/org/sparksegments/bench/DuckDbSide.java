package org.sparksegments.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.sparksegments.conditions.json.SegmentParser.Parsed;
import org.sparksegments.conditions.model.Segment;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.catalog.Database;
import org.sparksegments.jobs.eval.SegmentSet;

/**
 * The DuckDB side: the benchmark's segments translated to SQL once, then each repetition runs
 * one query per translated segment in embedded DuckDB over the same Parquet files.
 */
final class DuckDbSide {
  private final DuckDbRunner runner;
  private final List<DuckDbSegments.Query> queries = new ArrayList<>();
  private final List<String> untranslated = new ArrayList<>();

  DuckDbSide(Path catalog, Path segments, Instant asOf) throws Exception {
    List<Segment> all = SegmentSet.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(segments)).all().stream().map(Parsed::segment)
        .filter(Objects::nonNull).toList();
    Database db = CatalogLoader.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(catalog)).database(all.get(0).database()).orElseThrow();
    runner = DuckDbRunner.open();
    for (DuckDbSegments.Translation t : DuckDbSegments.translateAll(all, runner.describe(db),
        asOf)) {
      if (t instanceof DuckDbSegments.Query q) {
        queries.add(q);
      } else if (t instanceof DuckDbSegments.Untranslated u) {
        untranslated.add(u.id() + ": " + u.reason());
      }
    }
  }

  List<String> translatedIds() {
    return queries.stream().map(DuckDbSegments.Query::id).toList();
  }

  /** "id: reason" for each segment left out. */
  List<String> untranslated() {
    return untranslated;
  }

  /** Every translated segment's query, one after the other; returns the total of matched. */
  Object runAll() throws Exception {
    long matched = 0;
    for (DuckDbSegments.Query q : queries) {
      matched += runner.run(q).matched();
    }
    return matched;
  }
}
