package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * Copies {@code blocks} contiguous runs of {@link #len} floats, {@code src[b * len ...]} to
 * {@code dst[dstOff + b * dstBlock ...]}: one part of a concatenation, or (one block) a whole copy. Work
 * item {@code g} owns block {@code g / segs} and its segment {@code g % segs} of {@link #seg} elements.
 */
final class CopyBlocksKernel extends Kernel {
    float[] src = new float[1];
    float[] dst = new float[1];
    int len;
    int dstOff;
    int dstBlock;
    int seg = 1;
    int segs = 1;
    int items;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int blk = g / segs;
            int s = g - blk * segs;
            int k0 = s * seg;
            int k1 = k0 + seg;
            if (k1 > len) {
                k1 = len;
            }
            int so = blk * len;
            int d = dstOff + blk * dstBlock;
            for (int k = k0; k < k1; k++) {
                dst[d + k] = src[so + k];
            }
        }
    }
}
