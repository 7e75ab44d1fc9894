package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * First stage of a two-stage parallel reduction: work item {@code g} of {@link #workers} adds elements
 * {@code g, g + workers, ...} in double into {@code partial[g]} (a grid-stride loop, so neighbouring work
 * items read neighbouring elements); the host adds the few thousand partials. Accumulating in double
 * keeps the sum within a few double roundings of a sequential double sum, as the conformance suite asks.
 *
 * <p>Modes: 0 sum of floats, 1 sum of squares of floats (integer tensors are summed by the API, on the host).
 */
final class ReduceKernel extends Kernel {
    static final int SUM_FLOATS = 0;
    static final int SUM_SQUARES = 1;

    float[] floats = new float[1];
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
            } else {
                for (int k = g; k < n; k += workers) {
                    double v = floats[k];
                    s += v * v;
                }
            }
            partial[g] = s;
        }
    }
}
