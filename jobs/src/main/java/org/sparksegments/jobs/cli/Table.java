package org.sparksegments.jobs.cli;

import java.io.PrintStream;
import java.util.List;

/** A plain text table: left-aligned text, right-aligned numbers. */
final class Table {
  private Table() {}

  static void print(String[] header, List<String[]> rows, PrintStream out) {
    int[] w = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      w[i] = header[i].length();
      for (String[] r : rows) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    line(header, w, out, header);
    StringBuilder sep = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      sep.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
    }
    out.println(sep);
    for (String[] r : rows) {
      line(r, w, out, header);
    }
  }

  private static void line(String[] cells, int[] w, PrintStream out, String[] header) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      boolean number = cells[i].matches("[0-9,]+") && cells != header;
      String pad = " ".repeat(w[i] - cells[i].length());
      sb.append(i == 0 ? "" : "  ").append(number ? pad + cells[i] : cells[i] + pad);
    }
    out.println(sb.toString().stripTrailing());
  }
}
