package org.sparksegments.jobs.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * JSON canonicalization (RFC 8785, JCS): object keys sorted by UTF-16 code units, no
 * whitespace, strings with the minimal escapes, numbers as ECMAScript prints them. The segment
 * digest of the manifest is the SHA-256 of this form.
 */
public final class Jcs {
  private Jcs() {}

  public static String canonical(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString();
  }

  /** The hex SHA-256 of the canonical form. */
  public static String sha256(JsonNode node) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(canonical(node).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        keys.add(it.next());
      }
      keys.sort(null); // String order is UTF-16 code unit order, as JCS requires.
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        string(keys.get(i), sb);
        sb.append(':');
        write(n.get(keys.get(i)), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      string(n.asText(), sb);
    } else if (n.isNumber()) {
      sb.append(number(n.decimalValue()));
    } else if (n.isBoolean()) {
      sb.append(n.asBoolean());
    } else {
      sb.append("null");
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /** A number as ECMAScript's Number.prototype.toString prints the IEEE double it denotes. */
  static String number(BigDecimal d) {
    if (d.signum() == 0) {
      return "0";
    }
    // A number of no double (1e400, 1e-999999999) has no ECMAScript form; its exact value in
    // scientific notation keeps every such document hashable and distinct. Checked before
    // doubleValue, whose cost grows with the exponent.
    if (!org.sparksegments.conditions.bind.Representable.exponentInRange(d)) {
      return beyondDouble(d);
    }
    double v = d.doubleValue();
    if (Double.isInfinite(v)) {
      return beyondDouble(d);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal shortest = shortest(v);
    String digits = shortest.unscaledValue().abs().toString();
    int k = digits.length();
    int n = k - shortest.scale();
    String sign = v < 0 ? "-" : "";
    if (k <= n && n <= 21) {
      return sign + digits + "0".repeat(n - k);
    }
    if (0 < n && n <= 21) {
      return sign + digits.substring(0, n) + "." + digits.substring(n);
    }
    if (-6 < n && n <= 0) {
      return sign + "0." + "0".repeat(-n) + digits;
    }
    String exp = (n - 1 >= 0 ? "+" : "-") + Math.abs(n - 1);
    return sign + digits.charAt(0) + (k > 1 ? "." + digits.substring(1) : "") + "e" + exp;
  }

  private static String beyondDouble(BigDecimal d) {
    return d.stripTrailingZeros().toString().replace("E", "e");
  }

  /** The fewest significant digits that read back as the same double (closest on ties). */
  private static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int p = 1; p <= 17; p++) {
      BigDecimal r = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
      if (r.doubleValue() == v) {
        return r.stripTrailingZeros();
      }
    }
    return exact.round(new java.math.MathContext(17)).stripTrailingZeros();
  }

  /** Whether the document is shallow enough to canonicalize (the writer recurses). */
  public static boolean canDigest(JsonNode node) {
    java.util.ArrayDeque<JsonNode> level = new java.util.ArrayDeque<>(List.of(node));
    for (int depth = 0; !level.isEmpty(); depth++) {
      if (depth > 1000) {
        return false;
      }
      java.util.ArrayDeque<JsonNode> next = new java.util.ArrayDeque<>();
      for (JsonNode n : level) {
        n.forEach(next::add);
      }
      level = next;
    }
    return true;
  }
}
