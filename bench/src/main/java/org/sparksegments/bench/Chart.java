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
import javax.imageio.ImageIO;

/**
 * Draws how a run's time grows, as a PNG with two panels: seconds against the number of
 * segments (fixed data) and against the number of profiles (fixed segments), from a CSV of
 * {@code axis,x,seconds} rows where axis is {@code segments} or {@code profiles}. Plain AWT,
 * headless: no charting dependency for two small line charts.
 */
final class Chart {
  private static final int W = 1000;
  private static final int H = 420;

  private Chart() {}

  static void draw(Path csv, Path png) throws Exception {
    List<double[]> bySegments = new ArrayList<>();
    List<double[]> byProfiles = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      String[] f = line.split(",");
      if (f.length < 3 || f[0].equals("axis")) {
        continue;
      }
      double[] point = {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
      (f[0].equals("segments") ? bySegments : byProfiles).add(point);
    }
    System.setProperty("java.awt.headless", "true");
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    panel(g, 0, bySegments, "run time vs segments (same data)", "segments", false);
    panel(g, W / 2, byProfiles, "run time vs profiles (same segments)", "profiles (log)", true);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void panel(Graphics2D g, int x0, List<double[]> pts, String title, String xName,
      boolean logX) {
    int left = x0 + 70;
    int right = x0 + W / 2 - 30;
    int top = 50;
    int bottom = H - 60;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, x0 + 60, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawLine(left, bottom, right, bottom);
    g.drawLine(left, top, left, bottom);
    g.drawString(xName, (left + right) / 2 - 30, H - 20);
    g.drawString("seconds", x0 + 8, top - 10);
    if (pts.isEmpty()) {
      return;
    }
    pts.sort((a, b) -> Double.compare(a[0], b[0]));
    double xMin = fx(pts.get(0)[0], logX);
    double xMax = fx(pts.get(pts.size() - 1)[0], logX);
    double yMax = pts.stream().mapToDouble(p -> p[1]).max().orElse(1) * 1.15;
    for (int i = 0; i <= 4; i++) {
      int y = bottom - (bottom - top) * i / 4;
      g.setColor(new Color(225, 225, 225));
      g.drawLine(left + 1, y, right, y);
      g.setColor(Color.BLACK);
      g.drawString(String.format("%.0f", yMax * i / 4), x0 + 20, y + 4);
    }
    g.setStroke(new BasicStroke(2.5f));
    int[] px = new int[pts.size()];
    int[] py = new int[pts.size()];
    for (int i = 0; i < pts.size(); i++) {
      double span = xMax - xMin == 0 ? 1 : xMax - xMin;
      px[i] = left + 20 + (int) ((right - left - 40) * (fx(pts.get(i)[0], logX) - xMin) / span);
      py[i] = bottom - (int) ((bottom - top) * pts.get(i)[1] / yMax);
    }
    g.setColor(new Color(31, 119, 180));
    g.drawPolyline(px, py, px.length);
    for (int i = 0; i < pts.size(); i++) {
      g.fillOval(px[i] - 4, py[i] - 4, 8, 8);
      g.setColor(Color.BLACK);
      String label = logX ? String.format("%,.0f", pts.get(i)[0]) : String.format("%.0f",
          pts.get(i)[0]);
      g.drawString(label, px[i] - 20, bottom + 16);
      g.drawString(String.format("%.1f s", pts.get(i)[1]), px[i] - 18, py[i] - 10);
      g.setColor(new Color(31, 119, 180));
    }
  }

  private static double fx(double x, boolean log) {
    return log ? Math.log10(x) : x;
  }
}
