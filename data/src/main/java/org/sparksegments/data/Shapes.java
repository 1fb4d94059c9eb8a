package org.sparksegments.data;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.make_timestamp_ntz;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Distribution shapes shared by both sample databases. All times are epoch seconds (long). */
final class Shapes {

  static final long AS_OF = SampleGenerator.SAMPLE_AS_OF.getEpochSecond();
  static final long DAY = 86_400L;
  static final LocalDate AS_OF_DATE = LocalDate.ofInstant(SampleGenerator.SAMPLE_AS_OF, ZoneOffset.UTC);

  private Shapes() {}

  static Column asOf() {
    return lit(AS_OF);
  }

  /**
   * created_at in epoch seconds: ~0.1 % exactly at the as-of, {@code afterShare} within 60 days
   * after it, the rest over {@code daysBack} days before it, denser towards the as-of (growth).
   */
  static Column created(Rand r, int k, long daysBack, double afterShare) {
    Column a = r.u(k);
    Column b = r.u(k + 1);
    return when(a.lt(0.001), asOf())
        .when(a.lt(0.001 + afterShare), asOf().plus(1).plus(floor(b.multiply(60.0 * DAY))))
        .otherwise(asOf().minus(1).minus(floor(pow(b, 1.3).multiply((double) daysBack * DAY))));
  }

  /**
   * Skewed number of "touches" (a message and its funnel, a visit, ...) per profile: 90 % have
   * 0-8, 9 % have 9-30, 1 % have 110-1600 (log-uniform). Each touch yields 1-5 events.
   */
  static Column touches(Rand r, int k) {
    Column a = r.u(k);
    Column b = r.u(k + 1);
    return when(a.lt(0.01), floor(pow(lit(14.5), b).multiply(110.0)))
        .when(a.lt(0.10), Rand.between(b, 9, 30))
        .otherwise(floor(pow(b, 1.5).multiply(9.0)));
  }

  /**
   * Epoch seconds from {@code lo}: a share {@code afterShare} in the {@code afterDays} days after
   * the as-of, the rest uniform from lo to the as-of; when lo is already after the as-of, within
   * {@code afterDays} days of lo.
   */
  static Column since(Column lo, Column after, Column u, double afterShare, long afterDays) {
    Column span = u.multiply((double) afterDays * DAY);
    return when(lo.geq(asOf()), lo.plus(floor(span)))
        .when(after.lt(afterShare), asOf().plus(1).plus(floor(span)))
        .otherwise(lo.plus(floor(asOf().minus(lo).multiply(u))));
  }

  /**
   * Epoch seconds of an event: ~6 % in the 30 days after the as-of, ~0.2 % exactly at it, the
   * rest uniform from max(created, as-of - 400 days) to the as-of.
   */
  static Column eventBase(Column after, Column u, Column createdSec) {
    Column lo = greatest(createdSec, asOf().minus(400 * DAY));
    return when(lo.lt(asOf()).and(after.geq(0.998)), asOf()).otherwise(since(lo, after, u, 0.06, 30));
  }

  /**
   * Birthday: {@code nullShare} null, 0.5 % on 29 February of a leap year, 3 % within three days
   * of the as-of's month and day (1 June), the rest uniform over the years.
   */
  static Column birthday(Rand r, int k, int fromYear, int toYear, double nullShare) {
    Column kind = r.u(k);
    Column a = r.u(k + 1);
    Column b = r.u(k + 2);
    int firstLeap = fromYear + (4 - fromYear % 4) % 4;
    int leaps = (toYear - firstLeap) / 4 + 1;
    Column leapYear = lit(firstLeap).plus(Rand.between(a, 0, leaps - 1).multiply(4)).cast("int");
    Column anyYear = Rand.between(a, fromYear, toYear).cast("int");
    long lo = LocalDate.of(fromYear, 1, 1).toEpochDay();
    long hi = LocalDate.of(toYear, 12, 31).toEpochDay();
    Column asOfDay = make_date(anyYear, lit(AS_OF_DATE.getMonthValue()), lit(AS_OF_DATE.getDayOfMonth()));
    return when(kind.lt(nullShare), lit(null).cast("date"))
        .when(kind.lt(nullShare + 0.005), make_date(leapYear, lit(2), lit(29)))
        .when(kind.lt(nullShare + 0.035), date_add(asOfDay, Rand.between(b, -3, 3).cast("int")))
        .otherwise(Rand.date(Rand.between(b, lo, hi)));
  }

  /** Age in whole years at the as-of's date (null when the birthday is null). */
  static Column age(Column birthday) {
    int m = AS_OF_DATE.getMonthValue();
    Column notYet = month(birthday).gt(m)
        .or(month(birthday).equalTo(m).and(dayofmonth(birthday).gt(AS_OF_DATE.getDayOfMonth())));
    return lit(AS_OF_DATE.getYear()).minus(year(birthday)).minus(when(notYet, 1).otherwise(0)).cast("int");
  }

  /** A TIMESTAMP_NTZ from "local epoch seconds" (wall time read as if it were UTC), zone-free. */
  static Column localTime(Column localSec) {
    Column days = floor(localSec.divide((double) DAY));
    Column sod = localSec.minus(days.multiply(DAY));
    Column d = Rand.date(days);
    return make_timestamp_ntz(year(d), month(d), dayofmonth(d),
        floor(sod.divide(3600.0)).cast("int"),
        floor(sod.mod(3600).divide(60.0)).cast("int"),
        sod.mod(60).cast("int"));
  }

  /**
   * Static segment history from {@code base} (columns i, the id column, created = epoch seconds,
   * plus whatever {@code memberP} and {@code removeP} read; both may read column seg_idx, the
   * index of the segment in {@code names}). Per member: a first row (added over two years before
   * the as-of, ~4 % after it, ~0.5 % exactly at it); some removed (a few exactly at the as-of,
   * some only after it); 40 % of the removed re-added in a second row, a fifth of those removed
   * again.
   */
  static Dataset<Row> staticSegments(Dataset<Row> base, Rand r, int k, String idColumn,
      String[] names, Column memberP, Column removeP) {
    Column[] nameLits = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      nameLits[i] = lit(names[i]);
    }
    Dataset<Row> exploded = base.select(col("*"), posexplode(array(nameLits)).as(new String[] {"seg_idx", "segment"}));
    Column i = col("i");
    Column s = col("seg_idx");
    Dataset<Row> members = exploded.filter(r.u(k, i, s).lt(memberP));

    Column uEdge = r.u(k + 1, i, s);
    Column first = when(uEdge.lt(0.005), asOf())
        .when(uEdge.lt(0.045), asOf().plus(1).plus(floor(r.u(k + 2, i, s).multiply(20.0 * DAY))))
        .otherwise(asOf().minus(1).minus(floor(r.u(k + 3, i, s).multiply(730.0 * DAY))));
    Dataset<Row> step1 = members.select(col("i"), col(idColumn), col("segment"), col("seg_idx"),
        greatest(first, col("created")).as("a1"),
        r.u(k + 4, i, s).lt(removeP).as("removed"));

    Column a1 = col("a1");
    Column removedAt = when(r.u(k + 5, i, s).lt(0.02).and(a1.lt(asOf())), asOf())
        .otherwise(since(a1.plus(3600), r.u(k + 11, i, s), r.u(k + 6, i, s), 0.10, 30));
    Dataset<Row> step2 = step1.select(col("i"), col(idColumn), col("segment"), col("seg_idx"), a1,
        when(col("removed"), removedAt).as("r1"),
        col("removed").and(r.u(k + 7, i, s).lt(0.4)).as("readded"));

    Column a2 = since(col("r1").plus(3600), r.u(k + 12, i, s), r.u(k + 8, i, s), 0.05, 30);
    Column r2 = when(r.u(k + 9, i, s).lt(0.2), since(a2.plus(3600), r.u(k + 13, i, s), r.u(k + 10, i, s), 0.05, 30));
    Column rows = filter(
        array(struct(a1.as("a"), col("r1").as("r")), when(col("readded"), struct(a2.as("a"), r2.as("r")))),
        x -> x.isNotNull());
    return step2.select(col("segment"), col(idColumn), explode(rows).as("m"))
        .select(col("segment"), col(idColumn),
            Rand.instant(col("m.a")).as("added_at"), Rand.instant(col("m.r")).as("removed_at"));
  }
}
