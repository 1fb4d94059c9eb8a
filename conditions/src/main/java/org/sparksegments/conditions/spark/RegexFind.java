package org.sparksegments.conditions.spark;

import com.google.re2j.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.sparksegments.conditions.regex.Regexes;

/**
 * The Spark function of {@code matches}: true when the pattern is found anywhere in the value
 * (as {@code rlike}, that is {@code Matcher.find()}), null for a null value; RE2 runs it in time
 * linear in the value, where {@code rlike}'s java.util.regex could backtrack for minutes.
 *
 * <p>The function travels to the executors as the pattern text; the compiled pattern is
 * transient, compiled on first use in each deserialized copy (once per task, not per row).
 * A plain Column: no registration, so it works alike in local mode, under spark-submit and in
 * the SQL table functions of a notebook session.
 */
final class RegexFind implements UDF1<String, Boolean> {
  private static final long serialVersionUID = 1L;

  private final String regex;
  private final boolean ignoreCase;
  private transient Pattern pattern;

  RegexFind(String regex, boolean ignoreCase) {
    this.regex = regex;
    this.ignoreCase = ignoreCase;
  }

  /** {@code value} matches {@code regex} (validated beforehand), null where value is null. */
  static Column find(Column value, String regex, boolean ignoreCase) {
    return functions.udf(new RegexFind(regex, ignoreCase), DataTypes.BooleanType)
        .withName("matches").apply(value);
  }

  @Override
  public Boolean call(String value) {
    if (value == null) {
      return null;
    }
    Pattern p = pattern;
    if (p == null) {
      // Pattern is thread-safe: a race compiles it twice, harmlessly.
      p = Regexes.compile(regex, ignoreCase);
      pattern = p;
    }
    return p.matcher(value).find();
  }
}
