package org.sparksegments.jobs.export;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code inplace:}, which the file-system layer does not count
 * among those that rename atomically: it stands for an object store, so that the in-place write
 * path runs on real files here.
 */
public final class InPlaceFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "inplace";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
