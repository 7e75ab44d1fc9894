package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * A reduction along the middle dimension of {@code [outer, dim, inner]}. Work item {@code g} owns output
 * element {@code e = g / parts} and the contiguous part {@code g % parts} of the reduced dimension. With
 * one part it writes the float result into {@link #out} directly; with several (few outputs, a long
 * dimension) it writes a partial into {@link #partialSum} or {@link #partialMax} and the host combines the
 * parts in order. Sums accumulate in double (the device needs {@code cl_khr_fp64}); the maximum is NaN as
 * soon as one element is NaN, and otherwise keeps the first of equal values, as the reference.
 */
final class ReduceAxisKernel extends Kernel {
    static final int SUM = 0;
    static final int MAX = 1;

    float[] a = new float[1];
    float[] out = new float[1];
    double[] partialSum = new double[1];
    float[] partialMax = new float[1];
    int dim;
    int inner;
    int parts = 1;
    int partLen;
    int items;
    int op;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int e = g / parts;
            int p = g - e * parts;
            int o = e / inner;
            int j = e - o * inner;
            int d0 = p * partLen;
            int d1 = d0 + partLen;
            if (d1 > dim) {
                d1 = dim;
            }
            int base = o * dim * inner + j;
            if (op == SUM) {
                double s = 0;
                for (int d = d0; d < d1; d++) {
                    s += a[base + d * inner];
                }
                if (parts == 1) {
                    out[e] = (float) s;
                } else {
                    partialSum[g] = s;
                }
            } else {
                float m = a[base + d0 * inner];
                for (int d = d0 + 1; d < d1; d++) {
                    float v = a[base + d * inner];
                    if (v > m || v != v) {
                        if (m == m) {
                            m = v;
                        }
                    }
                }
                if (parts == 1) {
                    out[e] = m;
                } else {
                    partialMax[g] = m;
                }
            }
        }
    }
}
