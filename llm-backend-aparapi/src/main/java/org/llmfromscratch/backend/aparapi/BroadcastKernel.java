package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * {@code out = a + b} or {@code a - b} with NumPy broadcasting, the general strided case: one work item
 * per output row (the last dimension). Each operand's offset is built from the row's multi-index and the
 * operand's strides, which are 0 along a broadcast dimension, so nothing is expanded in memory.
 */
final class BroadcastKernel extends Kernel {
    float[] out = new float[1];
    float[] a = new float[1];
    float[] b = new float[1];
    /** The output shape, rank {@link #rank} (at least 1). */
    int[] shape = new int[1];
    int[] aStrides = new int[1];
    int[] bStrides = new int[1];
    int rank = 1;
    int rows;
    int cols;
    /** 1 for subtraction, 0 for addition. */
    int subtract;

    @Override
    public void run() {
        int r = getGlobalId();
        if (r < rows) {
            int ao = 0;
            int bo = 0;
            int rest = r;
            for (int d = rank - 2; d >= 0; d--) {
                int extent = shape[d];
                int i = rest % extent;
                rest = rest / extent;
                ao += i * aStrides[d];
                bo += i * bStrides[d];
            }
            int sa = aStrides[rank - 1];
            int sb = bStrides[rank - 1];
            int o = r * cols;
            if (subtract == 1) {
                for (int k = 0; k < cols; k++) {
                    out[o + k] = a[ao + k * sa] - b[bo + k * sb];
                }
            } else {
                for (int k = 0; k < cols; k++) {
                    out[o + k] = a[ao + k * sa] + b[bo + k * sb];
                }
            }
        }
    }
}
