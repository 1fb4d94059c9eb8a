package org.sparksegments.jobs.export;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.jobs.TestSample;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.cli.Main;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Validator;
import org.sparksegments.testing.SharedSpark;

/** What the export tests share: the sample, expected members, in-process runs, listings. */
final class ExportFixture {
  static final String AS_OF = "2026-06-01T00:00:00Z";
  /**
   * A segment with enough members in the small sample (berlin-vips has none there): ordered by
   * a decimal with many ties (0.00), so the id tie-break shows.
   */
  private static final String BERLIN_TOP = """
      { "id": "berlin-top", "database": "shop",
        "limit": { "max": 100, "order_by": [ { "field": "lifetime_value", "direction": "asc" } ] },
        "conditions": { "field": "city", "op": "eq", "value": "Berlin", "ignore_case": true } }
      """;
  private static Path extra;

  private ExportFixture() {}

  /** The example segments and berlin-top, as --segments takes them. */
  static synchronized List<Path> segments() throws IOException {
    if (extra == null) {
      Path f = Files.createTempDirectory("export-segments-").resolve("berlin-top.json");
      Files.writeString(f, BERLIN_TOP);
      extra = f;
    }
    return List.of(TestSample.examples(), extra);
  }

  /** A command's exit status and what it printed. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static String catalog() throws Exception {
    return TestSample.catalog().toString();
  }

  /** The common options: the sample, the examples, the segment, the sample's as-of. */
  static List<String> args(String command, String segment) throws Exception {
    return new ArrayList<>(List.of(command, "--catalog", catalog(), "--segments",
        segments().get(0).toString(), "--segments", segments().get(1).toString(), "--segment",
        segment, "--as-of", AS_OF, "--quiet"));
  }

  static BoundSegment bound(String id) throws Exception {
    Catalog c = org.sparksegments.jobs.LocalFiles.catalog(Path.of(catalog()));
    return new Validator(c, new SchemaSource(new org.apache.hadoop.conf.Configuration(),
        SharedSpark::session)).validate(org.sparksegments.jobs.LocalFiles.segments(segments()).find(id)
        .orElseThrow()).segment();
  }

  /** The selected profiles as the evaluator gives them, all columns, in the segment's order. */
  static List<Row> selected(String id) throws Exception {
    Catalog c = org.sparksegments.jobs.LocalFiles.catalog(Path.of(catalog()));
    return new Evaluator(SharedSpark.session(), c).selected(bound(id), Instant.parse(AS_OF))
        .collectAsList();
  }

  /** Runs a command in this JVM (on the shared session), capturing its output. */
  static synchronized Result run(List<String> args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      exit = Main.run(args.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    return new Result(exit, o.toString(StandardCharsets.UTF_8).strip(),
        e.toString(StandardCharsets.UTF_8).strip());
  }

  /** Every file under {@code dir} (hidden ones too) with a digest of its bytes. */
  static Map<String, String> listing(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        String rel = dir.relativize(p).toString();
        out.put(rel, Files.isDirectory(p) ? "dir" : digest(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The cells of RFC 4180 CSV text: an unquoted empty cell is null, a quoted one "". */
  static List<List<String>> csv(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',' || c == '\n') {
        row.add(cell.length() == 0 && !wasQuoted ? null : cell.toString());
        cell.setLength(0);
        wasQuoted = false;
        if (c == '\n') {
          rows.add(row);
          row = new ArrayList<>();
        }
      } else {
        cell.append(c);
      }
    }
    if (!row.isEmpty() || cell.length() > 0) {
      throw new AssertionError("the CSV text does not end with a line end: " + row + cell);
    }
    return rows;
  }
}
