package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * The embedding backward {@code out[ids[i], :] += src[i, :]} without atomics: work item {@code c} owns
 * column {@code c} of every row and walks the ids in order, so repeated ids add in the order of
 * {@code i}, exactly as the reference, and every run gives the same bits. Ids of -1 are skipped.
 */
final class ScatterRowsKernel extends Kernel {
    float[] src = new float[1];
    float[] out = new float[1];
    int[] ids = new int[1];
    int count;
    int cols;

    @Override
    public void run() {
        int c = getGlobalId();
        if (c < cols) {
            for (int i = 0; i < count; i++) {
                int r = ids[i];
                if (r >= 0) {
                    int at = r * cols + c;
                    out[at] = out[at] + src[i * cols + c];
                }
            }
        }
    }
}
