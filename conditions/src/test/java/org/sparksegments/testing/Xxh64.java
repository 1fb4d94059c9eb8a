package org.sparksegments.testing;

import java.nio.charset.StandardCharsets;

/**
 * XXH64 written from its published description, in plain Java: proof that the range bucket can be
 * recomputed outside Spark from the id alone.
 */
public final class Xxh64 {
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long P5 = 0x27D4EB2F165667C5L;

  private Xxh64() {}

  /** The spec's bucket: pmod(xxhash64(id as UTF-8, seed 42), 10000). */
  public static int bucket(String id) {
    return (int) Math.floorMod(hash(id.getBytes(StandardCharsets.UTF_8), 42L), 10_000L);
  }

  public static long hash(byte[] b, long seed) {
    int len = b.length;
    int i = 0;
    long h;
    if (len >= 32) {
      long v1 = seed + P1 + P2;
      long v2 = seed + P2;
      long v3 = seed;
      long v4 = seed - P1;
      for (; i <= len - 32; i += 32) {
        v1 = round(v1, readLong(b, i));
        v2 = round(v2, readLong(b, i + 8));
        v3 = round(v3, readLong(b, i + 16));
        v4 = round(v4, readLong(b, i + 24));
      }
      h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
          + Long.rotateLeft(v4, 18);
      h = merge(h, v1);
      h = merge(h, v2);
      h = merge(h, v3);
      h = merge(h, v4);
    } else {
      h = seed + P5;
    }
    h += len;
    for (; i <= len - 8; i += 8) {
      h ^= round(0, readLong(b, i));
      h = Long.rotateLeft(h, 27) * P1 + P4;
    }
    if (i <= len - 4) {
      h ^= (readInt(b, i) & 0xFFFFFFFFL) * P1;
      h = Long.rotateLeft(h, 23) * P2 + P3;
      i += 4;
    }
    for (; i < len; i++) {
      h ^= (b[i] & 0xFFL) * P5;
      h = Long.rotateLeft(h, 11) * P1;
    }
    h ^= h >>> 33;
    h *= P2;
    h ^= h >>> 29;
    h *= P3;
    h ^= h >>> 32;
    return h;
  }

  private static long round(long acc, long input) {
    return Long.rotateLeft(acc + input * P2, 31) * P1;
  }

  private static long merge(long acc, long val) {
    return (acc ^ round(0, val)) * P1 + P4;
  }

  private static long readLong(byte[] b, int i) {
    long r = 0;
    for (int k = 7; k >= 0; k--) {
      r = (r << 8) | (b[i + k] & 0xFFL);
    }
    return r;
  }

  private static int readInt(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16
        | (b[i + 3] & 0xFF) << 24;
  }
}
