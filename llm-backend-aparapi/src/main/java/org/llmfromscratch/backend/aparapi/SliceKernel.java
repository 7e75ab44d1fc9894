package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * A slice seen as {@code [outer, dimSize, inner]}: block {@code o} copies {@code len = (end - start) * inner}
 * contiguous elements from {@code src[o * srcBlock + off ...]}. Work item {@code g} owns block
 * {@code g / lanes} and its elements {@code lane, lane + lanes, ...}. One class serves all three dtypes
 * ({@link #dtype} 0 float, 1 int, 2 long); the unused pairs stay bound to 1-element placeholders.
 */
final class SliceKernel extends Kernel {
    static final int FLOATS = 0;
    static final int INTS = 1;
    static final int LONGS = 2;

    float[] floatSrc = new float[1];
    float[] floatDst = new float[1];
    int[] intSrc = new int[1];
    int[] intDst = new int[1];
    long[] longSrc = new long[1];
    long[] longDst = new long[1];
    int items;
    int lanes = 1;
    int len;
    int srcBlock;
    int off;
    int dtype;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int block = g / lanes;
            int lane = g - block * lanes;
            int s = block * srcBlock + off;
            int d = block * len;
            if (dtype == FLOATS) {
                for (int k = lane; k < len; k += lanes) {
                    floatDst[d + k] = floatSrc[s + k];
                }
            } else if (dtype == INTS) {
                for (int k = lane; k < len; k += lanes) {
                    intDst[d + k] = intSrc[s + k];
                }
            } else {
                for (int k = lane; k < len; k += lanes) {
                    longDst[d + k] = longSrc[s + k];
                }
            }
        }
    }
}
