package org.sparksegments.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparksegments.conditions.error.InvalidInputException;
import org.sparksegments.jobs.catalog.Catalog;
import org.sparksegments.jobs.catalog.CatalogLoader;
import org.sparksegments.testing.SharedSpark;

/**
 * A small hand-made database {@code fx} written once per JVM as real Parquet files, with its
 * {@code catalog.json}: 20 profiles, each chosen to hit an edge of the condition language.
 *
 * <p>Database {@code fx}: id column {@code profile_id} (strings "p01" to "p20"), time zone
 * Europe/Berlin. The tests' as-of is {@link #AS_OF} = 2026-06-01T00:00:00Z, which is
 * 2026-06-01 02:00 local time (CEST, UTC+2): "today" is 2026-06-01 and the local day 2026-06-01
 * is the instants [2026-05-31T22:00:00Z, 2026-06-01T22:00:00Z).
 *
 * <p>The base at {@link #AS_OF} is p01 to p16, p18 and p19: p17 and p20 are created after it.
 *
 * <p>Row by row (every value, so that golden expectations can be computed by hand):
 *
 * <pre>
 * id  created_at        city           age  points            score ltv    vip   birthday   last_login (UTC)            last_seen_local (NTZ)      tags        address(zip,city)  attrs                   email
 * p01 2025-01-01        "Berlin"       30   100               1.5   10.00  true  1990-06-01 2026-05-31T21:59:59Z        2026-05-31T23:59:59        [a,b]       (10115,Berlin)     {color:red,size:M}      anna@example.com
 * p02 2025-02-01        "berlin"       25   200               2.5   0.01   false 1985-06-02 2026-05-31T22:00:00Z        2026-06-01T00:00:00        [b]         (10117,berlin)     {color:blue}            BEN@Example.com
 * p03 2025-03-01        "BERLIN"       40   300               -1.0  100.00 true  2000-02-29 2026-05-01T10:00:00Z        2026-05-01T12:00:00        [a,null]    (null,Berlin)      {}                      null
 * p04 2025-04-01        "München"      35   50                0.0   99.99  false 1970-05-31 2026-05-30T12:00:00Z        2026-05-30T14:00:00        []          null               null                    carl@muenchen.de
 * p05 2025-05-01        null           null null              null  null   null  null       null                        null                       null        null               null                    null
 * p06 2025-06-01        ""             18   0                 0.1   0.00   null  2026-05-25 2026-06-01T00:00:00Z        2026-06-01T02:00:00        [c]         ("","")            {color:null}            ""
 * p07 2025-07-01        "Hamburg"      30   9007199254740993  1.5   100.01 true  1980-06-08 2026-06-01T21:59:59.999999Z 2026-06-01T23:59:59.999999 [a,b,c]     (20095,Hamburg)    {size:L}                dora@example.org
 * p08 2025-08-01        "Berlin-Mitte" 65   9007199254740992  3.75  100.00 false 1980-06-09 2026-06-01T22:00:00Z        2026-06-02T00:00:00        [null]      (10115,Berlin)     {color:Red}             eve@EXAMPLE.com
 * p09 2025-09-01        "Zürich"       29   -5                -2.5  5.50   true  1995-02-28 2025-12-31T23:00:00Z        2026-10-25T02:30:00        [A]         (8001,Zürich)      {color:green}           frank@example.ch
 * p10 2025-10-01        "Köln"         30   100               null  10.00  false 1999-12-31 null                        null                       [b,b]       (50667,Köln)       {color:red}             null
 * p11 2025-11-01        "MÜNCHEN"      50   1000              10.0  1.00   null  2001-01-02 2026-05-25T08:00:00Z        2026-05-25T10:00:00        [d]         (80331,München)    {color:blue,size:XL}    grete@example.com
 * p12 2025-12-01        "Hamburg"      null 150               2.5   20.00  true  2001-01-03 2026-05-31T00:00:00Z        2026-05-31T02:00:00        [b,a]       (20095,null)       {size:S}                hans@example.com
 * p13 2026-01-01        null           22   10                0.5   0.50   false 1992-06-05 2026-05-31T23:59:59Z        2026-06-01T01:59:59        [x]         (14467,Potsdam)    {}                      ida@example.com
 * p14 2026-02-01        " Berlin"      45   400               4.0   45.45  true  1960-06-01 2026-04-15T12:00:00Z        2026-04-15T14:00:00        [a,A]       (10999,Berlin)     {color:red,shade:dark}  j.k+tag@example.com
 * p15 2026-03-01        "Hamburg"      0    150               1.5   15.00  false 2026-06-01 null                        null                       null        (null,null)        {color:red}             kai@example.com
 * p16 2026-04-01        "berlin"       28   250               2.0   2.00   true  2026-06-02 2026-06-02T10:00:00Z        2026-06-02T12:00:00        [c,d]       (10115,Berlin)     {color:blue}            lea@example.de
 * p17 2026-06-01T00:00:00.000001Z "Berlin" 30 100             1.5   10.00  true  1990-06-01 2026-05-31T22:00:00Z        2026-06-01T00:00:00        [a,b]       (10115,Berlin)     {color:red}             late@example.com
 * p18 2026-06-01T00:00:00Z "Potsdam"   33   75                0.75  7.50   true  1993-06-03 2026-05-31T12:00:00Z        2026-05-31T14:00:00        [e]         (14467,Potsdam)    {color:yellow}          max@example.com
 * p19 null              "Bremen"       60   600               6.0   60.00  false 1966-07-01 2026-01-15T09:00:00Z        2026-01-15T10:00:00        [b,c]       (28195,Bremen)     {size:M}                nora@example.com
 * p20 2026-06-02        "Berlin"       30   100               1.5   10.00  true  2004-02-29 2026-06-02T08:00:00Z        2026-06-02T10:00:00        [a]         (10115,Berlin)     {color:red}             otto@example.com
 * </pre>
 *
 * (created_at dates without a time are midnight UTC.) Range buckets of the ids, {@code
 * pmod(xxhash64(id), 10000)}, computed once with Spark SQL: p11 1347, p05 1820, p19 1981,
 * p03 2534, p02 2870, p06 3378, p14 3868, p15 4086, p13 4201, p17 4211, p04 4541, p10 4730,
 * p20 4894, p12 5271, p18 6634, p01 7773, p07 8247, p09 9412, p16 9547, p08 9900; with salt
 * "s1": p20 1553, p12 1434, p15 1894, p01 1948, p18 2598, p11 2678, all others 3000 or more.
 */
public final class Fixture {

  /** The as-of of the golden cases unless a case says otherwise. */
  public static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");

  private static volatile Fixture instance;

  private final Path dir;
  private final Path catalogFile;
  private final Catalog catalog;
  private final Map<String, Instant> createdAt;

  private Fixture(Path dir, Path catalogFile, Catalog catalog, Map<String, Instant> createdAt) {
    this.dir = dir;
    this.catalogFile = catalogFile;
    this.catalog = catalog;
    this.createdAt = createdAt;
  }

  /** The fixture of this JVM, written on first use with the shared session. */
  public static Fixture get() {
    Fixture f = instance;
    if (f == null) {
      synchronized (Fixture.class) {
        f = instance;
        if (f == null) {
          f = write(SharedSpark.session());
          instance = f;
        }
      }
    }
    return f;
  }

  /** The folder holding {@code catalog.json} and {@code profiles/}. */
  public Path dir() {
    return dir;
  }

  public Path catalogFile() {
    return catalogFile;
  }

  public Catalog catalog() {
    return catalog;
  }

  /** Every profile id, ascending. */
  public List<String> ids() {
    return List.copyOf(createdAt.keySet());
  }

  /**
   * The ids of the base as of {@code asOf} (spec 6: created at or before the as-of; a missing
   * creation time counts as already existing), ascending. Computed from the rows above, not by
   * the engine.
   */
  public List<String> baseIds(Instant asOf) {
    List<String> out = new ArrayList<>();
    createdAt.forEach((id, c) -> {
      if (c == null || !c.isAfter(asOf)) {
        out.add(id);
      }
    });
    return out;
  }

  // ---------------------------------------------------------------------------------------

  /** The profiles schema: every column type the language handles. */
  public static StructType schema() {
    StructType address = new StructType(new StructField[] {
        DataTypes.createStructField("zip", DataTypes.StringType, true),
        DataTypes.createStructField("city", DataTypes.StringType, true)});
    return new StructType(new StructField[] {
        DataTypes.createStructField("profile_id", DataTypes.StringType, false),
        DataTypes.createStructField("created_at", DataTypes.TimestampType, true),
        DataTypes.createStructField("city", DataTypes.StringType, true),
        DataTypes.createStructField("age", DataTypes.IntegerType, true),
        DataTypes.createStructField("points", DataTypes.LongType, true),
        DataTypes.createStructField("score", DataTypes.DoubleType, true),
        DataTypes.createStructField("ltv", DataTypes.createDecimalType(10, 2), true),
        DataTypes.createStructField("vip", DataTypes.BooleanType, true),
        DataTypes.createStructField("birthday", DataTypes.DateType, true),
        DataTypes.createStructField("last_login", DataTypes.TimestampType, true),
        DataTypes.createStructField("last_seen_local", DataTypes.TimestampNTZType, true),
        DataTypes.createStructField("tags",
            DataTypes.createArrayType(DataTypes.StringType, true), true),
        DataTypes.createStructField("address", address, true),
        DataTypes.createStructField("attrs",
            DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
        DataTypes.createStructField("email", DataTypes.StringType, true)});
  }

  /** The rows, in id order; see the class comment for the table and each row's purpose. */
  public static List<Row> rows() {
    List<Row> r = new ArrayList<>();
    // p01: the ordinary "Berlin"; anniversary today (06-01); last_login one second before
    // local midnight of 2026-06-01 (local 2026-05-31 23:59:59), so NOT on the local day 06-01.
    r.add(row("p01", ts("2025-01-01T00:00:00Z"), "Berlin", 30, 100L, 1.5, dec("10.00"), true,
        date("1990-06-01"), ts("2026-05-31T21:59:59Z"), ntz("2026-05-31T23:59:59"),
        list("a", "b"), address("10115", "Berlin"), map("color", "red", "size", "M"),
        "anna@example.com"));
    // p02: lowercase "berlin"; anniversary tomorrow (06-02); last_login exactly local midnight
    // starting 2026-06-01 (22:00:00Z); decimal 0.01; mixed-case email domain.
    r.add(row("p02", ts("2025-02-01T00:00:00Z"), "berlin", 25, 200L, 2.5, dec("0.01"), false,
        date("1985-06-02"), ts("2026-05-31T22:00:00Z"), ntz("2026-06-01T00:00:00"),
        list("b"), address("10117", "berlin"), map("color", "blue"), "BEN@Example.com"));
    // p03: uppercase "BERLIN"; born on 29 February; an array with a null element; a struct
    // with a null zip; an empty map; null email; ltv 100.00 (just below 100.005).
    r.add(row("p03", ts("2025-03-01T00:00:00Z"), "BERLIN", 40, 300L, -1.0, dec("100.00"), true,
        date("2000-02-29"), ts("2026-05-01T10:00:00Z"), ntz("2026-05-01T12:00:00"),
        list("a", null), address(null, "Berlin"), map(), null));
    // p04: "München" (non-ASCII); an empty array; a null struct; a null map; birthday
    // yesterday (05-31, never inside an anniversary window that starts today).
    r.add(row("p04", ts("2025-04-01T00:00:00Z"), "München", 35, 50L, 0.0, dec("99.99"), false,
        date("1970-05-31"), ts("2026-05-30T12:00:00Z"), ntz("2026-05-30T14:00:00"),
        list(), null, null, "carl@muenchen.de"));
    // p05: every field null except the id and created_at: each positive test is false on it,
    // each negative test true.
    r.add(row("p05", ts("2025-05-01T00:00:00Z"), null, null, null, null, null, null,
        null, null, null, null, null, null, null));
    // p06: empty strings everywhere (city, email, zip, address city); a map whose only key has
    // a null value; null vip; birthday exactly 7 days before the as-of; last_login exactly the
    // as-of; last_seen_local exactly the as-of's local time; score 0.1 (inexact in binary).
    r.add(row("p06", ts("2025-06-01T00:00:00Z"), "", 18, 0L, 0.1, dec("0.00"), null,
        date("2026-05-25"), ts("2026-06-01T00:00:00Z"), ntz("2026-06-01T02:00:00"),
        list("c"), address("", ""), map("color", null), ""));
    // p07: "Hamburg"; points 2^53 + 1 (a double would round it); ltv 100.01 (above 100.005);
    // last_login the last microsecond of the local day 2026-06-01; a map without "color";
    // anniversary 7 days ahead (06-08); ties with p01 on age and score.
    r.add(row("p07", ts("2025-07-01T00:00:00Z"), "Hamburg", 30, 9007199254740993L, 1.5,
        dec("100.01"), true, date("1980-06-08"), ts("2026-06-01T21:59:59.999999Z"),
        ntz("2026-06-01T23:59:59.999999"), list("a", "b", "c"), address("20095", "Hamburg"),
        map("size", "L"), "dora@example.org"));
    // p08: "Berlin-Mitte" (prefix of a longer city); points 2^53; an array [null]; attrs color
    // "Red" (case); anniversary 8 days ahead (06-09, just outside 7); last_login exactly the
    // start of the local day 2026-06-02.
    r.add(row("p08", ts("2025-08-01T00:00:00Z"), "Berlin-Mitte", 65, 9007199254740992L, 3.75,
        dec("100.00"), false, date("1980-06-09"), ts("2026-06-01T22:00:00Z"),
        ntz("2026-06-02T00:00:00"), list((String) null), address("10115", "Berlin"),
        map("color", "Red"), "eve@EXAMPLE.com"));
    // p09: "Zürich" (orders after ASCII by UTF-8 bytes); born on 28 February; tags [A]
    // (uppercase); last_login local midnight of 2026-01-01 in winter time (CET, UTC+1);
    // last_seen_local 02:30 on 2026-10-25, a local time that happens twice (autumn change).
    r.add(row("p09", ts("2025-09-01T00:00:00Z"), "Zürich", 29, -5L, -2.5, dec("5.50"), true,
        date("1995-02-28"), ts("2025-12-31T23:00:00Z"), ntz("2026-10-25T02:30:00"),
        list("A"), address("8001", "Zürich"), map("color", "green"), "frank@example.ch"));
    // p10: "Köln"; an array with a repeated element [b,b]; null score; no last_login; birthday
    // on 31 December (year-end anniversary window); ties with p01 on age, points and ltv.
    r.add(row("p10", ts("2025-10-01T00:00:00Z"), "Köln", 30, 100L, null, dec("10.00"), false,
        date("1999-12-31"), null, null, list("b", "b"), address("50667", "Köln"),
        map("color", "red"), null));
    // p11: "MÜNCHEN" (uppercase non-ASCII: ignore_case lower-cases it to "münchen"); null vip;
    // birthday 2 January (year-end window).
    r.add(row("p11", ts("2025-11-01T00:00:00Z"), "MÜNCHEN", 50, 1000L, 10.0, dec("1.00"), null,
        date("2001-01-02"), ts("2026-05-25T08:00:00Z"), ntz("2026-05-25T10:00:00"),
        list("d"), address("80331", "München"), map("color", "blue", "size", "XL"),
        "grete@example.com"));
    // p12: a second "Hamburg" (ties in order_by city); null age (nulls last); last_login
    // exactly the as-of minus 24 hours; a struct with a null city; birthday 3 January.
    r.add(row("p12", ts("2025-12-01T00:00:00Z"), "Hamburg", null, 150L, 2.5, dec("20.00"), true,
        date("2001-01-03"), ts("2026-05-31T00:00:00Z"), ntz("2026-05-31T02:00:00"),
        list("b", "a"), address("20095", null), map("size", "S"), "hans@example.com"));
    // p13: null city but other fields set; last_login 23:59:59Z on 05-31, which is already
    // local 2026-06-01 01:59:59; an empty map; anniversary in 4 days (06-05).
    r.add(row("p13", ts("2026-01-01T00:00:00Z"), null, 22, 10L, 0.5, dec("0.50"), false,
        date("1992-06-05"), ts("2026-05-31T23:59:59Z"), ntz("2026-06-01T01:59:59"),
        list("x"), address("14467", "Potsdam"), map(), "ida@example.com"));
    // p14: " Berlin" with a leading space (not eq "Berlin", but contains it); an email with
    // regex characters "." and "+"; tags [a,A]; a second anniversary today (06-01).
    r.add(row("p14", ts("2026-02-01T00:00:00Z"), " Berlin", 45, 400L, 4.0, dec("45.45"), true,
        date("1960-06-01"), ts("2026-04-15T12:00:00Z"), ntz("2026-04-15T14:00:00"),
        list("a", "A"), address("10999", "Berlin"), map("color", "red", "shade", "dark"),
        "j.k+tag@example.com"));
    // p15: a third "Hamburg"; age 0; born on the as-of's local date (2026-06-01); null tags;
    // a struct whose fields are all null (the struct itself exists); no last_login.
    r.add(row("p15", ts("2026-03-01T00:00:00Z"), "Hamburg", 0, 150L, 1.5, dec("15.00"), false,
        date("2026-06-01"), null, null, null, address(null, null), map("color", "red"),
        "kai@example.com"));
    // p16: a second lowercase "berlin"; a date one day after the as-of (2026-06-02, matches
    // {days_ahead: 1}); a last_login after the as-of.
    r.add(row("p16", ts("2026-04-01T00:00:00Z"), "berlin", 28, 250L, 2.0, dec("2.00"), true,
        date("2026-06-02"), ts("2026-06-02T10:00:00Z"), ntz("2026-06-02T12:00:00"),
        list("c", "d"), address("10115", "Berlin"), map("color", "blue"), "lea@example.de"));
    // p17: created one microsecond after the as-of: NOT in the base at the as-of although it
    // matches most "Berlin" conditions (a copy of p01's values).
    r.add(row("p17", ts("2026-06-01T00:00:00.000001Z"), "Berlin", 30, 100L, 1.5, dec("10.00"),
        true, date("1990-06-01"), ts("2026-05-31T22:00:00Z"), ntz("2026-06-01T00:00:00"),
        list("a", "b"), address("10115", "Berlin"), map("color", "red"), "late@example.com"));
    // p18: created exactly at the as-of: in the base (created at or before the as-of);
    // anniversary in 2 days (06-03); last_login 12 hours before the as-of.
    r.add(row("p18", ts("2026-06-01T00:00:00Z"), "Potsdam", 33, 75L, 0.75, dec("7.50"), true,
        date("1993-06-03"), ts("2026-05-31T12:00:00Z"), ntz("2026-05-31T14:00:00"),
        list("e"), address("14467", "Potsdam"), map("color", "yellow"), "max@example.com"));
    // p19: null created_at: in the base (a missing creation time counts as already existing);
    // last in order_by created_at (nulls last).
    r.add(row("p19", null, "Bremen", 60, 600L, 6.0, dec("60.00"), false,
        date("1966-07-01"), ts("2026-01-15T09:00:00Z"), ntz("2026-01-15T10:00:00"),
        list("b", "c"), address("28195", "Bremen"), map("size", "M"), "nora@example.com"));
    // p20: created a day after the as-of: not in the base at the as-of, but in it for cases
    // with a later as-of; born on 29 February (anniversary cases in 2027 and 2028).
    r.add(row("p20", ts("2026-06-02T00:00:00Z"), "Berlin", 30, 100L, 1.5, dec("10.00"), true,
        date("2004-02-29"), ts("2026-06-02T08:00:00Z"), ntz("2026-06-02T10:00:00"),
        list("a"), address("10115", "Berlin"), map("color", "red"), "otto@example.com"));
    return r;
  }

  // ---------------------------------------------------------------------------------------

  private static Fixture write(SparkSession spark) {
    try {
      Path dir = Files.createTempDirectory("segments-fixture-");
      deleteOnExit(dir);
      List<Row> rows = rows();
      spark.createDataFrame(rows, schema()).coalesce(1).write().parquet(
          dir.resolve("profiles").toUri().toString());
      Path catalogFile = dir.resolve("catalog.json");
      Files.writeString(catalogFile, """
          {
            "databases": {
              "fx": {
                "id_column": "profile_id",
                "timezone": "Europe/Berlin",
                "profiles": "profiles"
              }
            }
          }
          """, StandardCharsets.UTF_8);
      Map<String, Instant> created = new LinkedHashMap<>();
      for (Row r : rows) {
        created.put(r.getString(0), (Instant) r.get(1));
      }
      return new Fixture(dir, catalogFile, org.sparksegments.jobs.LocalFiles.catalog(catalogFile), created);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InvalidInputException e) {
      throw new IllegalStateException("the fixture's catalog is invalid: " + e.getMessage(), e);
    }
  }

  private static void deleteOnExit(Path dir) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temp folder left behind is harmless
      }
    }));
  }

  private static Row row(Object... values) {
    return RowFactory.create(values);
  }

  private static Instant ts(String s) {
    return Instant.parse(s);
  }

  private static LocalDateTime ntz(String s) {
    return LocalDateTime.parse(s);
  }

  private static LocalDate date(String s) {
    return LocalDate.parse(s);
  }

  private static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }

  private static List<String> list(String... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  private static Row address(String zip, String city) {
    return RowFactory.create(zip, city);
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
