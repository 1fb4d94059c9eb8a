package org.sparksegments.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.bind.Binder;
import org.sparksegments.conditions.bind.BoundSegment;
import org.sparksegments.conditions.json.Json;
import org.sparksegments.data.mix.RealisticSegments;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.jobs.cli.Main;
import org.sparksegments.jobs.eval.Evaluator;
import org.sparksegments.jobs.eval.SchemaSource;
import org.sparksegments.jobs.eval.SegmentSet;
import org.sparksegments.jobs.eval.Sessions;
import org.sparksegments.jobs.eval.Validator;

/**
 * One side of the benchmark, in its own JVM so that its peak memory is its own: prints one JSON
 * line with the wall time of each repetition (after one warm-up, or {@code -Dbench.warmups})
 * and their median, and for the Spark sides the driver's planning time of each repetition
 * ({@link PlanningTime}) and its median, {@code plan_s}.
 *
 * <pre>
 * Bench segments N DIR [simple|realistic [SEED]]
 * Bench floor|run|naive|duckdb CATALOG SEGMENTS_DIR AS_OF REPS [NAIVE_SEGMENTS] [RUN_OUT]
 * Bench chart RESULTS_CSV PNG
 * </pre>
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "segments" -> writeSegments(args);
      case "chart" -> Chart.draw(Path.of(args[1]), Path.of(args[2]));
      default -> side(args);
    }
  }

  /** Today's mix ({@code simple}, the default) or the realistic one, from a seed. */
  private static void writeSegments(String[] args) throws Exception {
    int n = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    String mix = args.length > 3 ? args[3] : "simple";
    switch (mix) {
      case "simple" -> BenchSegments.write(dir, n);
      case "realistic" -> RealisticSegments.write(dir, n,
          args.length > 4 ? Long.parseLong(args[4]) : RealisticSegments.DEFAULT_SEED);
      default -> throw new IllegalArgumentException("unknown mix " + mix
          + " (simple or realistic)");
    }
  }

  private static void side(String[] args) throws Exception {
    String side = args[0];
    Path catalogFile = Path.of(args[1]);
    Path segmentsDir = Path.of(args[2]);
    Instant asOf = Instant.parse(args[3]);
    int reps = Integer.parseInt(args[4]);
    int naiveSegments = args.length > 5 ? Integer.parseInt(args[5]) : Integer.MAX_VALUE;
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("side", side);
    Callable<Object> body;
    PlanningTime planning = null;
    if (side.equals("duckdb")) {
      DuckDbSide duck = new DuckDbSide(catalogFile, segmentsDir, asOf);
      out.put("segments", duck.translatedIds().size());
      out.set("translated_ids", Json.MAPPER.valueToTree(duck.translatedIds()));
      out.set("untranslated", Json.MAPPER.valueToTree(duck.untranslated()));
      body = duck::runAll;
    } else {
      SparkSession spark = Sessions.create("bench " + side);
      Catalog catalog = CatalogLoader.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(catalogFile));
      SegmentSet set = SegmentSet.load(org.sparksegments.jobs.fs.Storage.local(), String.valueOf(segmentsDir));
      Validator validator = new Validator(catalog, new SchemaSource(null, () -> spark), set);
      List<BoundSegment> bound = new ArrayList<>();
      for (var p : set.all()) {
        Binder.Result r = validator.validate(p);
        if (!r.ok()) {
          throw new IllegalStateException(p.id() + ": " + r.errors());
        }
        bound.add(r.segment());
      }
      out.put("segments", bound.size());
      switch (side) {
        case "floor" -> {
          // One run with a listener: the columns the run really reads, table by table.
          Floor.ScanRecorder recorder = new Floor.ScanRecorder();
          spark.listenerManager().register(recorder);
          runCommand(catalogFile, segmentsDir, asOf, Path.of(args[6]));
          spark.listenerManager().unregister(recorder);
          // The input tables only: a run also reads back its previous members for the changes.
          Map<String, StructType> tables = new java.util.LinkedHashMap<>(recorder.tables);
          tables.keySet().removeIf(t -> t.contains(Path.of(args[6]).toAbsolutePath().toString()));
          ObjectNode cols = out.putObject("columns");
          tables.forEach((t, s) -> cols.put(Path.of(t).getFileName().toString(),
              String.join(",", s.fieldNames())));
          body = () -> Floor.read(spark, tables);
        }
        case "run" -> body = () -> runCommand(catalogFile, segmentsDir, asOf, Path.of(args[6]));
        case "naive" -> {
          List<BoundSegment> some = bound.subList(0, Math.min(naiveSegments, bound.size()));
          out.put("measured_segments", some.size());
          body = () -> {
            Map<String, Evaluator.Counts> counts = new HashMap<>();
            for (BoundSegment s : some) {
              // A fresh evaluator per segment: each segment's own reads, filter and count.
              counts.put(s.id(), new Evaluator(spark, catalog, validator::bound).count(s, asOf));
            }
            return counts;
          };
        }
        default -> throw new IllegalArgumentException("unknown side " + side);
      }
      // After the floor's recording run: only the measured repetitions' queries are summed.
      planning = PlanningTime.register(spark);
    }
    for (int i = Integer.getInteger("bench.warmups", 1); i > 0; i--) {
      body.call(); // warm-up: JIT, file cache
    }
    double[] times = new double[reps];
    double[] plans = new double[reps];
    int queries = 0;
    for (int i = 0; i < reps; i++) {
      if (planning != null) {
        planning.reset(); // outside the timed part: waits for the listener bus
      }
      long t0 = System.nanoTime();
      body.call();
      times[i] = (System.nanoTime() - t0) / 1e9;
      if (planning != null) {
        plans[i] = planning.seconds();
        queries = planning.queries();
      }
    }
    ArrayNode t = out.putArray("times_s");
    Arrays.stream(times).forEach(x -> t.add(round(x)));
    out.put("median_s", round(median(times)));
    if (planning != null) {
      ArrayNode p = out.putArray("plan_times_s");
      Arrays.stream(plans).forEach(x -> p.add(round(x)));
      out.put("plan_s", round(median(plans)));
      out.put("plan_queries", queries);
    }
    System.out.println(out);
    System.exit(0);
  }

  /** The batch run as the command line runs it, outputs written. */
  private static int runCommand(Path catalog, Path segments, Instant asOf, Path out) {
    int exit = Main.run("run", "--catalog", catalog.toString(), "--segments", segments.toString(),
        "--out", out.toString(), "--as-of", asOf.toString(), "--quiet");
    if (exit != 0) {
      throw new IllegalStateException("run exited with " + exit);
    }
    return exit;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
