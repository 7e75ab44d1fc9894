package org.llmfromscratch.backend.java;

/** The fused inner loop of the embedding forward, kept tiny so that C2 inlines and vectorizes it. */
final class EmbedRow {
    private EmbedRow() {
    }

    /** {@code out[o..o+n) = tok[t..t+n) + pos[p..p+n)}. */
    static void sum(float[] out, int o, float[] tok, int t, float[] pos, int p, int n) {
        for (int k = 0; k < n; k++) {
            out[o + k] = tok[t + k] + pos[p + k];
        }
    }
}
