package org.sparksegments.conditions.model;

/**
 * The limits of section 7 on a condition tree: its depth and its number of nodes, both counted
 * on the tree as written and again after its imports are expanded.
 */
public final class TreeLimits {
  private TreeLimits() {}

  /** The top condition is at depth 1; a node at depth 33 is too deep. */
  public static final int MAX_DEPTH = 32;

  /** Every condition object is a node, those of {@code where} trees included. */
  public static final int MAX_NODES = 10_000;
}
