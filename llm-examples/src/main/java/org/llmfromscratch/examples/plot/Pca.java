package org.llmfromscratch.examples.plot;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Principal component analysis: the directions along which a cloud of points spreads most, as in
 * scikit-learn's {@code PCA(n_components=k).fit(points)}. The points are centred on their mean; the
 * components are the top right singular vectors of the centred points (Apache Commons Math's SVD), which
 * are the top eigenvectors of the covariance matrix.
 *
 * <p>Signs are fixed so pictures are reproducible: in each component, the coordinate of largest
 * magnitude (the first one on a tie) is positive.
 *
 * <pre>{@code
 * Pca pca = Pca.fit(embeddings, 2);
 * double[][] xy = pca.project(embeddings);           // [n][2]
 * double share = pca.explainedVarianceRatio(0);      // e.g. 0.07 for random 256-d vectors
 * }</pre>
 */
public final class Pca {

    private final double[] mean;
    private final double[][] components;
    private final double[] variances;
    private final double totalVariance;

    private Pca(double[] mean, double[][] components, double[] variances, double totalVariance) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
        this.totalVariance = totalVariance;
    }

    /**
     * Finds the top {@code components} principal components of {@code points}.
     *
     * @param points     one point per row: a non-empty rectangular matrix of finite numbers
     * @param components how many components to keep, 1 to the points' dimension
     * @throws IllegalArgumentException on bad points or a component count out of range
     */
    public static Pca fit(float[][] points, int components) {
        int[] shape = PlotInput.requireMatrix(points, "points");
        int n = shape[0];
        int d = shape[1];
        if (components < 1 || components > d) {
            throw new IllegalArgumentException(
                    "components is " + components + "; expected 1 to " + d + " (the points' dimension)");
        }
        double[] mean = new double[d];
        for (float[] p : points) {
            for (int j = 0; j < d; j++) {
                mean[j] += p[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] x = new double[n][d];
        double sumOfSquares = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = points[i][j] - mean[j];
                sumOfSquares += x[i][j] * x[i][j];
            }
        }
        // Sample covariance, as scikit-learn and numpy.cov report it; one point has no spread at all.
        double denominator = Math.max(1, n - 1);
        double[][] vectors = topRightSingularVectors(x, d, components);
        double[] variances = new double[components];
        for (int k = 0; k < components; k++) {
            fixSign(vectors[k]);
            double spread = 0;
            for (double[] row : x) {
                double projection = dot(row, vectors[k]);
                spread += projection * projection;
            }
            variances[k] = spread / denominator;
        }
        return new Pca(mean, vectors, variances, sumOfSquares / denominator);
    }

    /**
     * The top {@code k} right singular vectors of the centred points {@code x} (Commons Math's SVD, which
     * works on the smaller side: 32 points of 256 dimensions cost a 32 x 32 problem), i.e. the top
     * eigenvectors of the covariance matrix. When the points span fewer than {@code k} directions (one
     * point, or fewer points than components) the rest are completed to an orthonormal set.
     */
    private static double[][] topRightSingularVectors(double[][] x, int d, int k) {
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(x, false));
        RealMatrix v = svd.getV();
        double[] singular = svd.getSingularValues();
        double tolerance = singular.length == 0 ? 0 : Math.max(1e-12, singular[0] * 1e-9);
        double[][] vectors = new double[k][];
        int found = 0;
        for (int j = 0; j < singular.length && found < k; j++) {
            if (singular[j] > tolerance) {
                vectors[found++] = v.getColumn(j);
            }
        }
        for (int axis = 0; found < k && axis < d; axis++) {
            double[] e = new double[d];
            e[axis] = 1;
            for (int m = 0; m < found; m++) {
                double overlap = dot(e, vectors[m]);
                for (int j = 0; j < d; j++) {
                    e[j] -= overlap * vectors[m][j];
                }
            }
            if (Math.sqrt(dot(e, e)) > 1e-6) {
                normalise(e);
                vectors[found++] = e;
            }
        }
        return vectors;
    }

    private static void fixSign(double[] v) {
        int largest = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[largest]) + 1e-12) {
                largest = j;
            }
        }
        if (v[largest] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }

    private static void normalise(double[] v) {
        double length = Math.sqrt(dot(v, v));
        for (int j = 0; j < v.length; j++) {
            v[j] /= length;
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += a[j] * b[j];
        }
        return sum;
    }

    /** The number of components kept. */
    public int componentCount() {
        return components.length;
    }

    /** The dimension of the points. */
    public int dimension() {
        return mean.length;
    }

    /** The mean point, subtracted before projecting (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Component {@code index} (0 = the direction of largest spread) as a unit vector (a copy). */
    public double[] component(int index) {
        return components[checkIndex(index)].clone();
    }

    /** The sample variance of the points along component {@code index}. */
    public double explainedVariance(int index) {
        return variances[checkIndex(index)];
    }

    /** The share of the total variance along component {@code index}, 0 to 1 (0 when the points do not spread). */
    public double explainedVarianceRatio(int index) {
        double variance = variances[checkIndex(index)];
        return totalVariance > 0 ? variance / totalVariance : 0;
    }

    /** The sum of the variances along every dimension (the trace of the covariance matrix). */
    public double totalVariance() {
        return totalVariance;
    }

    /**
     * Coordinates of {@code points} along the components: {@code (p - mean) · component(k)}.
     *
     * @return one row per point, one column per component
     * @throws IllegalArgumentException on bad points or points of another dimension
     */
    public double[][] project(float[][] points) {
        int[] shape = PlotInput.requireMatrix(points, "points");
        if (shape[1] != mean.length) {
            throw new IllegalArgumentException("points have " + shape[1] + " dimensions; expected " + mean.length
                    + ", the dimension this PCA was fitted on");
        }
        double[][] out = new double[shape[0]][components.length];
        double[] centred = new double[mean.length];
        for (int i = 0; i < shape[0]; i++) {
            for (int j = 0; j < mean.length; j++) {
                centred[j] = points[i][j] - mean[j];
            }
            for (int k = 0; k < components.length; k++) {
                out[i][k] = dot(centred, components[k]);
            }
        }
        return out;
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= components.length) {
            throw new IndexOutOfBoundsException("component " + index + "; expected 0 to " + (components.length - 1));
        }
        return index;
    }
}
