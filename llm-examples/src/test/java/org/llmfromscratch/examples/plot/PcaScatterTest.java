package org.llmfromscratch.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaScatterTest {

    private static final String[] WORDS = {
        "I",
        " HAD",
        " always",
        " thought",
        " Jack",
        " G",
        "isburn",
        " rather",
        " a",
        " cheap",
        " genius",
        "--",
        "though",
        " a",
        " good",
        " fellow"
    };

    @TempDir
    Path dir;

    private static float[][] random(int n, int d, long seed) {
        Random random = new Random(seed);
        float[][] points = new float[n][d];
        for (float[] p : points) {
            for (int j = 0; j < d; j++) {
                p[j] = (float) random.nextGaussian();
            }
        }
        return points;
    }

    private static boolean isDot(int rgb) {
        return Math.abs(Pixels.red(rgb) - 31) < 12
                && Math.abs(Pixels.green(rgb) - 119) < 12
                && Math.abs(Pixels.blue(rgb) - 180) < 12;
    }

    @Test
    void writesAReadablePngWithATitleDotsAndACaption() throws IOException {
        float[][] points = random(16, 256, 1);
        Path png = dir.resolve("plots/tokens.png");
        PcaScatter.write(png, points, WORDS, "Token embeddings of batch 0");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(960, image.getWidth());
        assertTrue(image.getHeight() > 600 && image.getHeight() < 900, "height " + image.getHeight());
        assertTrue(Pixels.inkIn(image, 0, 0, image.getWidth(), 40) > 100, "title drawn");
        assertTrue(
                Pixels.inkIn(image, 0, image.getHeight() - 60, image.getWidth(), image.getHeight()) > 100,
                "caption drawn");
        int dotPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                dotPixels += isDot(image.getRGB(x, y)) ? 1 : 0;
            }
        }
        // A dot of radius 4 fills about 30 pixels of the exact colour inside its outline.
        assertTrue(dotPixels > 16 * 15 && dotPixels < 16 * 60, "dot pixels " + dotPixels);
    }

    @Test
    void axisTitlesSayHowMuchVarianceEachComponentShows() {
        float[][] line = new float[5][3];
        for (int i = 0; i < 5; i++) {
            line[i] = new float[] {i, 2 * i, -i};
        }
        Pca pca = Pca.fit(line, 2);
        assertEquals("PC1 (100.0% of variance)", PcaScatter.axisLabel(pca, 0));
        assertEquals("PC2 (0.0% of variance)", PcaScatter.axisLabel(pca, 1));
    }

    @Test
    void theCaptionExplainsThePictureTheRepeatsAndTheNote() {
        float[][] points = {{1, 2}, {1, 2}, {3, 4}};
        DistinctPoints distinct = DistinctPoints.of(points, new String[] {"a", "a", "b"});
        String caption = PcaScatter.caption(distinct, 2, PcaScatter.RANDOM_INIT_NOTE);
        assertTrue(caption.startsWith("Each dot is one token's 2-dimensional embedding, projected to 2-D"), caption);
        assertTrue(caption.contains("2 distinct tokens of 3"), caption);
        assertTrue(caption.endsWith(PcaScatter.RANDOM_INIT_NOTE), caption);
        assertFalse(PcaScatter.caption(distinct, 2, null).contains("random"));
    }

    @Test
    void repeatedTokensAreDrawnOnceAndLabelledWithTheirCount() {
        float[][] points = {{1, 2}, {5, 6}, {1, 2}, {1, 2}, {9, 9}};
        String[] labels = {"the", "cat", "the", "the", "the"};
        DistinctPoints distinct = DistinctPoints.of(points, labels);
        assertEquals(3, distinct.points.length);
        assertArrayEquals(new int[] {3, 1, 1}, distinct.counts);
        assertEquals("the \u00d73", distinct.displayLabel(0));
        assertEquals("the", distinct.displayLabel(2), "the same text at another point is another dot");
        assertEquals(5, distinct.total);
    }

    @Test
    void everyDotIsDrawnWhereItsProjectionIsWithItsLabelBesideIt() {
        float[][] points = random(16, 256, 1);
        PcaScatter.Rendered r = PcaScatter.rendered(points, WORDS, "t", null);
        BufferedImage image = r.image();
        for (int i = 0; i < r.xy().length; i++) {
            int[] p = r.pixel(i);
            assertTrue(r.area().contains(p[0], p[1]), "dot " + i + " inside the plot");
            assertTrue(isDot(image.getRGB(p[0], p[1])), "dot " + i + " (" + r.texts()[i] + ") at its projection");
            assertTrue(
                    Pixels.inkIn(image, p[0] + 5, p[1] - 8, p[0] + 80, p[1] + 8) > 5,
                    "label " + r.texts()[i] + " right of its dot");
        }
    }

    @Test
    void bothAxesHaveTheSameScale() {
        PcaScatter.Rendered r = PcaScatter.rendered(random(12, 64, 3), java.util.Arrays.copyOf(WORDS, 12), "t", null);
        double xPixels = r.x().lengthToJava2D(1, r.area(), org.jfree.chart.ui.RectangleEdge.BOTTOM);
        double yPixels = r.y().lengthToJava2D(1, r.area(), org.jfree.chart.ui.RectangleEdge.LEFT);
        assertEquals(xPixels, yPixels, 1e-6 * xPixels, "pixels per unit along PC1 and PC2");
    }

    @Test
    void aSingleDistinctPointIsStillDrawn() {
        BufferedImage image =
                PcaScatter.render(new float[][] {{1, 2, 3}, {1, 2, 3}}, new String[] {"x", "x"}, "one token", null);
        assertEquals(960, image.getWidth());
    }

    @Test
    void rejectsALabelCountThatDiffersFromThePointCount() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PcaScatter.render(random(4, 8, 1), new String[] {"a", "b"}, "t", null));
        assertTrue(e.getMessage().contains("labels has 2 labels but there are 4 rows"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> PcaScatter.render(random(2, 8, 1), new String[] {"a", null}, "t", null));
        assertTrue(e.getMessage().contains("labels[1] is null"), e.getMessage());
    }

    @Test
    void rejectsOneDimensionalNanEmptyAndJaggedPoints() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> PcaScatter.render(new float[][] {{1}, {2}}, new String[] {"a", "b"}, "t", null));
        assertTrue(e.getMessage().contains("points have 1 dimension; expected at least 2"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> PcaScatter.render(new float[][] {{1, 2}, {Float.NaN, 2}}, new String[] {"a", "b"}, "t", null));
        assertTrue(e.getMessage().contains("points[1][0] is NaN"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> PcaScatter.render(new float[0][], new String[0], "t", null));
        assertTrue(e.getMessage().contains("points is empty"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> PcaScatter.render(new float[][] {{1, 2}, {1}}, new String[] {"a", "b"}, "t", null));
        assertTrue(e.getMessage().contains("points is jagged"), e.getMessage());
    }
}
