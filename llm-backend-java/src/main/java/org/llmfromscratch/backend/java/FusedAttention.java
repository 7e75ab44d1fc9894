package org.llmfromscratch.backend.java;

import java.util.Arrays;
import org.llmfromscratch.api.spi.AttentionSpec;

/**
 * Scaled dot-product attention without the {@code [BH, Tq, Tk]} weights (FlashAttention's idea): each task
 * takes one block of {@link #BQ} query rows of one head and walks the key blocks of {@link #BK} keys with an
 * online softmax (a running max and sum per row, the accumulator rescaled when the max grows), skipping the
 * key blocks a causal mask hides entirely. The only working memory is per thread: a transposed key (or
 * value) tile, a row of scores and the block's accumulator, a few tens of kilobytes.
 *
 * <p>Scores are {@code (q . k) / (float) sqrt(D)} with masked keys never computed (the composition's
 * {@code -inf}, whose weight is exactly 0). The backward recomputes the weights from the row max and sum a
 * forward pass leaves, in two passes so that no two threads ever add into one row: {@code dQ} by query
 * block, {@code dK} and {@code dV} by key block, each row's additions in a fixed order (same bits on every
 * thread count). Inner loops are {@link Gemm#axpy}: the Vector API's FMAs when present, plain loops else.
 */
final class FusedAttention {
    /** Query rows per task. */
    static final int BQ = 64;
    /** Keys per tile. */
    static final int BK = 64;

    private final Gemm gemm;
    private final RowSplitter splitter;

    FusedAttention(Gemm gemm, RowSplitter splitter) {
        this.gemm = gemm;
        this.splitter = splitter;
    }

    /** Multiply-adds of one pass, for the decision to use threads (as the GEMM decides). */
    private boolean parallel(AttentionSpec s) {
        long work = (long) s.batchHeads() * s.queries() * s.keys() * s.headDim();
        return splitter.worthSplitting(s.causal() ? work / 32 : work / 16);
    }

    /** Keys query {@code i} sees: {@code [0, visible)}. */
    private static int visible(AttentionSpec s, int i) {
        return s.causal() ? Math.min(s.keys(), s.causalOffset() + i + 1) : s.keys();
    }

    /**
     * {@code out = attention(q, k, v)}; when {@code rowMax} is not null, also each row's max of the scaled
     * scores and the sum of their exponentials ({@code [BH * Tq]}), for the backward.
     */
    void forward(float[] q, float[] k, float[] v, AttentionSpec s, float[] out, float[] rowMax, float[] rowSum) {
        int bh = s.batchHeads();
        int tq = s.queries();
        int tk = s.keys();
        int d = s.headDim();
        float div = (float) Math.sqrt(d);
        int qBlocks = (tq + BQ - 1) / BQ;
        splitter.forEach(bh * qBlocks, parallel(s), (from, to) -> {
            float[] kT = new float[d * BK];
            float[] sc = new float[BK];
            float[] acc = new float[BQ * d];
            float[] m = new float[BQ];
            float[] l = new float[BQ];
            for (int item = from; item < to; item++) {
                int h = item / qBlocks;
                int i0 = (item % qBlocks) * BQ;
                int rows = Math.min(tq, i0 + BQ) - i0;
                int qBase = h * tq * d;
                int kBase = h * tk * d;
                Arrays.fill(acc, 0, rows * d, 0f);
                Arrays.fill(m, Float.NEGATIVE_INFINITY);
                Arrays.fill(l, 0f);
                int keyEnd = visible(s, i0 + rows - 1);
                for (int kb0 = 0; kb0 < keyEnd; kb0 += BK) {
                    int n = Math.min(keyEnd, kb0 + BK) - kb0;
                    transpose(k, kBase + kb0 * d, d, n, kT);
                    for (int r = 0; r < rows; r++) {
                        int i = i0 + r;
                        int nn = Math.min(visible(s, i), kb0 + n) - kb0;
                        if (nn <= 0) {
                            continue;
                        }
                        scores(q, qBase + i * d, kT, d, nn, sc);
                        float mOld = m[r];
                        float mx = mOld;
                        for (int j = 0; j < nn; j++) {
                            float x = sc[j] / div;
                            sc[j] = x;
                            if (x > mx) {
                                mx = x;
                            }
                        }
                        if (mx != mOld) {
                            float corr = (float) Math.exp(mOld - mx);
                            l[r] *= corr;
                            for (int c = r * d, e = c + d; c < e; c++) {
                                acc[c] *= corr;
                            }
                            m[r] = mx;
                        }
                        float sum = 0;
                        for (int j = 0; j < nn; j++) {
                            float e = (float) Math.exp(sc[j] - mx);
                            sc[j] = e;
                            sum += e;
                        }
                        l[r] += sum;
                        for (int j = 0; j < nn; j++) {
                            gemm.axpy(acc, r * d, sc[j], v, kBase + (kb0 + j) * d, d);
                        }
                    }
                }
                for (int r = 0; r < rows; r++) {
                    float li = l[r];
                    int o = qBase + (i0 + r) * d;
                    for (int c = 0; c < d; c++) {
                        out[o + c] = acc[r * d + c] / li;
                    }
                    if (rowMax != null) {
                        rowMax[h * tq + i0 + r] = m[r];
                        rowSum[h * tq + i0 + r] = li;
                    }
                }
            }
        });
    }

    /**
     * {@code dq}, {@code dk}, {@code dv} of {@link #forward} for {@code dOut}; {@code o} is working memory of
     * the output's size (every element overwritten). Outputs may hold stale values.
     */
    void backward(float[] q, float[] k, float[] v, float[] dOut, AttentionSpec s, float[] o,
            float[] dq, float[] dk, float[] dv) {
        int bh = s.batchHeads();
        int tq = s.queries();
        int tk = s.keys();
        int d = s.headDim();
        float div = (float) Math.sqrt(d);
        boolean parallel = parallel(s);
        float[] rowMax = new float[bh * tq];
        float[] rowSum = new float[bh * tq];
        forward(q, k, v, s, o, rowMax, rowSum);
        // delta_i = rowsum(dO * O) = rowsum(dP * P), the softmax backward's centring term.
        float[] delta = new float[bh * tq];
        splitter.forEach(bh * tq, parallel, (from, to) -> {
            for (int row = from; row < to; row++) {
                double sum = 0;
                for (int c = row * d, e = c + d; c < e; c++) {
                    sum += (double) dOut[c] * o[c];
                }
                delta[row] = (float) sum;
            }
        });
        int qBlocks = (tq + BQ - 1) / BQ;
        // dQ by query block: dQ_i = sum_j dS_ij K_j.
        splitter.forEach(bh * qBlocks, parallel, (from, to) -> {
            float[] kT = new float[d * BK];
            float[] vT = new float[d * BK];
            float[] sc = new float[BK];
            float[] dp = new float[BK];
            for (int item = from; item < to; item++) {
                int h = item / qBlocks;
                int i0 = (item % qBlocks) * BQ;
                int rows = Math.min(tq, i0 + BQ) - i0;
                int qBase = h * tq * d;
                int kBase = h * tk * d;
                Arrays.fill(dq, qBase + i0 * d, qBase + (i0 + rows) * d, 0f);
                int keyEnd = visible(s, i0 + rows - 1);
                for (int kb0 = 0; kb0 < keyEnd; kb0 += BK) {
                    int n = Math.min(keyEnd, kb0 + BK) - kb0;
                    transpose(k, kBase + kb0 * d, d, n, kT);
                    transpose(v, kBase + kb0 * d, d, n, vT);
                    for (int r = 0; r < rows; r++) {
                        int i = i0 + r;
                        int nn = Math.min(visible(s, i), kb0 + n) - kb0;
                        if (nn <= 0) {
                            continue;
                        }
                        int row = h * tq + i;
                        scoreGradients(q, dOut, qBase + i * d, kT, vT, d, nn, div, rowMax[row], rowSum[row],
                                delta[row], sc, dp);
                        for (int j = 0; j < nn; j++) {
                            gemm.axpy(dq, qBase + i * d, dp[j], k, kBase + (kb0 + j) * d, d);
                        }
                    }
                }
            }
        });
        int kBlocks = (tk + BK - 1) / BK;
        // dK and dV by key block: dV_j = sum_i P_ij dO_i, dK_j = sum_i dS_ij Q_i, queries in order.
        splitter.forEach(bh * kBlocks, parallel, (from, to) -> {
            float[] kT = new float[d * BK];
            float[] vT = new float[d * BK];
            float[] sc = new float[BK];
            float[] dp = new float[BK];
            for (int item = from; item < to; item++) {
                int h = item / kBlocks;
                int kb0 = (item % kBlocks) * BK;
                int n = Math.min(tk, kb0 + BK) - kb0;
                int qBase = h * tq * d;
                int kBase = h * tk * d;
                Arrays.fill(dk, kBase + kb0 * d, kBase + (kb0 + n) * d, 0f);
                Arrays.fill(dv, kBase + kb0 * d, kBase + (kb0 + n) * d, 0f);
                transpose(k, kBase + kb0 * d, d, n, kT);
                transpose(v, kBase + kb0 * d, d, n, vT);
                int firstQuery = s.causal() ? Math.max(0, kb0 - s.causalOffset()) : 0;
                for (int i = firstQuery; i < tq; i++) {
                    int nn = Math.min(visible(s, i), kb0 + n) - kb0;
                    if (nn <= 0) {
                        continue;
                    }
                    int row = h * tq + i;
                    scoreGradients(q, dOut, qBase + i * d, kT, vT, d, nn, div, rowMax[row], rowSum[row],
                            delta[row], sc, dp);
                    for (int j = 0; j < nn; j++) {
                        int kr = kBase + (kb0 + j) * d;
                        gemm.axpy(dv, kr, sc[j], dOut, qBase + i * d, d);
                        gemm.axpy(dk, kr, dp[j], q, qBase + i * d, d);
                    }
                }
            }
        });
    }

    /**
     * For query row at {@code qo} and {@code nn} keys of a tile: {@code p[j]} (the weights, into {@code sc})
     * and {@code dS[j] = p (dP - delta) / sqrt(D)} (into {@code dp}).
     */
    private void scoreGradients(float[] q, float[] dOut, int qo, float[] kT, float[] vT, int d, int nn, float div,
            float max, float sum, float delta, float[] sc, float[] dp) {
        scores(q, qo, kT, d, nn, sc);
        scores(dOut, qo, vT, d, nn, dp);
        for (int j = 0; j < nn; j++) {
            float p = (float) Math.exp(sc[j] / div - max) / sum;
            sc[j] = p;
            dp[j] = p * (dp[j] - delta) / div;
        }
    }

    /** {@code sc[j] = x[xo..xo+d) . tile column j} for {@code j < nn}, as rows of FMAs over the tile. */
    private void scores(float[] x, int xo, float[] tile, int d, int nn, float[] sc) {
        Arrays.fill(sc, 0, nn, 0f);
        for (int c = 0; c < d; c++) {
            gemm.axpy(sc, 0, x[xo + c], tile, c * BK, nn);
        }
    }

    /** {@code tile[c * BK + j] = src[at + j * d + c]}: {@code n} rows of width {@code d}, transposed. */
    private static void transpose(float[] src, int at, int d, int n, float[] tile) {
        for (int j = 0; j < n; j++) {
            int row = at + j * d;
            for (int c = 0; c < d; c++) {
                tile[c * BK + j] = src[row + c];
            }
        }
    }
}
