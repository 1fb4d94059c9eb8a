package org.sparksegments.jobs;

import java.nio.file.Path;
import java.util.List;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.fs.Storage;

/** Catalogs and segment sets of local test files, read through the default Hadoop file system. */
public final class LocalFiles {
  private LocalFiles() {}

  public static Catalog catalog(Path file) {
    return CatalogLoader.load(Storage.local(), file.toString());
  }

  public static SegmentSet segments(Path fileOrFolder) {
    return SegmentSet.load(Storage.local(), fileOrFolder.toString());
  }

  public static SegmentSet segments(List<Path> paths) {
    return SegmentSet.load(Storage.local(), paths.stream().map(Path::toString).toList());
  }
}
