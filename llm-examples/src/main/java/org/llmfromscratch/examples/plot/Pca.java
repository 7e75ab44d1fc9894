package org.llmfromscratch.examples.plot;

/**
 * Principal component analysis: the directions along which a cloud of points spreads most, as in
 * scikit-learn's {@code PCA(n_components=k).fit(points)}. The points are centred on their mean; the
 * components are the top eigenvectors of the covariance matrix, computed from the smaller of
 * {@code XᵀX} (dimension x dimension) and {@code XXᵀ} (points x points), so 32 points of 256 dimensions
 * cost a 32 x 32 eigenproblem.
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
            throw new IllegalArgumentException("components is " + components + "; expected 1 to " + d
                    + " (the points' dimension)");
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
        double[][] vectors = d <= n ? fromCovariance(x, d, components) : fromGram(x, n, d, components);
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

    /** Eigenvectors of XᵀX directly: the cheaper route when there are at least as many points as dimensions. */
    private static double[][] fromCovariance(double[][] x, int d, int k) {
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    c[a][b] += row[a] * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                c[a][b] = c[b][a];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(c);
        double[][] vectors = new double[k][];
        System.arraycopy(eigen.vectors, 0, vectors, 0, k);
        return vectors;
    }

    /**
     * Eigenvectors of XXᵀ (u, with eigenvalue λ) map to those of XᵀX as v = Xᵀu / √λ. Directions with no
     * spread (λ ≈ 0, e.g. more components than distinct points) are completed with unit vectors
     * orthogonal to the others, so every component is still a unit vector.
     */
    private static double[][] fromGram(double[][] x, int n, int d, int k) {
        double[][] gram = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                gram[a][b] = dot(x[a], x[b]);
                gram[b][a] = gram[a][b];
            }
        }
        SymmetricEigen eigen = SymmetricEigen.of(gram);
        double largest = Math.max(eigen.values[0], 0);
        double[][] vectors = new double[k][];
        int found = 0;
        for (; found < Math.min(k, n); found++) {
            double lambda = eigen.values[found];
            if (!(lambda > 1e-12 * largest) || lambda <= 0) {
                break;
            }
            double[] v = new double[d];
            double[] u = eigen.vectors[found];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    v[j] += x[i][j] * u[i];
                }
            }
            normalise(v);
            vectors[found] = v;
        }
        for (int basis = 0; found < k && basis < d; basis++) {
            double[] v = new double[d];
            v[basis] = 1;
            for (int m = 0; m < found; m++) {
                double overlap = dot(v, vectors[m]);
                for (int j = 0; j < d; j++) {
                    v[j] -= overlap * vectors[m][j];
                }
            }
            if (Math.sqrt(dot(v, v)) > 1e-6) {
                normalise(v);
                vectors[found++] = v;
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
            throw new IllegalArgumentException("points have " + shape[1] + " dimensions; expected "
                    + mean.length + ", the dimension this PCA was fitted on");
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
