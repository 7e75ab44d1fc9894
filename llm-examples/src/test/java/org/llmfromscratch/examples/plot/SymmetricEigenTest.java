package org.llmfromscratch.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void findsTheKnownEigenvaluesOfASmallMatrixLargestFirst() {
        SymmetricEigen eigen = SymmetricEigen.of(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        assertArrayEquals(new double[] {5, 3, 1}, eigen.values, 1e-12);
        double s = Math.sqrt(0.5);
        assertEquals(1.0, Math.abs(eigen.vectors[1][0] * s + eigen.vectors[1][1] * s), 1e-12);
    }

    @Test
    void everyPairSatisfiesAvEqualsLambdaVOnARandomSymmetricMatrix() {
        int n = 24;
        Random random = new Random(1);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = random.nextGaussian();
                a[j][i] = a[i][j];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(a);
        for (int k = 0; k < n; k++) {
            double[] v = eigen.vectors[k];
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(eigen.values[k] * v[i], av, 1e-10, "pair " + k + " row " + i);
            }
            if (k > 0) {
                assertEquals(true, eigen.values[k] <= eigen.values[k - 1]);
            }
        }
    }
}
