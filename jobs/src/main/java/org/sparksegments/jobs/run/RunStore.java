package org.sparksegments.jobs.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.jobs.fs.Storage;

/**
 * The output folder of batch runs, on any Hadoop file system: {@code runs/RUN_ID/} (claimed by
 * an exclusive create, complete once its {@code manifest.json} exists, which is created in one
 * step and never overwritten) and {@code counts/run_id=RUN_ID/} (the update log, written after
 * the manifest). No step renames a folder, so the protocol holds on object stores too. Earlier
 * runs are never changed; an incomplete run is ignored by every reader.
 */
public final class RunStore {
  static final String MANIFEST = "manifest.json";
  /** The hidden file whose exclusive create claims a run id. */
  static final String CLAIM = "_started";
  /** What a Spark write leaves once all its files are in place. */
  static final String SUCCESS = "_SUCCESS";
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Storage storage;
  private final Path out;

  /** The runs under {@code out}, a qualified path on a file system of {@code storage}. */
  public RunStore(Storage storage, Path out) {
    this.storage = storage;
    this.out = out;
  }

  /** The runs under {@code out} as written by the user, qualified as Spark qualifies it. */
  public static RunStore at(Storage storage, String out) throws IOException {
    return new RunStore(storage, storage.qualify(out));
  }

  public Storage storage() {
    return storage;
  }

  public Path out() {
    return out;
  }

  public Path runs() {
    return new Path(out, "runs");
  }

  public Path counts() {
    return new Path(out, "counts");
  }

  /** The counts folder of one run. */
  public Path counts(String runId) {
    return new Path(counts(), "run_id=" + runId);
  }

  /** A complete run: its folder and its manifest. */
  public record Complete(Path dir, String runId, JsonNode manifest) {}

  /**
   * A new run folder named by its start time (sortable), claimed by creating its hidden
   * {@link #CLAIM} file where no file of that name exists: of two runs started in the same
   * millisecond one gets the name, the other the next {@code -N} suffix.
   */
  Path newRun(Instant startedAt) throws IOException {
    String base = RUN_ID.format(startedAt);
    byte[] claim = ("{\"started_at\": \"" + startedAt + "\"}\n")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 1; ; i++) {
      Path dir = new Path(runs(), i == 1 ? base : base + "-" + i);
      if (storage.createNew(new Path(dir, CLAIM), claim)) {
        return dir;
      }
    }
  }

  /**
   * The complete runs (with a readable manifest), oldest first. A plain file under
   * {@code runs/} or a folder whose manifest cannot be read is named on {@code skipped} and left
   * out; a folder without manifest is a run not (yet) complete and is left out silently.
   */
  public List<Complete> completeRuns(Consumer<String> skipped) throws IOException {
    List<Complete> out = new ArrayList<>();
    for (FileStatus entry : storage.children(runs())) {
      Path dir = entry.getPath();
      if (!entry.isDirectory()) {
        skipped.accept("skipped " + dir + ": a file, not a run folder");
        continue;
      }
      Path manifest = new Path(dir, MANIFEST);
      if (!storage.isFile(manifest)) {
        continue;
      }
      JsonNode m;
      try {
        m = Json.MAPPER.readTree(storage.read(manifest));
      } catch (JsonProcessingException e) {
        // Jackson's own message would show "Source: REDACTED": the file is named here.
        var at = e.getLocation();
        skipped.accept("skipped " + dir + ": " + manifest + " is not valid JSON"
            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr()
                + ")") + ": " + firstLine(e.getOriginalMessage()));
        continue;
      } catch (IOException e) {
        skipped.accept("skipped " + dir + ": " + manifest + " cannot be read: "
            + firstLine(e.getMessage()));
        continue;
      }
      if (m == null || !m.path("segments").isArray()) {
        skipped.accept("skipped " + dir + ": " + manifest + " has no segments list");
        continue;
      }
      out.add(new Complete(dir, dir.getName(), m));
    }
    return out;
  }

  /** The complete runs, oldest first; damaged entries are left out without a word. */
  public List<Path> completeRuns() throws IOException {
    return completeRuns(s -> { }).stream().map(Complete::dir).toList();
  }

  /**
   * The members folder of the segment in the latest of {@code complete} where it was computed
   * ({@code status} ok); empty when there is none. The folder may be absent: no members.
   */
  static Optional<Path> previousMembers(List<Complete> complete, String segment) {
    for (int i = complete.size() - 1; i >= 0; i--) {
      for (JsonNode s : complete.get(i).manifest().path("segments")) {
        if (segment.equals(s.path("id").asText()) && "ok".equals(s.path("status").asText())) {
          return Optional.of(new Path(new Path(complete.get(i).dir(), "members"),
              "segment=" + segment));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Completes a run: its manifest created in one step under its final name, never over an
   * existing file (a store that writes a file whole on close shows all of it or none).
   */
  void writeManifest(Path run, JsonNode manifest) throws IOException {
    byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
    if (!storage.createNew(new Path(run, MANIFEST), bytes)) {
      throw new IOException("Cannot complete run " + run + ": " + MANIFEST + " exists already");
    }
  }

  /** Whether the counts rows of run {@code runId} are all written. */
  boolean hasCounts(String runId) throws IOException {
    return storage.isFile(new Path(counts(runId), SUCCESS));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
