package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * {@code a.permute(perm).contiguous()}: work item {@code g} writes output row {@code g} (the last output
 * dimension), walking the source with {@link #walk}, the source stride of each output dimension. One
 * class serves all three dtypes ({@link #dtype} 0 float, 1 int, 2 long); unused arrays stay bound to
 * 1-element placeholders.
 */
final class PermuteKernel extends Kernel {
    float[] floatSrc = new float[1];
    float[] floatDst = new float[1];
    int[] intSrc = new int[1];
    int[] intDst = new int[1];
    long[] longSrc = new long[1];
    long[] longDst = new long[1];
    /** The output shape. */
    int[] shape = new int[1];

    int[] walk = new int[1];
    int rank = 1;
    int cols;
    int rows;
    int dtype;

    @Override
    public void run() {
        int r = getGlobalId();
        if (r < rows) {
            int so = 0;
            int rest = r;
            for (int d = rank - 2; d >= 0; d--) {
                int extent = shape[d];
                int i = rest % extent;
                rest = rest / extent;
                so += i * walk[d];
            }
            int step = walk[rank - 1];
            int o = r * cols;
            if (dtype == 0) {
                for (int c = 0; c < cols; c++) {
                    floatDst[o + c] = floatSrc[so + c * step];
                }
            } else if (dtype == 1) {
                for (int c = 0; c < cols; c++) {
                    intDst[o + c] = intSrc[so + c * step];
                }
            } else {
                for (int c = 0; c < cols; c++) {
                    longDst[o + c] = longSrc[so + c * step];
                }
            }
        }
    }
}
