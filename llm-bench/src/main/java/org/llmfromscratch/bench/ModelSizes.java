package org.llmfromscratch.bench;

import java.util.Random;
import org.llmfromscratch.api.nn.GPTConfig;

/**
 * The sizes of the model benchmarks by their {@code workload} parameter: {@code GPT2} is the real one,
 * {@code QUICK} a smaller variant for a short check on a slow machine, {@code TUTORIAL} the tiny size the
 * smoke test runs.
 */
final class ModelSizes {
    private ModelSizes() {}

    /** A tiny GPT for the smoke test: 2 layers, 4 heads, width 64, vocabulary 512, context 32. */
    static final GPTConfig TINY = GPTConfig.GPT2_124M
            .withVocabSize(512)
            .withContextLength(32)
            .withEmbeddingDim(64)
            .withNumHeads(4)
            .withNumLayers(2);

    static GPTConfig config(String workload, GPTConfig real) {
        return workload.equals("TUTORIAL") ? TINY.withDropRate(real.dropRate()) : real;
    }

    static float[] randoms(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    static int[] ids(int n, int vocab, long seed) {
        Random r = new Random(seed);
        int[] x = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(vocab);
        }
        return x;
    }
}
