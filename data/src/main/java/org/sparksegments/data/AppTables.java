package org.sparksegments.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Database "app": long ids ({@code user_id = 1000003 + 7 i}, not contiguous), timezone UTC. Like
 * {@link ShopTables}, every table starts from {@code spark.range} over i and recomputes the profile
 * values it needs.
 */
final class AppTables {

  static final String ID = "user_id";
  static final String[] SEGMENTS = {"testers", "churn-risk"};

  private static final String[] CITIES = {"New York", "Berlin", "London", "Paris", "S\u00e3o Paulo",
      "Bengaluru", "Tokyo", "San Francisco"};
  private static final double[] LATS = {40.71, 52.52, 51.51, 48.86, -23.55, 12.97, 35.68, 37.77};
  private static final double[] LONS = {-74.01, 13.40, -0.13, 2.35, -46.63, 77.59, 139.69, -122.42};

  private final SparkSession spark;
  private final Rand r;
  private final long n;

  AppTables(SparkSession spark, long seed, long profiles) {
    this.spark = spark;
    this.r = new Rand(seed);
    this.n = profiles;
  }

  private Dataset<Row> range(long expectedRows) {
    int slices = SampleGenerator.slices(expectedRows, spark.sparkContext().defaultParallelism());
    return spark.range(1, n + 1, 1, slices).select(col("id").as("i"));
  }

  static Column userId() {
    return lit(1_000_003L).plus(col("i").multiply(7L));
  }

  Column createdSec() {
    return Shapes.created(r, 1000, 2 * 365, 0.02);
  }

  private static Column doubles(double[] values) {
    Column[] lits = new Column[values.length];
    for (int i = 0; i < values.length; i++) {
      lits[i] = lit(values[i]);
    }
    return array(lits);
  }

  Dataset<Row> profiles() {
    Column platform = Rand.pick(r.u(1010), new String[] {"ios", "android", "web"}, new double[] {45, 45, 10});
    Column country = Rand.pick(r.u(1011), new String[] {"US", "DE", "GB", "FR", "BR", "IN", "JP", null},
        new double[] {30, 20, 12, 10, 10, 10, 5, 3});
    Column version = Rand.pick(r.u(1012), new String[] {"4.2.0", "4.1.3", "4.1.0", "4.0.2", "3.9.9", "3.2.1", null},
        new double[] {35, 25, 15, 10, 8, 5, 2});
    Column sessions = when(r.u(1013).lt(0.03), lit(null).cast("int"))
        .otherwise(floor(pow(r.u(1014), 3).multiply(5000.0)).cast("int"));
    Column premiumU = r.u(1015);
    Column premium = when(premiumU.lt(0.05), lit(null).cast("boolean")).otherwise(premiumU.lt(0.17));

    String[] deviceNames = {"iPhone 15", "iPad", "Pixel 8", "Galaxy S24", "MacBook", "Chrome"};
    Column[] deviceLits = new Column[deviceNames.length * 2];
    for (int d = 0; d < deviceLits.length; d++) {
      deviceLits[d] = lit(deviceNames[d % deviceNames.length]);
    }
    Column devU = r.u(1020);
    Column devices = when(devU.lt(0.05), lit(null).cast("array<string>"))
        .when(devU.lt(0.15), array().cast("array<string>"))
        .otherwise(slice(array(deviceLits), Rand.between(r.u(1021), 1, 6).cast("int"),
            Rand.between(r.u(1022), 1, 3).cast("int")));

    Column setU = r.u(1030);
    Column settings = when(setU.lt(0.05), lit(null).cast("map<string,string>"))
        .when(setU.lt(0.15), map().cast("map<string,string>"))
        .otherwise(map_filter(map(
                lit("theme"), Rand.pick(r.u(1031), new String[] {"dark", "light", null}, new double[] {45, 40, 15}),
                lit("notifications"), Rand.pick(r.u(1032), new String[] {"on", "off", null}, new double[] {60, 25, 15}),
                lit("lang"), Rand.pick(r.u(1033), new String[] {"en", "de", "fr", "pt", null},
                    new double[] {40, 20, 10, 10, 20})),
            (k, v) -> v.isNotNull()));

    Column cityIdx = Rand.between(r.u(1041), 1, CITIES.length).cast("int");
    Column lat = round(element_at(doubles(LATS), cityIdx).plus(r.u(1042).minus(0.5).multiply(0.2)), 5);
    Column lon = round(element_at(doubles(LONS), cityIdx).plus(r.u(1043).minus(0.5).multiply(0.2)), 5);
    Column city = when(r.u(1044).lt(0.05), lit(null).cast("string"))
        .otherwise(element_at(array(Arrays.stream(CITIES).map(c -> lit(c)).toArray(Column[]::new)), cityIdx));
    Column location = when(r.u(1040).lt(0.10), lit(null))
        .otherwise(struct(city.as("city"), lat.as("lat"), lon.as("lon")));

    return range(n).select(
        userId().as(ID),
        Rand.instant(createdSec()).as("created_at"),
        platform.as("platform"),
        country.as("country"),
        version.as("app_version"),
        sessions.as("sessions"),
        when(r.u(1050).lt(0.04), lit(null).cast("int"))
            .otherwise(Rand.between(pow(r.u(1051), 2), 1, 200).cast("int")).as("level"),
        premium.as("premium"),
        devices.as("devices"),
        settings.as("settings"),
        location.as("location"),
        Shapes.birthday(r, 1060, 1955, 2012, 0.25).as("birthday"));
  }

  Dataset<Row> subscriptions() {
    Column count = Rand.pickCol(r.u(1100), new Column[] {lit(0L), lit(1L), lit(2L), lit(3L)},
        new double[] {30, 40, 20, 10});
    Dataset<Row> rows = range(n * 11 / 10)
        .select(col("i"), createdSec().as("created"), count.as("cnt"))
        .filter(col("cnt").gt(0))
        .select(col("i"), col("created"), explode(sequence(lit(1L), col("cnt"))).as("j"));
    Column i = col("i");
    Column j = col("j");
    Column channel = Rand.pick(r.u(1101, i, j), new String[] {"push", "email"}, new double[] {60, 40});
    Column ru = r.u(1102, i, j);
    Column resource = when(col("channel").equalTo("push"),
            Rand.pick(ru, new String[] {"marketing", "updates"}, new double[] {55, 45}))
        .otherwise(Rand.pick(ru, new String[] {"newsletter", "product-updates"}, new double[] {60, 40}));
    Column status = Rand.pick(r.u(1103, i, j),
        new String[] {"active", "unsubscribed", "unconfirmed", "bounced", "suppressed"},
        new double[] {65, 18, 8, 5, 4});
    return rows.select(col("i"), col("j"), col("created"), channel.as("channel"))
        .select(userId().as(ID), col("channel"), resource.as("resource"), status.as("status"),
            Rand.instant(Shapes.since(col("created"), r.u(1105, i, j), r.u(1104, i, j), 0.04, 30)).as("updated_at"));
  }

  Dataset<Row> events() {
    Dataset<Row> touches = range(n * 22)
        .select(col("i"), createdSec().as("created"), Shapes.touches(r, 1200).as("touches"))
        .filter(col("touches").gt(0))
        .select(col("i"), col("created"), explode(sequence(lit(1L), col("touches"))).as("t"));
    Column i = col("i");
    Column t = col("t");
    // 0 = a session (app_open, 0-3 level_complete, sometimes a purchase), 1 = a push and its funnel.
    Dataset<Row> touch = touches.select(i, t,
        when(r.u(1201, i, t).lt(0.7), lit(0)).otherwise(lit(1)).as("kind"),
        Rand.between(pow(r.u(1202, i, t), 1.5), 0, 3).as("levels"),
        r.u(1203, i, t).lt(0.04).as("buys"),
        r.u(1204, i, t).lt(0.30).as("push_opens"),
        r.u(1205, i, t).lt(0.90).as("push_app_open"),
        Rand.pick(r.u(1206, i, t), new String[] {"daily-bonus", "weekend-event", "comeback", "new-level", null},
            new double[] {35, 25, 20, 15, 5}).as("camp"),
        concat(lit("p"), Rand.between(pow(r.u(1207, i, t), 2), 1, 25).cast("string")).as("msg"),
        Shapes.eventBase(r.u(1211, i, t), r.u(1208, i, t), col("created")).as("base"),
        lit(30L).plus(Rand.between(r.u(1209, i, t), 0, 900)).as("gap"),
        Rand.between(pow(r.u(1210, i, t), 2), 1, 200).as("start_level"));

    Column none = lit(null).cast("string");
    Column levels = col("levels");
    Column session = array(lit("app_open"),
        when(levels.geq(1), lit("level_complete")).otherwise(none),
        when(levels.geq(2), lit("level_complete")).otherwise(none),
        when(levels.geq(3), lit("level_complete")).otherwise(none),
        when(col("buys"), lit("purchase")).otherwise(none));
    Column opened = col("push_opens");
    Column push = array(lit("push_sent"), when(opened, lit("push_opened")).otherwise(none),
        when(opened.and(col("push_app_open")), lit("app_open")).otherwise(none));
    Column stages = filter(when(col("kind").equalTo(0), session).otherwise(push), x -> x.isNotNull());
    Dataset<Row> steps = touch.select(col("*"), posexplode(stages).as(new String[] {"pos", "event"}));

    Column pos = col("pos");
    Column event = col("event");
    Column isPush = col("kind").equalTo(1);
    Column jitter = when(pos.gt(0), Rand.between(r.u(1220, i, t, pos), 0, 29)).otherwise(lit(0L));
    Column ts = col("base").plus(pos.multiply(col("gap"))).plus(jitter);
    return steps.select(
        userId().as(ID),
        event,
        when(event.startsWith("push_"), lit("push")).otherwise(lit("app")).as("channel"),
        when(isPush, col("camp")).otherwise(none).as("campaign"),
        when(isPush, col("msg")).otherwise(none).as("message"),
        Rand.instant(ts).as("ts"),
        when(event.equalTo("purchase"), Rand.pickCol(r.u(1221, i, t),
                new Column[] {lit(0.99), lit(4.99), lit(9.99), lit(19.99), lit(49.99)},
                new double[] {40, 30, 17, 9, 4}))
            .otherwise(lit(null).cast("double")).as("value"),
        when(event.equalTo("level_complete"), col("start_level").plus(pos).cast("int"))
            .otherwise(lit(null).cast("int")).as("level"));
  }

  Dataset<Row> staticSegments() {
    Dataset<Row> base = range(n / 10).select(col("i"), userId().as(ID), createdSec().as("created"));
    Column s = col("seg_idx");
    Column memberP = when(s.equalTo(0), lit(0.02)).otherwise(lit(0.08));
    Column removeP = when(s.equalTo(0), lit(0.15)).otherwise(lit(0.4));
    return Shapes.staticSegments(base, r, 1300, ID, SEGMENTS, memberP, removeP);
  }
}
