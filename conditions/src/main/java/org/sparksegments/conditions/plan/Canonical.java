package org.sparksegments.conditions.plan;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An unambiguous text of a value built from records, lists, optionals and scalars: strings are
 * quoted and escaped, so that {@code ["a, b"]} and {@code ["a", "b"]} never read the same.
 */
final class Canonical {
  private Canonical() {}

  static String of(Object v) {
    StringBuilder sb = new StringBuilder();
    write(v, sb);
    return sb.toString();
  }

  private static void write(Object v, StringBuilder sb) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (v instanceof Optional<?> o) {
      if (o.isPresent()) {
        sb.append("some(");
        write(o.get(), sb);
        sb.append(')');
      } else {
        sb.append("none");
      }
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",");
        write(l.get(i), sb);
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      m.forEach((k, x) -> {
        write(String.valueOf(k), sb);
        sb.append(':');
        write(x, sb);
        sb.append(';');
      });
      sb.append('}');
    } else if (v instanceof Record r) {
      sb.append(r.getClass().getSimpleName()).append('(');
      RecordComponent[] cs = r.getClass().getRecordComponents();
      for (int i = 0; i < cs.length; i++) {
        sb.append(i == 0 ? "" : ",").append(cs[i].getName()).append('=');
        try {
          write(cs[i].getAccessor().invoke(r), sb);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      sb.append(')');
    } else {
      // Enums, numbers, booleans, java.time values: their text is unambiguous.
      sb.append(v.getClass().getSimpleName()).append(':').append(v);
    }
  }
}
