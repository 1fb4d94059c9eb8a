package org.sparksegments.data;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.sparksegments.testing.SharedSpark;

@ExtendWith(SharedSpark.class)
class SampleGeneratorTest {

  private static final long N = 2_000;
  private static final long SEED = 7;
  private static final Timestamp AS_OF = Timestamp.from(SampleGenerator.SAMPLE_AS_OF);

  private static final Map<String, List<String>> SCHEMAS = Map.of(
      "shop/profiles", List.of("profile_id:string", "created_at:timestamp", "email:string",
          "first_name:string", "city:string", "country:string", "language:string", "birthday:date",
          "age:int", "loyalty_points:bigint", "lifetime_value:decimal(12,2)", "score:double",
          "is_vip:boolean", "tags:array<string>", "address:struct<street:string,zip:string,city:string>",
          "attrs:map<string,string>", "last_seen_local:timestamp_ntz"),
      "shop/subscriptions", List.of("profile_id:string", "channel:string", "resource:string",
          "status:string", "updated_at:timestamp"),
      "shop/events", List.of("profile_id:string", "event:string", "channel:string", "campaign:string",
          "message:string", "ts:timestamp", "value:double", "url:string", "utm_source:string",
          "utm_campaign:string"),
      "shop/static_segments", List.of("segment:string", "profile_id:string", "added_at:timestamp",
          "removed_at:timestamp"),
      "shop/crm", List.of("email:string", "tier:string", "crm_score:int", "consent:boolean",
          "updated_at:timestamp"),
      "app/profiles", List.of("user_id:bigint", "created_at:timestamp", "platform:string",
          "country:string", "app_version:string", "sessions:int", "level:int", "premium:boolean",
          "devices:array<string>", "settings:map<string,string>",
          "location:struct<city:string,lat:double,lon:double>", "birthday:date"),
      "app/subscriptions", List.of("user_id:bigint", "channel:string", "resource:string",
          "status:string", "updated_at:timestamp"),
      "app/events", List.of("user_id:bigint", "event:string", "channel:string", "campaign:string",
          "message:string", "ts:timestamp", "value:double", "level:int"),
      "app/static_segments", List.of("segment:string", "user_id:bigint", "added_at:timestamp",
          "removed_at:timestamp"));

  @Test
  void generatesRealisticDeterministicSample(SparkSession spark, @TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("a");
    SampleGenerator.Summary summary = SampleGenerator.generate(spark, out, N, SEED);

    // Row counts and exact schemas.
    assertEquals(SCHEMAS.keySet(), summary.rowsPerTable().keySet().stream()
        .map(k -> k.replace('.', '/')).collect(Collectors.toSet()));
    summary.rowsPerTable().forEach((t, c) -> assertTrue(c > 0, t + " is empty"));
    assertEquals(N, summary.rowsPerTable().get("shop.profiles"));
    assertEquals(N, summary.rowsPerTable().get("app.profiles"));
    for (var e : SCHEMAS.entrySet()) {
      List<String> fields = Arrays.stream(read(spark, out, e.getKey()).schema().fields())
          .map(f -> f.name() + ":" + f.dataType().catalogString()).toList();
      assertEquals(e.getValue(), fields, e.getKey());
    }

    // Shop profiles: ids unique and well-formed, nulls and empties, skew, edge days.
    Dataset<Row> shop = read(spark, out, "shop/profiles");
    Map<String, Long> sp = counts(shop, Map.ofEntries(
        Map.entry("id_null", col("profile_id").isNull()),
        Map.entry("id_shape", col("profile_id").rlike("^c[0-9]{7}$")),
        Map.entry("email_null", col("email").isNull()),
        Map.entry("email_empty", col("email").equalTo("")),
        Map.entry("email_upper", col("email").rlike("[A-Z]")),
        Map.entry("city_null", col("city").isNull()),
        Map.entry("city_empty", col("city").equalTo("")),
        Map.entry("city_berlin", col("city").equalTo("Berlin")),
        Map.entry("city_muenchen", col("city").equalTo("M\u00fcnchen")),
        Map.entry("tags_null", col("tags").isNull()),
        Map.entry("tags_empty", size(col("tags")).equalTo(0)),
        Map.entry("attrs_empty", size(col("attrs")).equalTo(0)),
        Map.entry("zip_null", col("address").isNotNull().and(col("address.zip").isNull())),
        Map.entry("birthday_null", col("birthday").isNull()),
        Map.entry("feb29", date_format(col("birthday"), "MM-dd").equalTo("02-29")),
        Map.entry("created_after", col("created_at").gt(lit(AS_OF))),
        Map.entry("created_before", col("created_at").lt(lit(AS_OF))),
        Map.entry("score_null", col("score").isNull()),
        Map.entry("vip_null", col("is_vip").isNull()),
        Map.entry("last_seen_null", col("last_seen_local").isNull())));
    assertEquals(0, sp.get("id_null"));
    assertEquals(N, sp.get("id_shape"));
    assertEquals(N, shop.select("profile_id").distinct().count(), "profile_id unique");
    sp.forEach((k, v) -> {
      if (!k.startsWith("id_")) {
        assertTrue(v > 0, "no row with " + k);
      }
    });
    assertTrue(sp.get("city_berlin") > N / 6 && sp.get("city_berlin") < N / 3, sp.toString());
    assertTrue(sp.get("created_after") < N / 10, sp.toString());

    // App profiles: long ids, not contiguous.
    Dataset<Row> app = read(spark, out, "app/profiles");
    Map<String, Long> ap = counts(app, Map.of(
        "id_null", col("user_id").isNull(),
        "id_shape", col("user_id").minus(1_000_003L).mod(7).equalTo(0),
        "id_max", col("user_id").equalTo(1_000_003L + 7 * N),
        "devices_empty", size(col("devices")).equalTo(0),
        "settings_null", col("settings").isNull(),
        "location_null", col("location").isNull(),
        "birthday_null", col("birthday").isNull()));
    assertEquals(0, ap.get("id_null"));
    assertEquals(N, ap.get("id_shape"));
    assertEquals(1, ap.get("id_max"));
    assertEquals(N, app.select("user_id").distinct().count(), "user_id unique");
    for (String k : List.of("devices_empty", "settings_null", "location_null", "birthday_null")) {
      assertTrue(ap.get(k) > 0, k);
    }

    // Events: both sides of the as-of, heavy users, the funnel.
    for (String[] t : new String[][] {{"shop/events", "profile_id"}, {"app/events", "user_id"}}) {
      Row r = read(spark, out, t[0]).groupBy(t[1]).agg(count(lit(1)).as("n"),
              sum(when(col("ts").lt(lit(AS_OF)), 1).otherwise(0)).as("before"),
              sum(when(col("ts").gt(lit(AS_OF)), 1).otherwise(0)).as("after"),
              sum(when(col("ts").equalTo(lit(AS_OF)), 1).otherwise(0)).as("at"))
          .agg(max("n"), sum("before"), sum("after"), sum("at")).first();
      assertTrue(r.getLong(0) >= 200, t[0] + " heaviest profile has " + r.getLong(0));
      assertTrue(r.getLong(1) > 0, t[0] + " before the as-of");
      assertTrue(r.getLong(2) > 0, t[0] + " after the as-of");
      assertTrue(r.getLong(2) < r.getLong(1) / 5, t[0] + " mostly before the as-of");
      assertTrue(r.getLong(3) > 0, t[0] + " exactly at the as-of");
    }
    Map<String, Long> byEvent = read(spark, out, "shop/events").groupBy("event").count().collectAsList()
        .stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    assertTrue(byEvent.get("sent") > byEvent.get("delivered"), byEvent.toString());
    assertTrue(byEvent.get("delivered") > byEvent.get("opened"), byEvent.toString());
    assertTrue(byEvent.get("opened") > byEvent.get("clicked"), byEvent.toString());
    assertTrue(byEvent.keySet().containsAll(Set.of("bounced", "unsubscribed", "purchase", "page_view")));

    // Subscriptions: every status, some updated after the as-of.
    Set<String> statuses = Set.of("active", "unsubscribed", "suppressed", "bounced", "unconfirmed");
    for (String t : List.of("shop/subscriptions", "app/subscriptions")) {
      List<Row> rows = read(spark, out, t).groupBy("status")
          .agg(sum(when(col("updated_at").gt(lit(AS_OF)), 1).otherwise(0))).collectAsList();
      assertEquals(statuses, rows.stream().map(r -> r.getString(0)).collect(Collectors.toSet()), t);
      assertTrue(rows.stream().mapToLong(r -> r.getLong(1)).sum() > 0, t + " updated after the as-of");
    }

    // Static segments: removals, re-additions, rows added after the as-of.
    for (String[] t : new String[][] {{"shop/static_segments", "profile_id"}, {"app/static_segments", "user_id"}}) {
      Dataset<Row> stat = read(spark, out, t[0]);
      Row r = stat.groupBy(col("segment"), col(t[1])).agg(count(lit(1)).as("rows"),
              sum(when(col("removed_at").isNotNull(), 1).otherwise(0)).as("removed"),
              sum(when(col("added_at").gt(lit(AS_OF)), 1).otherwise(0)).as("added_after"),
              sum(when(col("removed_at").leq(col("added_at")), 1).otherwise(0)).as("bad"))
          .agg(max("rows"), sum("removed"), sum("added_after"), sum("bad"),
              collect_set("segment"))
          .first();
      assertEquals(2, r.getLong(0), t[0] + ": some profile re-added");
      assertTrue(r.getLong(1) > 0, t[0] + ": removals");
      assertTrue(r.getLong(2) > 0, t[0] + ": added after the as-of");
      assertEquals(0, r.getLong(3), t[0] + ": removed before added");
      assertEquals(t[1].equals("user_id") ? Set.of("testers", "churn-risk")
          : Set.of("vip-list", "control-group", "beta-testers"), new HashSet<>(r.getList(4)));
    }

    // External CRM: most keys match a profile email, some match none.
    Dataset<Row> crm = read(spark, out, "shop/crm");
    Dataset<Row> emails = shop.select(col("email").as("e")).filter(col("e").isNotNull());
    Row m = crm.join(emails, crm.col("email").equalTo(emails.col("e")), "left")
        .agg(count(lit(1)), count(col("e"))).first();
    assertTrue(m.getLong(1) > m.getLong(0) / 2 && m.getLong(1) < m.getLong(0), "crm matches " + m);

    // catalog.json names every table, paths relative to its folder.
    JsonNode dbs = new ObjectMapper().readTree(out.resolve("catalog.json").toFile()).get("databases");
    assertEquals("profile_id", dbs.get("shop").get("id_column").asText());
    assertEquals("Europe/Berlin", dbs.get("shop").get("timezone").asText());
    assertEquals("user_id", dbs.get("app").get("id_column").asText());
    assertEquals("UTC", dbs.get("app").get("timezone").asText());
    assertEquals("email", dbs.get("shop").get("external").get("crm").get("key").asText());
    assertEquals("email", dbs.get("shop").get("external").get("crm").get("profile_field").asText());
    assertNull(dbs.get("app").get("external"));
    for (String table : SCHEMAS.keySet()) {
      String[] p = table.split("/");
      JsonNode db = dbs.get(p[0]);
      String source = p[1].equals("crm") ? db.get("external").get("crm").get("source").asText()
          : db.get(p[1]).asText();
      assertEquals(table, source);
      assertTrue(Files.isDirectory(out.resolve(source)), source);
    }

    // Same (profiles, seed): the same values in every table; another seed: other values.
    Path again = tmp.resolve("b");
    assertEquals(summary, SampleGenerator.generate(spark, again, N, SEED));
    Map<String, List<Object>> digest = digests(spark, out);
    assertEquals(digest, digests(spark, again), "same seed, same rows in every table");
    digest.forEach((t, d) -> assertEquals(summary.rowsPerTable().get(t.replace('/', '.')), d.get(0), t));
    List<Row> written = sorted(shop);
    assertEquals(written, sorted(read(spark, again, "shop/profiles")), "same seed, same profiles");
    List<Row> otherSeed = sorted(new ShopTables(spark, SEED + 1, N).profiles());
    long changed = IntStream.range(0, (int) N).filter(k -> !written.get(k).equals(otherSeed.get(k))).count();
    assertTrue(changed > N * 9 / 10, "rows changed by the seed: " + changed);
    // A profile's values depend on (seed, i) only, not on the sample's size.
    assertEquals(written.subList(0, (int) N / 4), sorted(new ShopTables(spark, SEED, N / 4).profiles()));
  }

  @Test
  void rejectsNoProfiles(SparkSession spark, @TempDir Path tmp) {
    assertThrows(IllegalArgumentException.class,
        () -> SampleGenerator.generate(spark, tmp, 0, 1));
  }

  private static Dataset<Row> read(SparkSession spark, Path root, String table) {
    return spark.read().parquet(root.resolve(table).toUri().toString());
  }

  /** One pass: how many rows satisfy each condition. */
  private static Map<String, Long> counts(Dataset<Row> df, Map<String, Column> conditions) {
    List<String> names = List.copyOf(conditions.keySet());
    Column[] aggs = names.stream()
        .map(k -> sum(when(conditions.get(k), 1L).otherwise(0L)).as(k)).toArray(Column[]::new);
    Row r = df.agg(aggs[0], Arrays.copyOfRange(aggs, 1, aggs.length)).first();
    Map<String, Long> result = new java.util.TreeMap<>();
    for (int k = 0; k < names.size(); k++) {
      result.put(names.get(k), r.getLong(k));
    }
    return result;
  }

  /**
   * Per table: row count, and the sum of the low 32 bits and the xor of a 64-bit hash of each
   * row's JSON (maps included, which set operations refuse): equal multisets of rows give equal
   * digests, and one Spark job covers all tables.
   */
  private static Map<String, List<Object>> digests(SparkSession spark, Path root) {
    Dataset<Row> all = null;
    for (String t : SCHEMAS.keySet()) {
      Dataset<Row> rows = read(spark, root, t)
          .select(lit(t).as("table"), xxhash64(to_json(struct(col("*")))).as("h"));
      all = all == null ? rows : all.unionAll(rows);
    }
    return all.groupBy("table")
        .agg(count(lit(1)), sum(col("h").bitwiseAND(0xFFFFFFFFL)), bit_xor(col("h")))
        .collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> List.of(r.get(1), r.get(2), r.get(3))));
  }

  /** All rows, ordered by the first column (the id). */
  private static List<Row> sorted(Dataset<Row> df) {
    StructField first = df.schema().fields()[0];
    Column key = col(first.name());
    return df.orderBy(key).collectAsList();
  }
}
