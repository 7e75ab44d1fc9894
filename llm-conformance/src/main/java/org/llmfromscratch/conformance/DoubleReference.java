package org.llmfromscratch.conformance;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Plain double-precision loops for the gradient checks: the semantics of each op, written the obvious way. */
final class DoubleReference {
    private DoubleReference() {}

    static double[] map(double[] x, DoubleUnaryOperator f) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = f.applyAsDouble(x[i]);
        }
        return out;
    }

    /** {@code a op b} with NumPy broadcasting of {@code aShape} and {@code bShape} (same rank). */
    static double[] broadcast(double[] a, int[] aShape, double[] b, int[] bShape, DoubleBinaryOperator op) {
        int rank = aShape.length;
        int[] out = new int[rank];
        int total = 1;
        for (int d = 0; d < rank; d++) {
            out[d] = Math.max(aShape[d], bShape[d]);
            total *= out[d];
        }
        double[] r = new double[total];
        int[] idx = new int[rank];
        for (int i = 0; i < total; i++) {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rest % out[d];
                rest /= out[d];
            }
            r[i] = op.applyAsDouble(a[offset(idx, aShape)], b[offset(idx, bShape)]);
        }
        return r;
    }

    private static int offset(int[] idx, int[] shape) {
        int o = 0;
        for (int d = 0; d < shape.length; d++) {
            o = o * shape[d] + (shape[d] == 1 ? 0 : idx[d]);
        }
        return o;
    }

    /** {@code [batch, m, k] @ [batch or 1, k, n]}. */
    static double[] matmul(double[] a, double[] b, int batch, int m, int k, int n, boolean bShared) {
        double[] out = new double[batch * m * n];
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[t * m * k + i * k + p] * b[(bShared ? 0 : t * k * n) + p * n + j];
                    }
                    out[t * m * n + i * n + j] = s;
                }
            }
        }
        return out;
    }

    /** Softmax (or log-softmax) along the middle dimension of {@code [outer, dim, inner]}. */
    static double[] softmax(double[] x, int outer, int dim, int inner, boolean log) {
        double[] out = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int d = 0; d < dim; d++) {
                    max = Math.max(max, x[(o * dim + d) * inner + j]);
                }
                double sum = 0;
                for (int d = 0; d < dim; d++) {
                    sum += Math.exp(x[(o * dim + d) * inner + j] - max);
                }
                for (int d = 0; d < dim; d++) {
                    double v = x[(o * dim + d) * inner + j] - max;
                    out[(o * dim + d) * inner + j] = log ? v - Math.log(sum) : Math.exp(v) / sum;
                }
            }
        }
        return out;
    }

    /** Sum (or max) along the middle dimension of {@code [outer, dim, inner]}. */
    static double[] reduce(double[] x, int outer, int dim, int inner, boolean max) {
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double s = max ? Double.NEGATIVE_INFINITY : 0;
                for (int d = 0; d < dim; d++) {
                    double v = x[(o * dim + d) * inner + j];
                    s = max ? Math.max(s, v) : s + v;
                }
                out[o * inner + j] = s;
            }
        }
        return out;
    }

    /** {@code x.permute(perm)} of a tensor of {@code shape}. */
    static double[] permute(double[] x, int[] shape, int[] perm) {
        int rank = shape.length;
        int[] outShape = new int[rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = shape[perm[d]];
        }
        double[] out = new double[x.length];
        int[] idx = new int[rank];
        int[] src = new int[rank];
        for (int i = 0; i < x.length; i++) {
            int rest = i;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d] = rest % outShape[d];
                rest /= outShape[d];
            }
            for (int d = 0; d < rank; d++) {
                src[perm[d]] = idx[d];
            }
            int o = 0;
            for (int d = 0; d < rank; d++) {
                o = o * shape[d] + src[d];
            }
            out[i] = x[o];
        }
        return out;
    }

    static double gelu(double x) {
        return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }
}
