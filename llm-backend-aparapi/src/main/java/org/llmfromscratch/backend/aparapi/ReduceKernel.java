package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * First stage of a two-stage parallel reduction: work item {@code g} of {@link #workers} adds elements
 * {@code g, g + workers, ...} in double into {@code partial[g]} (a grid-stride loop, so neighbouring work
 * items read neighbouring elements); the host adds the few thousand partials. Accumulating in double
 * keeps the sum within the conformance suite's 1e-4 of a sequential double sum.
 *
 * <p>Modes: 0 sum of floats, 1 sum of squares of floats, 2 sum of ints, 3 sum of longs. Unused arrays
 * stay bound to 1-element placeholders, because Aparapi needs every field to be a non-null array.
 */
final class ReduceKernel extends Kernel {
    static final int SUM_FLOATS = 0;
    static final int SUM_SQUARES = 1;
    static final int SUM_INTS = 2;
    static final int SUM_LONGS = 3;

    float[] floats = new float[1];
    int[] ints = new int[1];
    long[] longs = new long[1];
    double[] partial = new double[1];
    int n;
    int workers;
    int mode;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < workers) {
            double s = 0;
            if (mode == SUM_FLOATS) {
                for (int k = g; k < n; k += workers) {
                    s += floats[k];
                }
            } else if (mode == SUM_SQUARES) {
                for (int k = g; k < n; k += workers) {
                    double v = floats[k];
                    s += v * v;
                }
            } else if (mode == SUM_INTS) {
                for (int k = g; k < n; k += workers) {
                    s += ints[k];
                }
            } else {
                for (int k = g; k < n; k += workers) {
                    s += longs[k];
                }
            }
            partial[g] = s;
        }
    }
}
