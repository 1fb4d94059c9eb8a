package org.sparksegments.conditions.error;

/** JSON pointers (RFC 6901). */
public final class Pointers {
  private Pointers() {}

  /** The pointer of key {@code key} inside the object at {@code parent}. */
  public static String key(String parent, String key) {
    return parent + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  /** The pointer of element {@code index} inside the array at {@code parent}. */
  public static String index(String parent, int index) {
    return parent + "/" + index;
  }
}
