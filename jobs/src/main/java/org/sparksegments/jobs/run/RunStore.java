package org.sparksegments.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.sparksegments.conditions.json.Json;

/**
 * The output folder of batch runs: {@code runs/RUN_ID/} (a run is complete once its
 * {@code manifest.json} exists, written last) and {@code counts/} (the update log). Earlier runs
 * are never changed; an incomplete run is ignored by every reader.
 */
public final class RunStore {
  static final String MANIFEST = "manifest.json";
  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path out;

  public RunStore(Path out) {
    this.out = out.toAbsolutePath();
  }

  public Path runs() {
    return out.resolve("runs");
  }

  public Path counts() {
    return out.resolve("counts");
  }

  /** A new run folder named by its start time (sortable), never an existing one. */
  Path newRun(Instant startedAt) throws IOException {
    Files.createDirectories(runs());
    String base = RUN_ID.format(startedAt);
    for (int i = 1; ; i++) {
      Path dir = runs().resolve(i == 1 ? base : base + "-" + i);
      try {
        Files.createDirectory(dir);
        return dir;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another run started in the same millisecond: take the next name
      }
    }
  }

  /** The complete runs (with a manifest), oldest first. */
  public List<Path> completeRuns() throws IOException {
    if (!Files.isDirectory(runs())) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(runs())) {
      return s.filter(d -> Files.isRegularFile(d.resolve(MANIFEST)))
          .sorted(Comparator.comparing(d -> d.getFileName().toString())).toList();
    }
  }

  /**
   * The members folder of the segment in the latest complete run where it was computed
   * ({@code status} ok); empty when there is none. The folder may be absent: no members.
   */
  Optional<Path> previousMembers(String segment) throws IOException {
    List<Path> runs = new ArrayList<>(completeRuns());
    for (int i = runs.size() - 1; i >= 0; i--) {
      JsonNode m = Json.MAPPER.readTree(runs.get(i).resolve(MANIFEST).toFile());
      for (JsonNode s : m.path("segments")) {
        if (segment.equals(s.path("id").asText()) && "ok".equals(s.path("status").asText())) {
          return Optional.of(runs.get(i).resolve("members").resolve("segment=" + segment));
        }
      }
    }
    return Optional.empty();
  }

  /** Writes the manifest atomically: a complete file appears at once, or none. */
  static void writeManifest(Path run, JsonNode manifest) throws IOException {
    Path tmp = run.resolve("." + MANIFEST + ".tmp");
    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
    Files.move(tmp, run.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Where a run's counts rows wait until its manifest exists (hidden from readers). */
  Path stagedCounts(String runId) {
    return counts().resolve("_staging-" + runId);
  }

  Path publishedCounts(String runId) {
    return counts().resolve("run_id=" + runId);
  }

  /** Publishes the staged counts of complete runs (killed between manifest and counts). */
  void settleCounts() throws IOException {
    if (!Files.isDirectory(counts())) {
      return;
    }
    List<Path> staged;
    try (Stream<Path> s = Files.list(counts())) {
      staged = s.filter(p -> p.getFileName().toString().startsWith("_staging-")).toList();
    }
    for (Path p : staged) {
      String runId = p.getFileName().toString().substring("_staging-".length());
      // A staging folder of a run without manifest may belong to a run still going on: it is
      // left alone (hidden from readers either way).
      if (Files.isRegularFile(runs().resolve(runId).resolve(MANIFEST))) {
        publish(runId);
      }
    }
  }

  void publish(String runId) throws IOException {
    Files.move(stagedCounts(runId), publishedCounts(runId), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Deletes a file or a folder with everything in it; nothing when it does not exist. */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
