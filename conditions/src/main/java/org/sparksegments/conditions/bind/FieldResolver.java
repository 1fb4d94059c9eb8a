package org.sparksegments.conditions.bind;

import org.sparksegments.conditions.schema.TableSchema;

import org.sparksegments.conditions.schema.FieldType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.sparksegments.conditions.error.ErrorCode;
import org.sparksegments.conditions.error.Problems;

/** Resolves dotted paths against a table schema, suggesting near names for unknown ones. */
public final class FieldResolver {
  private FieldResolver() {}

  /**
   * Resolves {@code path}: the first part names a column (an exact column name with dots wins),
   * then struct fields and map keys.
   */
  public static Optional<FieldRef> resolve(TableSchema schema, String path, String table,
      String pointer, Problems problems) {
    Optional<FieldType> whole = schema.column(path);
    if (whole.isPresent()) {
      return Optional.of(new FieldRef(path, path, List.of(), whole.get()));
    }
    String[] parts = path.split("\\.", -1);
    Optional<FieldType> top = schema.column(parts[0]);
    if (top.isEmpty()) {
      return unknown(schema, path, table, pointer, problems);
    }
    FieldType type = top.get();
    List<FieldRef.Step> steps = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (type instanceof FieldType.StructOf s && s.field(p).isPresent()) {
        steps.add(new FieldRef.StructField(p));
        type = s.field(p).get();
      } else if (type instanceof FieldType.MapOf m
          && m.key().scalarKind().equals(Optional.of(FieldType.Kind.STRING)) && !p.isEmpty()) {
        steps.add(new FieldRef.MapKey(p));
        type = m.value();
      } else {
        return unknown(schema, path, table, pointer, problems);
      }
    }
    return Optional.of(new FieldRef(path, parts[0], steps, type));
  }

  private static Optional<FieldRef> unknown(TableSchema schema, String path, String table,
      String pointer, Problems problems) {
    List<String> near = nearest(schema.paths(), path);
    problems.add(ErrorCode.UNKNOWN_FIELD, pointer, "Cannot find field '" + path + "' in the "
        + table + " table" + (near.isEmpty() ? "" : " (did you mean " + String.join(", ", near)
        + "?)") + " (expected a column, a struct field or a map key, as in address.zip)");
    return Optional.empty();
  }

  /** Up to three names closest to {@code wanted} by edit distance, ignoring case. */
  public static List<String> nearest(List<String> names, String wanted) {
    record Scored(String name, int d) {}
    String w = wanted.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, w.length() / 3);
    return names.stream()
        .map(n -> new Scored(n, distance(n.toLowerCase(Locale.ROOT), w)))
        .filter(x -> x.d() <= limit)
        .sorted(Comparator.comparingInt(Scored::d).thenComparing(Scored::name))
        .map(Scored::name)
        .limit(3)
        .toList();
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
