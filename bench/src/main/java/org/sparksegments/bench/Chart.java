package org.sparksegments.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Draws how a run's time grows, as a PNG with two panels over the number of segments, one line
 * per profile size: the run's seconds, and the driver's planning seconds, from the CSV that
 * {@code scripts/bench --growth} writes ({@code profiles,segments,seconds,plan_seconds,peak_mb}).
 * Plain AWT, headless: no charting dependency for two small line charts.
 */
final class Chart {
  private static final int W = 1000;
  private static final int H = 440;
  private static final Color[] COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
      new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189)};

  private Chart() {}

  static void draw(Path csv, Path png) throws Exception {
    Grid grid = Grid.read(csv);
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    panel(g, 0, grid.run, "run time vs segments");
    panel(g, W / 2, grid.plan, "driver planning time vs segments");
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  /** The CSV's points, by profile size (ascending): {segments, seconds} each. */
  record Grid(Map<Long, List<double[]>> run, Map<Long, List<double[]>> plan) {
    static Grid read(Path csv) throws Exception {
      Grid grid = new Grid(new TreeMap<>(), new TreeMap<>());
      List<String> lines = Files.readAllLines(csv);
      if (lines.isEmpty() || !lines.get(0).startsWith("profiles,segments,seconds,plan_seconds")) {
        throw new IllegalArgumentException(csv + ": expected the header "
            + "profiles,segments,seconds,plan_seconds,peak_mb");
      }
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        if (f.length < 4) {
          continue;
        }
        long profiles = Long.parseLong(f[0]);
        double segments = Double.parseDouble(f[1]);
        grid.run.computeIfAbsent(profiles, k -> new ArrayList<>())
            .add(new double[] {segments, Double.parseDouble(f[2])});
        if (!f[3].isEmpty() && !f[3].equals("null")) {
          grid.plan.computeIfAbsent(profiles, k -> new ArrayList<>())
              .add(new double[] {segments, Double.parseDouble(f[3])});
        }
      }
      return grid;
    }
  }

  /**
   * The smallest of 4 × {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5} × 10^k at or above y: the
   * four grid lines fall on round values.
   */
  static double niceTop(double y) {
    if (!(y > 0)) {
      return 1;
    }
    double unit = Math.pow(10, Math.floor(Math.log10(y / 4)));
    for (double m : new double[] {1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10}) {
      if (4 * m * unit >= y) {
        return 4 * m * unit;
      }
    }
    return 40 * unit;
  }

  private static void panel(Graphics2D g, int x0, Map<Long, List<double[]>> lines, String title) {
    int left = x0 + 70;
    int right = x0 + W / 2 - 30;
    int top = 50;
    int bottom = H - 80;
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, x0 + 60, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawLine(left, bottom, right, bottom);
    g.drawLine(left, top, left, bottom);
    g.drawString("segments", (left + right) / 2 - 25, bottom + 36);
    g.drawString("seconds", x0 + 8, top - 10);
    List<double[]> all = lines.values().stream().flatMap(List::stream).toList();
    if (all.isEmpty()) {
      return;
    }
    double xMin = all.stream().mapToDouble(p -> p[0]).min().orElse(0);
    double xMax = all.stream().mapToDouble(p -> p[0]).max().orElse(1);
    double yMax = niceTop(all.stream().mapToDouble(p -> p[1]).max().orElse(1) * 1.1);
    for (int i = 0; i <= 4; i++) {
      int y = bottom - (bottom - top) * i / 4;
      g.setColor(new Color(225, 225, 225));
      g.drawLine(left + 1, y, right, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format(yMax < 4 ? "%.2f" : yMax < 40 ? "%.1f" : "%.0f", yMax * i / 4),
          x0 + 20, y + 4);
    }
    double span = xMax - xMin == 0 ? 1 : xMax - xMin;
    all.stream().mapToDouble(p -> p[0]).distinct().forEach(x -> {
      int px = left + 20 + (int) ((right - left - 40) * (x - xMin) / span);
      g.drawString(String.format("%.0f", x), px - 10, bottom + 16);
    });
    int c = 0;
    for (Map.Entry<Long, List<double[]>> line : lines.entrySet()) {
      Color color = COLORS[c % COLORS.length];
      List<double[]> pts = new ArrayList<>(line.getValue());
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      int[] px = new int[pts.size()];
      int[] py = new int[pts.size()];
      for (int i = 0; i < pts.size(); i++) {
        px[i] = left + 20 + (int) ((right - left - 40) * (pts.get(i)[0] - xMin) / span);
        py[i] = bottom - (int) ((bottom - top) * pts.get(i)[1] / yMax);
      }
      g.setColor(color);
      g.setStroke(new BasicStroke(2.5f));
      g.drawPolyline(px, py, px.length);
      for (int i = 0; i < pts.size(); i++) {
        g.fillOval(px[i] - 4, py[i] - 4, 8, 8);
        // The highest point at a number of segments is labelled above, the others below: lines
        // close together stay legible.
        double x = pts.get(i)[0];
        double y = pts.get(i)[1];
        boolean highest = all.stream().noneMatch(p -> p[0] == x && p[1] > y);
        g.drawString(String.format("%.1f", y), px[i] - 12, highest ? py[i] - 9 : py[i] + 18);
      }
      // The legend under the axis, one entry per profile size.
      int lx = left + c * 130;
      g.fillRect(lx, H - 30, 14, 4);
      g.setColor(Color.BLACK);
      g.drawString(String.format("%,d profiles", line.getKey()), lx + 20, H - 24);
      c++;
    }
  }
}
