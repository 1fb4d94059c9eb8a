package org.sparksegments.data.mix;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded draws for the segment mix: the same seed gives the same sequence of choices. */
final class Draw {
  private final SplittableRandom r;

  Draw(long seed) {
    this.r = new SplittableRandom(seed);
  }

  int below(int n) {
    return r.nextInt(n);
  }

  /** A whole number from lo to hi, both included. */
  int between(int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  boolean chance(double p) {
    return r.nextDouble() < p;
  }

  @SafeVarargs
  final <T> T pick(T... values) {
    return values[r.nextInt(values.length)];
  }

  int pickInt(int... values) {
    return values[r.nextInt(values.length)];
  }

  <T> T pick(List<T> values) {
    return values.get(r.nextInt(values.size()));
  }

  /** An index drawn with the given weights (any positive scale). */
  int weighted(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }
}
