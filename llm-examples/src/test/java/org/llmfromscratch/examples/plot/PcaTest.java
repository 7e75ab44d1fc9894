package org.llmfromscratch.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

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

    @Test
    void pointsOnALineHaveAllTheirVarianceAlongTheLine() {
        double[] direction = {1, 2, -3, 0.5, 1};
        double length = Math.sqrt(dot(direction, direction));
        float[][] points = new float[9][5];
        for (int i = 0; i < 9; i++) {
            double t = i - 3;
            for (int j = 0; j < 5; j++) {
                points[i][j] = (float) (10 + j + t * direction[j] / length);
            }
        }
        Pca pca = Pca.fit(points, 2);
        assertEquals(1.0, pca.explainedVarianceRatio(0), 1e-9);
        assertEquals(0.0, pca.explainedVarianceRatio(1), 1e-9);
        double[] component = pca.component(0);
        assertEquals(1.0, Math.abs(dot(component, direction)) / length, 1e-9);
        assertTrue(component[2] > 0, "sign convention: the largest coordinate (-3 on the line) is made positive");
        assertEquals(7.5, pca.explainedVariance(0), 1e-5, "t = -3..5 has sample variance 7.5");
    }

    @Test
    void aLineIn256DimensionsWithFewerPointsThanDimensionsToo() {
        float[][] points = new float[10][256];
        Random random = new Random(3);
        double[] direction = new double[256];
        for (int j = 0; j < 256; j++) {
            direction[j] = random.nextGaussian();
        }
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 256; j++) {
                points[i][j] = (float) (i * direction[j]);
            }
        }
        Pca pca = Pca.fit(points, 2);
        assertEquals(1.0, pca.explainedVarianceRatio(0), 1e-6);
        assertEquals(1.0, Math.abs(dot(pca.component(0), direction)) / Math.sqrt(dot(direction, direction)), 1e-6);
    }

    @Test
    void matchesTheExactEigenDecompositionOfA2x2Covariance() {
        float[][] points = {{2, 0}, {0, 1}, {-2, 0.5f}, {0, -1}, {1, 1}, {-1, -1.5f}, {3, 2}};
        int n = points.length;
        double mx = 0;
        double my = 0;
        for (float[] p : points) {
            mx += p[0] / (double) n;
            my += p[1] / (double) n;
        }
        double a = 0;
        double b = 0;
        double c = 0;
        for (float[] p : points) {
            a += (p[0] - mx) * (p[0] - mx) / (n - 1);
            b += (p[0] - mx) * (p[1] - my) / (n - 1);
            c += (p[1] - my) * (p[1] - my) / (n - 1);
        }
        double root = Math.sqrt((a - c) * (a - c) / 4 + b * b);
        double lambda1 = (a + c) / 2 + root;
        double lambda2 = (a + c) / 2 - root;
        double[] v1 = {b, lambda1 - a};
        double norm = Math.sqrt(dot(v1, v1));

        Pca pca = Pca.fit(points, 2);
        assertEquals(lambda1, pca.explainedVariance(0), 1e-9);
        assertEquals(lambda2, pca.explainedVariance(1), 1e-9);
        assertEquals(lambda1 / (lambda1 + lambda2), pca.explainedVarianceRatio(0), 1e-9);
        assertEquals(1.0, Math.abs(dot(pca.component(0), v1)) / norm, 1e-9);
        assertEquals(0.0, dot(pca.component(0), pca.component(1)), 1e-12);
        assertArrayEquals(new double[] {mx, my}, pca.mean(), 1e-9);
    }

    @Test
    void fewerPointsThanDimensionsGivesTheSameAnswerAsMorePoints() {
        // 32 points in 20-D take the covariance route; padded with zeros to 40-D they take the XXᵀ route.
        float[][] small = random(32, 20, 11);
        float[][] padded = new float[32][40];
        for (int i = 0; i < 32; i++) {
            System.arraycopy(small[i], 0, padded[i], 0, 20);
        }
        Pca direct = Pca.fit(small, 3);
        Pca viaGram = Pca.fit(padded, 3);
        for (int k = 0; k < 3; k++) {
            assertEquals(direct.explainedVariance(k), viaGram.explainedVariance(k), 1e-9);
            double[] a = direct.component(k);
            double[] b = viaGram.component(k);
            for (int j = 0; j < 40; j++) {
                assertEquals(j < 20 ? a[j] : 0, b[j], 1e-9, "component " + k + " coordinate " + j);
            }
        }
        assertEquals(direct.totalVariance(), viaGram.totalVariance(), 1e-9);
    }

    @Test
    void componentsAreOrthonormalAndProjectionsHaveTheirVariancesAndDoNotCorrelate() {
        float[][] points = random(32, 256, 5);
        Pca pca = Pca.fit(points, 2);
        assertEquals(1.0, dot(pca.component(0), pca.component(0)), 1e-12);
        assertEquals(1.0, dot(pca.component(1), pca.component(1)), 1e-12);
        assertEquals(0.0, dot(pca.component(0), pca.component(1)), 1e-12);
        double[][] xy = pca.project(points);
        double[] variance = new double[2];
        double covariance = 0;
        for (double[] p : xy) {
            variance[0] += p[0] * p[0] / 31;
            variance[1] += p[1] * p[1] / 31;
            covariance += p[0] * p[1] / 31;
        }
        assertEquals(pca.explainedVariance(0), variance[0], 1e-9);
        assertEquals(pca.explainedVariance(1), variance[1], 1e-9);
        assertEquals(0.0, covariance, 1e-9);
        assertTrue(pca.explainedVarianceRatio(0) >= pca.explainedVarianceRatio(1));
        assertTrue(pca.explainedVarianceRatio(0) + pca.explainedVarianceRatio(1) < 1);
    }

    @Test
    void theResultIsReproducibleAndEachComponentsLargestCoordinateIsPositive() {
        float[][] points = random(32, 256, 9);
        Pca first = Pca.fit(points, 2);
        Pca second = Pca.fit(points, 2);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(first.component(k), second.component(k));
            double[] v = first.component(k);
            int largest = 0;
            for (int j = 1; j < v.length; j++) {
                if (Math.abs(v[j]) > Math.abs(v[largest])) {
                    largest = j;
                }
            }
            assertTrue(v[largest] > 0, "component " + k);
        }
    }

    @Test
    void identicalPointsHaveNoSpreadButStillUnitOrthogonalComponents() {
        Pca pca = Pca.fit(new float[][] {{1, 2, 3}, {1, 2, 3}}, 2);
        assertEquals(0.0, pca.totalVariance());
        assertEquals(0.0, pca.explainedVarianceRatio(0));
        assertEquals(1.0, dot(pca.component(0), pca.component(0)), 1e-12);
        assertEquals(0.0, dot(pca.component(0), pca.component(1)), 1e-12);
        assertArrayEquals(new double[] {0, 0}, pca.project(new float[][] {{1, 2, 3}})[0], 1e-12);
    }

    @Test
    void rejectsAComponentCountOutsideOneToTheDimension() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[][] {{1, 2}, {3, 4}}, 3));
        assertTrue(e.getMessage().contains("components is 3; expected 1 to 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[][] {{1, 2}}, 0));
    }

    @Test
    void rejectsBadPointsAndProjectingPointsOfAnotherDimension() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[][] {{1, Float.NaN}}, 1));
        assertTrue(e.getMessage().contains("points[0][1] is NaN"), e.getMessage());
        Pca pca = Pca.fit(new float[][] {{1, 2}, {3, 5}}, 1);
        e = assertThrows(IllegalArgumentException.class, () -> pca.project(new float[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("points have 3 dimensions; expected 2"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> pca.component(1));
    }
}
