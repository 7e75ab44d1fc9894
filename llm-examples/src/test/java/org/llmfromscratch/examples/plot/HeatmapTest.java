package org.llmfromscratch.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeatmapTest {

    @TempDir
    Path dir;

    /** Row 0 strongly positive, row 1 strongly negative, row 2 zero, row 3 random. */
    private static float[][] signedRows() {
        float[][] values = new float[4][256];
        Random random = new Random(7);
        for (int c = 0; c < 256; c++) {
            values[0][c] = 3;
            values[1][c] = -3;
            values[3][c] = (float) random.nextGaussian();
        }
        return values;
    }

    private BufferedImage writeAndRead(float[][] values, String[] rowLabels) throws IOException {
        Path png = dir.resolve("sub/heatmap.png");
        Heatmap.write(png, values, "Positional embeddings", "embedding dimension", "position", rowLabels);
        assertTrue(Files.size(png) > 0);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO reads the PNG back");
        return image;
    }

    @Test
    void writesAReadablePngOfTheLaidOutSizeAbout900PixelsWideFor256Columns() throws IOException {
        float[][] values = signedRows();
        BufferedImage image = writeAndRead(values, null);
        HeatmapLayout layout = new HeatmapLayout(values, "Positional embeddings", null);
        assertEquals(layout.width, image.getWidth());
        assertEquals(layout.height, image.getHeight());
        assertTrue(image.getWidth() >= 800 && image.getWidth() <= 1100, "width " + image.getWidth());
    }

    @Test
    void positiveCellsAreRedNegativeCellsBlueAndZeroCellsWhite() throws IOException {
        float[][] values = signedRows();
        BufferedImage image = writeAndRead(values, null);
        HeatmapLayout layout = new HeatmapLayout(values, "Positional embeddings", null);
        int x = layout.cellX(100) + layout.cellWidth / 2;
        int positive = image.getRGB(x, layout.cellY(0) + layout.cellHeight / 2);
        int negative = image.getRGB(x, layout.cellY(1) + layout.cellHeight / 2);
        int zero = image.getRGB(x, layout.cellY(2) + layout.cellHeight / 2);
        assertTrue(Pixels.red(positive) > Pixels.blue(positive) + 80, Integer.toHexString(positive));
        assertTrue(Pixels.blue(negative) > Pixels.red(negative) + 80, Integer.toHexString(negative));
        assertEquals(0xffffff, zero & 0xffffff, "zero is white");
    }

    @Test
    void titleAndAxisLabelsAreRenderedAsText() throws IOException {
        float[][] values = signedRows();
        BufferedImage image = writeAndRead(values, null);
        HeatmapLayout layout = new HeatmapLayout(values, "Positional embeddings", null);
        assertTrue(Pixels.inkIn(image, 0, 0, image.getWidth(), layout.plotY - 4) > 100, "title drawn");
        assertTrue(Pixels.inkIn(image, layout.plotX, layout.plotY + layout.plotHeight + 2,
                layout.plotX + layout.plotWidth, image.getHeight()) > 100, "x ticks and x label drawn");
        assertTrue(Pixels.inkIn(image, 0, layout.plotY, layout.plotX - 2, layout.plotY + layout.plotHeight) > 50,
                "y ticks and y label drawn");
    }

    @Test
    void colourBarRunsFromRedAtTheTopThroughWhiteToBlueAtTheBottomWithNumbers() throws IOException {
        float[][] values = signedRows();
        BufferedImage image = writeAndRead(values, null);
        HeatmapLayout layout = new HeatmapLayout(values, "Positional embeddings", null);
        int x = layout.barX + HeatmapLayout.BAR_WIDTH / 2;
        int top = image.getRGB(x, layout.plotY + 1);
        int middle = image.getRGB(x, layout.barY(0));
        int bottom = image.getRGB(x, layout.plotY + layout.barHeight - 2);
        assertTrue(Pixels.red(top) > Pixels.blue(top) + 80);
        assertTrue(Pixels.blue(bottom) > Pixels.red(bottom) + 80);
        assertTrue(Pixels.red(middle) > 240 && Pixels.green(middle) > 240 && Pixels.blue(middle) > 240);
        int labelsX = layout.barX + HeatmapLayout.BAR_WIDTH + 6;
        assertTrue(Pixels.inkIn(image, labelsX, layout.plotY - 8, image.getWidth(), layout.plotY + 8) > 20,
                "the maximum is written at the top of the bar");
        assertEquals("3.00 (max)", layout.barLabels().get(0));
        assertEquals("-3.00 (min)", layout.barLabels().get(2));
    }

    @Test
    void aTallMatrixOfThirtyTwoRowsLabelsEveryRowLegibly() throws IOException {
        float[][] values = new float[32][256];
        String[] labels = new String[32];
        for (int r = 0; r < 32; r++) {
            values[r][r] = r - 16;
            labels[r] = "b" + r / 4 + " t" + r % 4 + " 'I'";
        }
        BufferedImage image = writeAndRead(values, labels);
        HeatmapLayout layout = new HeatmapLayout(values, "Positional embeddings", labels);
        assertEquals(32, layout.rowTicks.size());
        assertTrue(layout.cellHeight >= Canvas.height(Canvas.TICK), "a row is at least one text line high");
        assertTrue(image.getHeight() < 1000, "height " + image.getHeight());
        for (int r = 0; r < 32; r++) {
            int y = layout.cellY(r);
            assertTrue(Pixels.inkIn(image, 0, y, layout.plotX - 6, y + layout.cellHeight) > 10, "label of row " + r);
        }
    }

    @Test
    void aVeryTallMatrixLabelsEveryKthRowInsteadOfGrowingWithoutBound() {
        float[][] values = new float[400][8];
        String[] labels = new String[400];
        java.util.Arrays.fill(labels, "row");
        HeatmapLayout layout = new HeatmapLayout(values, "t", labels);
        assertTrue(layout.height < 1000, "height " + layout.height);
        assertTrue(layout.rowTicks.size() < 400 && layout.rowTicks.size() > 10);
    }

    @Test
    void anAllZeroMatrixIsWhiteWithoutDividingByZero() {
        BufferedImage image = Heatmap.render(new float[2][3], "zeros", "x", "y", null);
        HeatmapLayout layout = new HeatmapLayout(new float[2][3], "zeros", null);
        int rgb = image.getRGB(layout.cellX(1) + 2, layout.cellY(1) + 2);
        assertEquals(0xffffff, rgb & 0xffffff);
    }

    @Test
    void rejectsAnEmptyMatrix() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.render(new float[0][], "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values is empty (0 rows)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Heatmap.render(new float[3][0], "t", "x", "y", null));
        assertTrue(e.getMessage().contains("0 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Heatmap.render(null, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values is null"), e.getMessage());
    }

    @Test
    void rejectsJaggedRowsNamingTheRow() {
        float[][] jagged = {{1, 2, 3}, {1, 2, 3}, {1, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.render(jagged, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("jagged: row 2 has 2 values but row 0 has 3"), e.getMessage());
    }

    @Test
    void rejectsNanAndInfinityNamingTheCell() {
        float[][] values = {{1, 2, 3}, {1, 2, Float.NaN}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.render(values, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values[1][2] is NaN"), e.getMessage());
        values[1][2] = Float.NEGATIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> Heatmap.render(values, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values[1][2] is -Infinity"), e.getMessage());
    }

    @Test
    void rejectsARowLabelCountThatDiffersFromTheRowCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.render(new float[4][2], "t", "x", "y", new String[] {"a", "b", "c"}));
        assertTrue(e.getMessage().contains("rowLabels has 3 labels but there are 4 rows"), e.getMessage());
    }

    @Test
    void rejectsANullTitleAndANullPathWithoutWritingAnything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.render(new float[1][1], null, "x", "y", null));
        assertTrue(e.getMessage().contains("title is null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Heatmap.write(null, new float[1][1], "t", "x", "y", null));
        assertTrue(e.getMessage().contains("png path is null"), e.getMessage());
        Path png = dir.resolve("bad.png");
        assertThrows(IllegalArgumentException.class,
                () -> Heatmap.write(png, new float[][] {{Float.NaN}}, "t", "x", "y", null));
        assertFalse(Files.exists(png), "no file for bad input");
    }
}
