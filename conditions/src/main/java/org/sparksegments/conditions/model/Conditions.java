package org.sparksegments.conditions.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks of a written condition tree: its groups (all, any, not) as operands, and its tests, so
 * that a pass which looks only at the tests does not recurse through the groups by hand.
 */
public final class Conditions {
  private Conditions() {}

  /** How a group combines its operands. */
  public enum Junction { ALL, ANY, NOT }

  /** A group node seen as its junction and its operands (one for {@code not}). */
  public record Group(Junction junction, List<Condition> operands) {
    public Group {
      operands = List.copyOf(operands);
    }
  }

  /** The node as a group, or empty for a test. */
  public static Optional<Group> group(Condition c) {
    if (c instanceof AllOf a) {
      return Optional.of(new Group(Junction.ALL, a.children()));
    }
    if (c instanceof AnyOf a) {
      return Optional.of(new Group(Junction.ANY, a.children()));
    }
    if (c instanceof Not n) {
      return Optional.of(new Group(Junction.NOT, List.of(n.child())));
    }
    return Optional.empty();
  }

  /**
   * Every test of the tree (every node that is not a group), in document order. The
   * {@code where} trees of tests are theirs: they are not entered, a pass reads them from the
   * test when it needs them.
   */
  public static List<Condition> leaves(Condition c) {
    List<Condition> out = new ArrayList<>();
    addLeaves(c, out);
    return out;
  }

  private static void addLeaves(Condition c, List<Condition> out) {
    Optional<Group> g = group(c);
    if (g.isEmpty()) {
      out.add(c);
    } else {
      g.get().operands().forEach(o -> addLeaves(o, out));
    }
  }
}
