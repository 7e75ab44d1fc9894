package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * The embedding lookup {@code out[r, :] = table[ids[r], :]}, laid out over work items like
 * {@link EmbedKernel}: row {@code g / lanes}, columns {@code lane, lane + lanes, ...}; one lane takes a
 * literal unit-stride loop, which PoCL vectorizes.
 */
final class GatherRowsKernel extends Kernel {
    float[] out = new float[1];
    float[] table = new float[1];
    int[] ids = new int[1];
    int items;
    int lanes = 1;
    int cols;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int row = g / lanes;
            int lane = g - row * lanes;
            int o = row * cols;
            int t = ids[row] * cols;
            if (lanes == 1) {
                for (int k = 0; k < cols; k++) {
                    out[o + k] = table[t + k];
                }
            } else {
                for (int k = lane; k < cols; k += lanes) {
                    out[o + k] = table[t + k];
                }
            }
        }
    }
}
