package org.sparksegments.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Database "shop": string ids ("c0000123"), timezone Europe/Berlin. Every table starts from
 * {@code spark.range} over the profile number {@code i} (1..n) and recomputes what it needs of the
 * profile (id, created_at, email, is_vip) from (seed, i), so no table joins another.
 */
final class ShopTables {

  static final String ID = "profile_id";
  static final String[] SEGMENTS = {"vip-list", "control-group", "beta-testers"};
  private static final String HOST = "https://shop.example.com";

  private final SparkSession spark;
  private final Rand r;
  private final long n;

  ShopTables(SparkSession spark, long seed, long profiles) {
    this.spark = spark;
    this.r = new Rand(seed);
    this.n = profiles;
  }

  private Dataset<Row> range(long count, long expectedRows) {
    int slices = SampleGenerator.slices(expectedRows, spark.sparkContext().defaultParallelism());
    return spark.range(1, count + 1, 1, slices).select(col("id").as("i"));
  }

  /** "c" and i with at least 7 digits ("c0000123"); lpad is much cheaper than format_string. */
  static Column profileId() {
    Column digits = col("i").cast("string");
    return concat(lit("c"), when(col("i").lt(10_000_000L), lpad(digits, 7, "0")).otherwise(digits));
  }

  Column createdSec() {
    return Shapes.created(r, 100, 3 * 365, 0.02);
  }

  /** ~5 % null, ~2 % empty, ~3 % with upper-case letters, else lower-case on example domains. */
  Column email() {
    Column kind = r.u(110);
    Column domain = Rand.pick(r.u(111), new String[] {"example.com", "example.org", "example.net"},
        new double[] {60, 25, 15});
    Column lower = concat(profileId(), lit("@"), domain);
    return when(kind.lt(0.05), lit(null).cast("string"))
        .when(kind.lt(0.07), lit(""))
        .when(kind.lt(0.085), concat(upper(profileId()), lit("@"), domain))
        .when(kind.lt(0.10), concat(profileId(), lit("@"), upper(domain)))
        .otherwise(lower);
  }

  /** ~5 % true, ~7 % null. */
  Column isVip() {
    Column u = r.u(120);
    return when(u.lt(0.07), lit(null).cast("boolean")).otherwise(u.lt(0.12));
  }

  Dataset<Row> profiles() {
    Column country = Rand.pick(r.u(130), new String[] {"DE", "AT", "CH"}, new double[] {88, 7, 5});
    Column germanCity = Rand.pick(r.u(131),
        new String[] {"Berlin", "Munich", "Hamburg", "Cologne", "Frankfurt", "Leipzig", "Dresden",
            "M\u00fcnchen", "Stuttgart", "D\u00fcsseldorf", "berlin", null, ""},
        new double[] {28, 13, 11, 8, 7, 5, 5, 3, 5, 4, 1, 6, 2});
    Column city = when(col("country").equalTo("AT"),
            Rand.pick(r.u(132), new String[] {"Wien", "Graz", "Salzburg", null}, new double[] {60, 20, 15, 5}))
        .when(col("country").equalTo("CH"),
            Rand.pick(r.u(132), new String[] {"Z\u00fcrich", "Basel", "Bern", null}, new double[] {50, 25, 20, 5}))
        .otherwise(germanCity);
    Column firstName = when(r.u(133).lt(0.02), lit(null).cast("string")).otherwise(Rand.pickUniform(r.u(134),
        "Anna", "Lukas", "Marie", "Jonas", "Sophie", "Leon", "Emma", "Paul", "Mia", "Felix", "Lena",
        "Noah", "Hannah", "Elias", "Lea", "Ben", "J\u00fcrgen", "Zo\u00eb", "\u00d6zlem", "Mehmet",
        "Olga", "Pierre", "Chlo\u00e9", "Sven"));
    Column language = Rand.pick(r.u(135), new String[] {"de", "en", "tr", "fr", "ru", null},
        new double[] {75, 12, 5, 3, 2, 3});

    Column loyalty = when(r.u(140).lt(0.2), lit(0L)).otherwise(
        floor(pow(r.u(141), 3).multiply(50_000.0)));
    Column cents = when(r.u(142).lt(0.1), lit(0L)).otherwise(
        floor(pow(r.u(143), 2.5).multiply(1_000_000.0)));
    Column ltv = cents.cast("decimal(12,0)").divide(lit(100)).cast("decimal(12,2)");
    Column score = when(r.u(144).lt(0.08), lit(null).cast("double"))
        .otherwise(round(r.u(145).plus(r.u(146)).plus(r.u(147)).multiply(100.0 / 3), 2));

    String[] tagNames = {"newsletter", "sale", "vip", "eco", "sport", "kids"};
    Column[] tagLits = new Column[tagNames.length * 2];
    for (int t = 0; t < tagLits.length; t++) {
      tagLits[t] = lit(tagNames[t % tagNames.length]);
    }
    Column tagU = r.u(150);
    Column tags = when(tagU.lt(0.10), lit(null).cast("array<string>"))
        .when(tagU.lt(0.25), array().cast("array<string>"))
        .otherwise(slice(array(tagLits), Rand.between(r.u(151), 1, 6).cast("int"),
            Rand.between(r.u(152), 1, 4).cast("int")));

    Column street = concat(Rand.pickUniform(r.u(161), "Hauptstra\u00dfe", "Bahnhofstra\u00dfe",
        "Gartenweg", "Schillerstra\u00dfe", "Lindenallee", "Am Markt", "Ringstra\u00dfe", "Bergstra\u00dfe"),
        lit(" "), Rand.between(r.u(162), 1, 120).cast("string"));
    Column zip = when(r.u(163).lt(0.05), lit(null).cast("string"))
        .otherwise(lpad(Rand.between(r.u(164), 1067, 99998).cast("string"), 5, "0"));
    Column address = when(r.u(160).lt(0.06), lit(null))
        .otherwise(struct(street.as("street"), zip.as("zip"),
            coalesce(nullif(col("city"), lit("")), lit("Berlin")).as("city")));

    Column attrU = r.u(170);
    Column attrMap = map_filter(map(
            lit("color"), Rand.pick(r.u(171), new String[] {"red", "blue", "green", "black", null},
                new double[] {25, 30, 15, 15, 15}),
            lit("size"), Rand.pick(r.u(172), new String[] {"S", "M", "L", "XL", null},
                new double[] {20, 30, 25, 10, 15}),
            lit("source"), Rand.pick(r.u(173), new String[] {"web", "store", "app", "import", null},
                new double[] {40, 20, 15, 5, 20})),
        (k, v) -> v.isNotNull());
    Column attrs = when(attrU.lt(0.08), lit(null).cast("map<string,string>"))
        .when(attrU.lt(0.18), map().cast("map<string,string>"))
        .otherwise(attrMap);

    // Local wall time in Berlin (UTC+2 in summer): mostly the last 120 days, 2 % after the as-of.
    Column lastSeenU = r.u(180);
    Column lastSeenSec = when(lastSeenU.lt(0.02),
            Shapes.asOf().plus(7200).plus(Rand.between(r.u(181), 0, 20 * Shapes.DAY)))
        .otherwise(Shapes.asOf().plus(7200).minus(
            floor(pow(r.u(181), 2).multiply(120.0 * Shapes.DAY))));
    Column lastSeen = when(lastSeenU.gt(0.85), lit(null).cast("timestamp_ntz"))
        .otherwise(Shapes.localTime(lastSeenSec));

    Column birthday = Shapes.birthday(r, 190, 1940, 2010, 0.10);

    Dataset<Row> base = range(n, n).select(col("i"), createdSec().as("created"), country.as("country"),
        birthday.as("birthday"));
    Dataset<Row> withCity = base.select(col("*"), city.as("city"));
    return withCity.select(
        profileId().as(ID),
        Rand.instant(col("created")).as("created_at"),
        email().as("email"),
        firstName.as("first_name"),
        col("city"),
        col("country"),
        language.as("language"),
        col("birthday"),
        when(r.u(195).lt(0.03), lit(null).cast("int")).otherwise(Shapes.age(col("birthday"))).as("age"),
        loyalty.cast("long").as("loyalty_points"),
        ltv.as("lifetime_value"),
        score.as("score"),
        isVip().as("is_vip"),
        tags.as("tags"),
        address.as("address"),
        attrs.as("attrs"),
        lastSeen.as("last_seen_local"));
  }

  Dataset<Row> subscriptions() {
    Column count = Rand.pickCol(r.u(200),
        new Column[] {lit(0L), lit(1L), lit(2L), lit(3L), lit(4L), lit(5L)},
        new double[] {20, 30, 25, 13, 8, 4});
    Dataset<Row> rows = range(n, n * 8 / 5).select(col("i"), createdSec().as("created"), count.as("cnt"))
        .filter(col("cnt").gt(0))
        .select(col("i"), profileId().as(ID), col("created"), explode(sequence(lit(1L), col("cnt"))).as("j"));
    Column i = col("i");
    Column j = col("j");
    Column channel = Rand.pick(r.u(201, i, j),
        new String[] {"email", "sms", "push", "telegram", "whatsapp", "viber"},
        new double[] {45, 20, 20, 6, 6, 3});
    Column ru = r.u(202, i, j);
    Column c = col("channel");
    Column resource = when(c.equalTo("email"),
            Rand.pick(ru, new String[] {"news", "promo", "alerts"}, new double[] {50, 35, 15}))
        .when(c.equalTo("sms"), Rand.pick(ru, new String[] {"ShopDE", "ShopSale"}, new double[] {60, 40}))
        .when(c.equalTo("push"), Rand.pick(ru, new String[] {"shop-ios", "shop-android", "shop-web"},
            new double[] {45, 45, 10}))
        .when(c.equalTo("telegram"), lit("@shop_bot"))
        .otherwise(lit("ShopDE"));
    Column status = Rand.pick(r.u(203, i, j),
        new String[] {"active", "unsubscribed", "unconfirmed", "bounced", "suppressed"},
        new double[] {70, 13, 7, 6, 4});
    Column updated = Shapes.since(col("created"), r.u(205, i, j), r.u(204, i, j), 0.04, 30);
    return rows.select(col("i"), col(ID), col("j"), col("created"), channel.as("channel"))
        .select(col(ID), col("channel"), resource.as("resource"), status.as("status"),
            Rand.instant(updated).as("updated_at"));
  }

  Dataset<Row> events() {
    Dataset<Row> touches = range(n, n * 19)
        .select(col("i"), createdSec().as("created"), Shapes.touches(r, 300).as("touches"))
        .filter(col("touches").gt(0))
        .select(col("i"), profileId().as(ID), col("created"), explode(sequence(lit(1L), col("touches"))).as("t"));
    Column i = col("i");
    Column t = col("t");
    Column kindU = r.u(301, i, t);
    Column campaign = Rand.pick(r.u(303, i, t),
        new String[] {"spring-1", "spring-2", "summer-sale", "welcome", "black-friday", "winback", null},
        new double[] {15, 12, 18, 20, 10, 15, 10});
    // One row per touch: 0 = a message with its funnel, 1 = a web visit, 2 = a direct purchase.
    Dataset<Row> touch = touches.select(i, col(ID), t,
        when(kindU.lt(0.55), lit(0)).when(kindU.lt(0.95), lit(1)).otherwise(lit(2)).as("kind"),
        Rand.pick(r.u(302, i, t), new String[] {"email", "sms", "push"}, new double[] {65, 15, 20}).as("ch"),
        campaign.as("camp"),
        concat(lit("m"), Rand.between(pow(r.u(304, i, t), 2), 1, 40).cast("string")).as("msg"),
        Shapes.eventBase(r.u(316, i, t), r.u(305, i, t), col("created")).as("base"),
        r.u(306, i, t).as("gap_u"),
        r.u(307, i, t).lt(0.93).as("delivered"),
        r.u(308, i, t).lt(0.42).as("opens"),
        r.u(309, i, t).lt(0.30).as("clicks"),
        r.u(310, i, t).as("ux"),
        r.u(311, i, t).lt(0.08).as("web_purchase"),
        when(r.u(314, i, t).lt(0.3), campaign).as("web_camp"),
        Rand.pick(r.u(313, i, t), new String[] {"google", "newsletter", "facebook", "instagram", null},
            new double[] {25, 15, 10, 10, 40}).as("utm"),
        Rand.pickCol(r.u(312, i, t),
            new Column[] {lit("/"), lit("/sale"), lit("/new"), lit("/cart"),
                concat(lit("/p/"), Rand.between(r.u(315, i, t), 1, 500).cast("string"))},
            new double[] {20, 15, 10, 10, 45}).as("path"));

    Column kind = col("kind");
    Column delivered = col("delivered");
    Column opened = delivered.and(col("opens"));
    Column clicked = opened.and(col("clicks"));
    Column ux = col("ux");
    Column none = lit(null).cast("string");
    Column extra = when(clicked.and(ux.lt(0.12)), lit("purchase"))
        .when(opened.and(ux.geq(0.985)), lit("unsubscribed"))
        .when(delivered.and(not(opened)).and(ux.geq(0.995)), lit("complained"))
        .otherwise(none);
    Column funnel = array(lit("sent"), when(delivered, lit("delivered")).otherwise(lit("bounced")),
        when(opened, lit("opened")).otherwise(none), when(clicked, lit("clicked")).otherwise(none), extra);
    Column visit = array(lit("page_view"), when(col("web_purchase"), lit("purchase")).otherwise(none));
    Column stages = filter(
        when(kind.equalTo(0), funnel).when(kind.equalTo(1), visit).otherwise(array(lit("purchase"))),
        x -> x.isNotNull());
    // Steps of a touch follow each other: messages within a day, visits within minutes.
    Column gap = when(kind.equalTo(0), lit(60L).plus(Rand.between(col("gap_u"), 0, Shapes.DAY)))
        .otherwise(lit(20L).plus(Rand.between(col("gap_u"), 0, 1800)));
    Dataset<Row> steps = touch.select(col("*"), gap.as("gap"),
        posexplode(stages).as(new String[] {"pos", "event"}));

    Column pos = col("pos");
    Column event = col("event");
    // The first step sits exactly on the touch's base time (some touches start at the as-of).
    Column jitter = when(pos.gt(0), Rand.between(r.u(320, i, t, pos), 0, 19)).otherwise(lit(0L));
    Column ts = col("base").plus(pos.multiply(col("gap"))).plus(jitter);
    Column isPurchase = event.equalTo("purchase");
    Column campaignOut = when(kind.equalTo(0), col("camp")).when(kind.equalTo(1), col("web_camp")).otherwise(none);
    return steps.select(
        col(ID),
        event,
        when(isPurchase.or(kind.notEqual(0)), lit("web")).otherwise(col("ch")).as("channel"),
        campaignOut.as("campaign"),
        when(kind.equalTo(0), col("msg")).otherwise(none).as("message"),
        Rand.instant(ts).as("ts"),
        when(isPurchase, round(lit(4.99).plus(pow(r.u(321, i, t), 2.5).multiply(495.0)), 2))
            .otherwise(lit(null).cast("double")).as("value"),
        when(event.equalTo("page_view"), concat(lit(HOST), col("path")))
            .when(event.equalTo("clicked"), concat(lit(HOST + "/c/"), coalesce(col("camp"), lit("general"))))
            .when(isPurchase, lit(HOST + "/checkout/done"))
            .otherwise(none).as("url"),
        when(event.equalTo("page_view"), col("utm")).when(event.equalTo("clicked"), col("ch"))
            .otherwise(none).as("utm_source"),
        when(event.equalTo("page_view").and(col("utm").isNotNull()), col("web_camp"))
            .when(event.equalTo("clicked"), col("camp")).otherwise(none).as("utm_campaign"));
  }

  Dataset<Row> staticSegments() {
    Dataset<Row> base = range(n, n * 3 / 20)
        .select(col("i"), profileId().as(ID), createdSec().as("created"), isVip().as("vip"));
    Column s = col("seg_idx");
    Column memberP = when(s.equalTo(0), when(col("vip"), lit(0.7)).otherwise(lit(0.01)))
        .when(s.equalTo(1), lit(0.10)).otherwise(lit(0.02));
    Column removeP = when(s.equalTo(1), lit(0.1)).otherwise(lit(0.3));
    return Shapes.staticSegments(base, r, 400, ID, SEGMENTS, memberP, removeP);
  }

  /** External CRM rows keyed by email: ~60 % of usable profile emails, some upper-cased, some
   *  duplicated, plus ~5 % of n emails that match no profile. */
  Dataset<Row> crm() {
    long ghosts = Math.max(1, n / 20);
    Column i = col("i");
    Column isProfile = i.leq(n);
    Column email = email();
    Dataset<Row> keys = range(n + ghosts, n * 13 / 20)
        .select(i, isProfile.as("is_profile"), email.as("email"))
        .filter(not(col("is_profile"))
            .or(col("email").isNotNull().and(col("email").notEqual("")).and(r.u(501).lt(0.6))))
        .select(i,
            when(col("is_profile"), when(r.u(502).lt(0.05), upper(col("email"))).otherwise(col("email")))
                .otherwise(concat(lit("ghost"), i.cast("string"), lit("@example.org"))).as("email"),
            explode(sequence(lit(1L), when(r.u(503).lt(0.03), lit(2L)).otherwise(lit(1L)))).as("j"));
    Column j = col("j");
    Column uAfter = r.u(510, i, j);
    Column updated = when(uAfter.lt(0.03), Shapes.asOf().plus(1).plus(Rand.between(r.u(511, i, j), 0, 30 * Shapes.DAY)))
        .otherwise(Shapes.asOf().minus(1).minus(Rand.between(r.u(511, i, j), 0, 700 * Shapes.DAY)));
    return keys.select(col("email"),
        Rand.pick(r.u(504, i, j), new String[] {"gold", "silver", "bronze", null}, new double[] {10, 25, 45, 20})
            .as("tier"),
        when(r.u(505, i, j).lt(0.1), lit(null).cast("int"))
            .otherwise(Rand.between(r.u(506, i, j), 0, 100).cast("int")).as("crm_score"),
        when(r.u(507, i, j).lt(0.05), lit(null).cast("boolean")).otherwise(r.u(508, i, j).lt(0.7)).as("consent"),
        Rand.instant(updated).as("updated_at"));
  }
}
