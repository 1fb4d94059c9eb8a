package org.sparksegments.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The growth chart reads the grid's CSV, one line per profile size, and draws a PNG. */
class ChartTest {

  @Test
  void oneLinePerProfileSizeInBothPanels(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("growth.csv");
    Files.write(csv, List.of("profiles,segments,seconds,plan_seconds,peak_mb",
        "1000000,10,20.5,1.5,4000", "100000,10,8.0,1.2,3000", "100000,100,12.0,2.5,3100",
        "1000000,100,45.0,2.75,5000"));
    Chart.Grid grid = Chart.Grid.read(csv);
    assertEquals(List.of(100000L, 1000000L), List.copyOf(grid.run().keySet()));
    assertArrayEquals(new double[] {100, 12.0}, grid.run().get(100000L).get(1));
    assertArrayEquals(new double[] {100, 2.75}, grid.plan().get(1000000L).get(1));

    Path png = dir.resolve("growth.png");
    Chart.draw(csv, png);
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(1000, img.getWidth());
  }

  @Test
  void theFormerTwoAxisCsvIsRefused(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("growth.csv");
    Files.write(csv, List.of("axis,x,seconds,peak_mb", "segments,10,12.89,3639"));
    assertThrows(IllegalArgumentException.class, () -> Chart.Grid.read(csv));
  }

  @Test
  void gridLinesAtRoundValues() {
    assertEquals(40.0, Chart.niceTop(37.3));
    assertEquals(50.0, Chart.niceTop(45.0));
    assertEquals(4.0, Chart.niceTop(3.5));
    assertEquals(1000.0, Chart.niceTop(900.0));
  }
}
