package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * The fused GPT input embedding {@code out[r, :] = tok[ids[r], :] + pos[r % seq, :]}, one pass, no
 * intermediate token tensor. Work item {@code g} owns row {@code g / lanes} and, of that row, the columns
 * {@code lane, lane + lanes, ...}: with {@code lanes == 1} it is one work item per row; with more lanes
 * neighbouring work items touch neighbouring floats (coalesced on a GPU). With one lane the loop has
 * a literal unit stride: PoCL then vectorizes it (a stride held in a field defeats LLVM's vectorizer;
 * measured 1.6-2.9 ms against 3.7-5.1 ms at GPT-2 size on PoCL, same JVM).
 *
 * <p>Aparapi rules kept here: only primitive and primitive-array fields are read in {@link #run()}, no
 * calls, no lambdas; the class is compiled with {@code -g}.
 */
final class EmbedKernel extends Kernel {
    float[] out = new float[1];
    float[] tok = new float[1];
    float[] pos = new float[1];
    int[] ids = new int[1];
    int items;
    int lanes = 1;
    int cols;
    int seq = 1;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int row = g / lanes;
            int lane = g - row * lanes;
            int o = row * cols;
            int t = ids[row] * cols;
            int p = (row % seq) * cols;
            if (lanes == 1) {
                for (int k = 0; k < cols; k++) {
                    out[o + k] = tok[t + k] + pos[p + k];
                }
            } else {
                for (int k = lane; k < cols; k += lanes) {
                    out[o + k] = tok[t + k] + pos[p + k];
                }
            }
        }
    }
}
