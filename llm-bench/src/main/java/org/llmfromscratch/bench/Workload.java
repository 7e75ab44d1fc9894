package org.llmfromscratch.bench;

import org.llmfromscratch.api.nn.GPTConfig;

/** The two embedding workloads every backend is measured on. */
public enum Workload {
    /** GPT-2 124M: vocab 50257, dim 768, context 1024, batch 8: 25 MB of output per call. */
    GPT2(GPTConfig.GPT2_124M, 8, 1024),
    /** The tutorial's first batch: batch 8, context 4, dim 256. */
    TUTORIAL(GPTConfig.GPT2_124M.withContextLength(4).withEmbeddingDim(256), 8, 4);

    final GPTConfig config;
    final int batch;
    final int seq;

    Workload(GPTConfig config, int batch, int seq) {
        this.config = config;
        this.batch = batch;
        this.seq = seq;
    }

    /** Bytes of float32 output per forward call. */
    public long outputBytes() {
        return 4L * batch * seq * config.embeddingDim();
    }

    /** Bytes moved per call, counted like the copy yardstick: output rows read plus written. */
    public long bytesMoved() {
        return 2 * outputBytes();
    }

    /** Uniform random token ids [batch, seq], fixed seed. */
    public int[][] ids() {
        java.util.Random r = new java.util.Random(42);
        int[][] ids = new int[batch][seq];
        for (int[] row : ids) {
            for (int t = 0; t < seq; t++) {
                row[t] = r.nextInt(config.vocabSize());
            }
        }
        return ids;
    }
}
