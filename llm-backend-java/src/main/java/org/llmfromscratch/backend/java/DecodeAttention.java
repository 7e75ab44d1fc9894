package org.llmfromscratch.backend.java;

import java.util.Arrays;
import org.llmfromscratch.api.spi.AttentionSpec;

/**
 * Attention for a few queries per head: generating with a key-value cache, where one new token attends over
 * up to the whole context. Per query row: the scores against every visible key as dot products
 * ({@link Gemm#dot}), their softmax, and the weighted sum of the value rows ({@link Gemm#axpy}); the rows of
 * all heads are split across threads. {@link FusedAttention} packs 64-key tiles for blocks of 64 queries,
 * which with one query costs more than the product itself; here each key and value row is read once, where
 * it lies (also inside a cache buffer with more rows than are filled).
 *
 * <p>Scores are {@code (q . k) / (float) sqrt(D)}, the masked keys never computed (every query sees at least
 * its own position). Each row's result is computed by one thread in a fixed order: the same bits on every
 * thread count.
 */
final class DecodeAttention {
    /** Up to this many queries per head take this kernel; more take the tiled one. */
    static final int MAX_QUERIES = 8;

    private final Gemm gemm;
    private final RowSplitter splitter;
    /** Each thread's scores, kept between calls: a token's twelve layers would otherwise allocate them anew. */
    private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

    DecodeAttention(Gemm gemm, RowSplitter splitter) {
        this.gemm = gemm;
        this.splitter = splitter;
    }

    /** True when {@code s} has few enough queries per head for this kernel. */
    static boolean suits(AttentionSpec s) {
        return s.queries() <= MAX_QUERIES;
    }

    /**
     * {@code out = attention(q, k, v)} for {@code s}, with {@code keyRows} rows per head in {@code k} and
     * {@code v} (at least {@code s.keys()}; a cache buffer may hold more).
     */
    void forward(float[] q, float[] k, float[] v, AttentionSpec s, int keyRows, float[] out) {
        int tq = s.queries();
        int tk = s.keys();
        int d = s.headDim();
        float div = (float) Math.sqrt(d);
        long work = (long) s.batchHeads() * tq * tk * d;
        splitter.forEachBalanced(s.batchHeads() * tq, splitter.worthSplitting(work / 8), 1, (from, to) -> {
            float[] buffer = scratch.get();
            if (buffer.length < tk + d) {
                buffer = new float[tk + d];
                scratch.set(buffer);
            }
            float[] scores = buffer; // [0, tk): scores; [tk, tk + d): the weighted sum of values
            int acc = tk;
            for (int item = from; item < to; item++) {
                int h = item / tq;
                int i = item % tq;
                int qo = item * d;
                int kBase = h * keyRows * d;
                int n = s.causal() ? Math.min(tk, s.causalOffset() + i + 1) : tk;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    float x = gemm.dot(q, qo, k, kBase + j * d, d) / div;
                    scores[j] = x;
                    if (x > max) {
                        max = x;
                    }
                }
                float sum = 0;
                Arrays.fill(scores, acc, acc + d, 0f);
                for (int j = 0; j < n; j++) {
                    float e = (float) Math.exp(scores[j] - max);
                    sum += e;
                    gemm.axpy(e, v, kBase + j * d, scores, acc, d);
                }
                for (int c = 0; c < d; c++) {
                    out[qo + c] = scores[acc + c] / sum;
                }
            }
        });
    }
}
