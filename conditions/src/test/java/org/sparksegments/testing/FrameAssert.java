package org.sparksegments.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.jdk.javaapi.CollectionConverters;

/**
 * DataFrame and id-list assertions in the spirit of Spark's {@code QueryTest.checkAnswer}:
 * compare the collected rows themselves, never only counts, and on failure print expected and
 * actual side by side with what is missing and what is unexpected.
 *
 * <p>Rows are compared by value after normalisation: nested rows, Scala or Java sequences and
 * maps become Java lists and sorted maps, decimals compare numerically ({@code 1.0 == 1.00}),
 * byte arrays by content. Column names are not compared, the number of columns is.
 */
public final class FrameAssert {
  private FrameAssert() {}

  /** The same rows in any order (a multiset: duplicates count). */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertSameRows(expected.collectAsList(), actual.collectAsList(), "");
  }

  /** The same rows in the same order. */
  public static void assertSameOrderedRows(Dataset<Row> expected, Dataset<Row> actual) {
    assertSameOrderedRows(expected.collectAsList(), actual.collectAsList(), "");
  }

  /** The same rows in any order, against already collected rows. */
  public static void assertSameRows(List<Row> expected, List<Row> actual, String context) {
    List<List<Object>> e = sorted(normalize(expected));
    List<List<Object>> a = sorted(normalize(actual));
    if (!e.equals(a)) {
      fail(report("rows differ (order ignored)", context, render(e), render(a)));
    }
  }

  /** The same rows in the same order, against already collected rows. */
  public static void assertSameOrderedRows(List<Row> expected, List<Row> actual,
      String context) {
    List<List<Object>> e = normalize(expected);
    List<List<Object>> a = normalize(actual);
    if (!e.equals(a)) {
      fail(report("rows differ (in order)", context, render(e), render(a)));
    }
  }

  /**
   * The same ids in the same order. Ids compare by their string form, so {@code "p01"} from a
   * golden file equals {@code "p01"} from a Row, and {@code 7} equals {@code 7L}.
   */
  public static void assertIds(List<?> expected, List<?> actual, String context) {
    List<String> e = strings(expected);
    List<String> a = strings(actual);
    if (!e.equals(a)) {
      fail(report("ids differ" + (sameElements(e, a) ? " (same ids, other order)" : ""),
          context, e, a));
    }
  }

  /** The same ids in any order (a multiset). */
  public static void assertSameIds(Collection<?> expected, Collection<?> actual,
      String context) {
    List<String> e = strings(expected);
    List<String> a = strings(actual);
    if (!sameElements(e, a)) {
      fail(report("ids differ (order ignored)", context, e.stream().sorted().toList(),
          a.stream().sorted().toList()));
    }
  }

  // ---------------------------------------------------------------------------------------

  private static boolean sameElements(List<String> e, List<String> a) {
    return counts(e).equals(counts(a));
  }

  private static Map<String, Integer> counts(List<String> l) {
    Map<String, Integer> m = new HashMap<>();
    l.forEach(s -> m.merge(s, 1, Integer::sum));
    return m;
  }

  private static List<String> strings(Collection<?> l) {
    List<String> out = new ArrayList<>(l.size());
    for (Object o : l) {
      out.add(String.valueOf(o));
    }
    return out;
  }

  /**
   * A failure message: a title, the context, the two lists side by side (a {@code !} marks the
   * lines that differ) and the missing and unexpected elements.
   */
  static String report(String title, String context, List<String> expected,
      List<String> actual) {
    StringBuilder sb = new StringBuilder(title);
    if (context != null && !context.isEmpty()) {
      sb.append(": ").append(context);
    }
    sb.append('\n');
    int width = 18;
    for (String s : expected) {
      width = Math.max(width, s.length());
    }
    width = Math.min(width, 100);
    String head = "expected (" + expected.size() + ")";
    sb.append("  ").append(pad(head, width)).append(" | actual (").append(actual.size())
        .append(")\n");
    int n = Math.max(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      String e = i < expected.size() ? expected.get(i) : "";
      String a = i < actual.size() ? actual.get(i) : "";
      boolean same = i < expected.size() && i < actual.size() && e.equals(a);
      sb.append(same ? "  " : "! ").append(pad(e, width)).append(" | ").append(a).append('\n');
    }
    Set<String> missing = new LinkedHashSet<>(expected);
    missing.removeAll(new LinkedHashSet<>(actual));
    Set<String> unexpected = new LinkedHashSet<>(actual);
    unexpected.removeAll(new LinkedHashSet<>(expected));
    sb.append("  missing:    ").append(missing).append('\n');
    sb.append("  unexpected: ").append(unexpected);
    if (missing.isEmpty() && unexpected.isEmpty()) {
      sb.append("\n  (same distinct elements: the order or the number of duplicates differs)");
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    if (s.length() >= width) {
      return s;
    }
    return s + " ".repeat(width - s.length());
  }

  private static List<List<Object>> normalize(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(normalizeRow(r));
    }
    return out;
  }

  private static List<Object> normalizeRow(Row r) {
    List<Object> values = new ArrayList<>(r.length());
    for (int i = 0; i < r.length(); i++) {
      values.add(normalizeValue(r.get(i)));
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Object normalizeValue(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Row r) {
      return normalizeRow(r);
    }
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (v instanceof scala.math.BigDecimal d) {
      return normalizeValue(d.bigDecimal());
    }
    if (v instanceof byte[] b) {
      return "bytes" + Arrays.toString(b);
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return normalizeValue(CollectionConverters.asJava(m));
    }
    if (v instanceof scala.collection.Iterable<?> s) {
      return normalizeValue(CollectionConverters.asJava(s));
    }
    if (v instanceof Map<?, ?> m) {
      // A sorted map by the keys' string form: maps have no order.
      TreeMap<String, List<Object>> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = normalizeValue(e.getKey());
        sorted.put(String.valueOf(k), Arrays.asList(k, normalizeValue(e.getValue())));
      }
      return sorted;
    }
    if (v instanceof Iterable<?> it) {
      List<Object> l = new ArrayList<>();
      for (Object o : (Iterable<Object>) it) {
        l.add(normalizeValue(o));
      }
      return l;
    }
    if (v.getClass().isArray()) {
      List<Object> l = new ArrayList<>();
      for (Object o : (Object[]) v) {
        l.add(normalizeValue(o));
      }
      return l;
    }
    return v;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort((x, y) -> Objects.toString(x).compareTo(Objects.toString(y)));
    return copy;
  }

  private static List<String> render(List<List<Object>> rows) {
    return rows.stream().map(r -> "[" + String.join(", ",
        r.stream().map(FrameAssert::renderValue).toList()) + "]").toList();
  }

  private static String renderValue(Object v) {
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    return String.valueOf(v);
  }
}
