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

    private static Heatmap.Rendered rendered(float[][] values, String[] rowLabels) {
        return Heatmap.rendered(values, "Positional embeddings", "embedding dimension", "position", rowLabels);
    }

    @Test
    void writesAReadablePngAbout1000PixelsWideFor256Columns() throws IOException {
        float[][] values = signedRows();
        BufferedImage image = writeAndRead(values, null);
        assertEquals(Heatmap.WIDTH, image.getWidth());
        assertEquals(Heatmap.height(4), image.getHeight());
        Heatmap.Rendered r = rendered(values, null);
        assertTrue(r.cells().getWidth() > 700, "the cells take most of the width: " + r.cells());
    }

    @Test
    void positiveCellsAreRedNegativeCellsBlueAndZeroCellsWhite() {
        Heatmap.Rendered r = rendered(signedRows(), null);
        int[] p = r.centre(0, 100);
        int[] n = r.centre(1, 100);
        int[] z = r.centre(2, 100);
        int positive = r.image().getRGB(p[0], p[1]);
        int negative = r.image().getRGB(n[0], n[1]);
        int zero = r.image().getRGB(z[0], z[1]);
        assertTrue(Pixels.red(positive) > Pixels.blue(positive) + 80, Integer.toHexString(positive));
        assertTrue(Pixels.blue(negative) > Pixels.red(negative) + 80, Integer.toHexString(negative));
        assertEquals(0xffffff, zero & 0xffffff, "zero is white");
    }

    @Test
    void everyCellHasItsValuesColourRowZeroAtTheTop() {
        float[][] values = new float[3][5];
        values[0][4] = 2;
        values[2][0] = -2;
        Heatmap.Rendered r = rendered(values, null);
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 5; col++) {
                int[] c = r.centre(row, col);
                assertEquals(
                        DivergingColorMap.rgb(values[row][col], r.limit()),
                        r.image().getRGB(c[0], c[1]) & 0xffffff,
                        "cell " + row + ", " + col);
            }
        }
    }

    @Test
    void titleAndAxisLabelsAreRenderedAsText() {
        Heatmap.Rendered r = rendered(signedRows(), null);
        BufferedImage image = r.image();
        java.awt.geom.Rectangle2D cells = r.cells();
        assertTrue(Pixels.inkIn(image, 0, 0, image.getWidth(), (int) cells.getY() - 4) > 100, "title drawn");
        assertTrue(
                Pixels.inkIn(
                                image,
                                (int) cells.getX(),
                                (int) cells.getMaxY() + 2,
                                (int) cells.getMaxX(),
                                image.getHeight())
                        > 100,
                "x ticks and x label drawn");
        assertTrue(
                Pixels.inkIn(image, 0, (int) cells.getY(), (int) cells.getX() - 2, (int) cells.getMaxY()) > 50,
                "y ticks and y label drawn");
    }

    @Test
    void aColourScaleRunsFromRedAtTheTopThroughWhiteToBlueAtTheBottomWithNumbers() {
        Heatmap.Rendered r = rendered(signedRows(), null);
        BufferedImage image = r.image();
        java.awt.geom.Rectangle2D cells = r.cells();
        // The scale is the only strip of saturated colour right of the cells: find its column.
        boolean found = false;
        int whiteBetween = 0;
        for (int x = (int) cells.getMaxX() + 2; x < image.getWidth() && !found; x++) {
            int t = image.getRGB(x, (int) cells.getY() + 12);
            int b = image.getRGB(x, (int) cells.getMaxY() - 12);
            if (Pixels.red(t) > Pixels.blue(t) + 80 && Pixels.blue(b) > Pixels.red(b) + 80) {
                found = true;
                for (int y = (int) cells.getY() + 12; y < cells.getMaxY() - 12; y++) {
                    int rgb = image.getRGB(x, y);
                    whiteBetween += Pixels.red(rgb) > 245 && Pixels.green(rgb) > 245 && Pixels.blue(rgb) > 245 ? 1 : 0;
                }
            }
        }
        assertTrue(found, "a red-to-blue colour scale right of the cells");
        assertTrue(whiteBetween > 0, "white between red and blue, at zero");
        assertTrue(
                Pixels.inkIn(image, (int) cells.getMaxX() + 30, (int) cells.getY(), image.getWidth(), (int)
                                cells.getMaxY())
                        > 50,
                "numbers beside the scale");
        assertEquals(3.0, r.limit(), "the scale is symmetric: -3 to 3");
    }

    @Test
    void aTallMatrixOfThirtyTwoRowsLabelsEveryRowLegibly() {
        float[][] values = new float[32][256];
        String[] labels = new String[32];
        for (int r = 0; r < 32; r++) {
            values[r][r] = r - 16;
            labels[r] = "b" + r / 4 + " t" + r % 4 + " 'I'";
        }
        Heatmap.Rendered r = rendered(values, labels);
        BufferedImage image = r.image();
        double rowHeight = r.cells().getHeight() / 32;
        assertTrue(rowHeight >= 12, "a row is at least one line of 12-point text high: " + rowHeight);
        assertTrue(image.getHeight() < 1000, "height " + image.getHeight());
        for (int row = 0; row < 32; row++) {
            int y = (int) (r.cells().getY() + row * rowHeight);
            assertTrue(
                    Pixels.inkIn(image, 0, y, (int) r.cells().getX() - 6, (int) (y + rowHeight)) > 10,
                    "label of row " + row);
        }
    }

    @Test
    void aVeryTallMatrixLabelsEveryKthRowInsteadOfGrowingWithoutBound() {
        float[][] values = new float[400][8];
        String[] labels = new String[400];
        java.util.Arrays.fill(labels, "row");
        Heatmap.Rendered r = rendered(values, labels);
        assertTrue(r.image().getHeight() < 1000, "height " + r.image().getHeight());
    }

    @Test
    void anAllZeroMatrixIsWhiteWithoutDividingByZero() {
        Heatmap.Rendered r = Heatmap.rendered(new float[2][3], "zeros", "x", "y", null);
        int[] c = r.centre(1, 1);
        assertEquals(0xffffff, r.image().getRGB(c[0], c[1]) & 0xffffff);
    }

    @Test
    void rejectsAnEmptyMatrix() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Heatmap.render(new float[0][], "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values is empty (0 rows)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Heatmap.render(new float[3][0], "t", "x", "y", null));
        assertTrue(e.getMessage().contains("0 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Heatmap.render(null, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values is null"), e.getMessage());
    }

    @Test
    void rejectsJaggedRowsNamingTheRow() {
        float[][] jagged = {{1, 2, 3}, {1, 2, 3}, {1, 2}};
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Heatmap.render(jagged, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("jagged: row 2 has 2 values but row 0 has 3"), e.getMessage());
    }

    @Test
    void rejectsNanAndInfinityNamingTheCell() {
        float[][] values = {{1, 2, 3}, {1, 2, Float.NaN}};
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Heatmap.render(values, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values[1][2] is NaN"), e.getMessage());
        values[1][2] = Float.NEGATIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> Heatmap.render(values, "t", "x", "y", null));
        assertTrue(e.getMessage().contains("values[1][2] is -Infinity"), e.getMessage());
    }

    @Test
    void rejectsARowLabelCountThatDiffersFromTheRowCount() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Heatmap.render(new float[4][2], "t", "x", "y", new String[] {"a", "b", "c"}));
        assertTrue(e.getMessage().contains("rowLabels has 3 labels but there are 4 rows"), e.getMessage());
    }

    @Test
    void rejectsANullTitleAndANullPathWithoutWritingAnything() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> Heatmap.render(new float[1][1], null, "x", "y", null));
        assertTrue(e.getMessage().contains("title is null"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> Heatmap.write(null, new float[1][1], "t", "x", "y", null));
        assertTrue(e.getMessage().contains("png path is null"), e.getMessage());
        Path png = dir.resolve("bad.png");
        assertThrows(
                IllegalArgumentException.class,
                () -> Heatmap.write(png, new float[][] {{Float.NaN}}, "t", "x", "y", null));
        assertFalse(Files.exists(png), "no file for bad input");
    }
}
