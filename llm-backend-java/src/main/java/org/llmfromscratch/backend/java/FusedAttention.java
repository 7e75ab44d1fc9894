package org.llmfromscratch.backend.java;

import java.util.Arrays;
import org.llmfromscratch.api.spi.AttentionSpec;

/**
 * Scaled dot-product attention without the {@code [BH, Tq, Tk]} weights (FlashAttention's idea): each task
 * takes one block of {@link #BQ} query rows of one head and walks the key blocks of {@link #BK} keys with an
 * online softmax (a running max and sum per row, the accumulator rescaled when the max grows), skipping the
 * key blocks a causal mask hides entirely. The only working memory is per thread: keys, values or a block's
 * rows packed into the GEMM's panels, a block of scores and the block's accumulators, a few hundred kilobytes.
 *
 * <p>Scores are {@code (q . k) / (float) sqrt(D)} with masked keys never computed (the composition's
 * {@code -inf}, whose weight is exactly 0). The backward recomputes the weights from the row max and sum a
 * forward pass leaves, in two passes so that no two threads ever add into one row: {@code dQ} by query
 * block, {@code dK} and {@code dV} by key block, each row's additions in a fixed order (same bits on every
 * thread count). Every product of tiles is {@link Gemm}'s register-blocked micro-kernel ({@code 4 x nr}):
 * the Vector API's FMAs when present, plain loops else.
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

    /** One thread's tiles: packed panels, a block of scores and accumulators, padded to whole panels. */
    private final class Tiles {
        final int d;
        /** Score columns: {@link #BK} keys padded to whole panels. */
        final int w;
        /** Output columns: {@code D} padded to whole panels. */
        final int dw;

        final int dPanels;
        final float[] kPan;
        final float[] vPan;
        final float[] valPan;
        final float[] s;
        final float[] dp;
        final float[] acc;
        final float[] acc2;
        final float[] m = new float[BQ];
        final float[] l = new float[BQ];
        final Object scratch = gemm.scratch();

        Tiles(int d, boolean backward) {
            this.d = d;
            int nr = gemm.nr();
            w = (BK + nr - 1) / nr * nr;
            dPanels = (d + nr - 1) / nr;
            dw = dPanels * nr;
            kPan = new float[w * d];
            vPan = backward ? new float[w * d] : null;
            valPan = new float[dw * Math.max(BK, BQ)];
            s = new float[BQ * w];
            dp = backward ? new float[BQ * w] : null;
            acc = new float[Math.max(BK, BQ) * dw];
            acc2 = backward ? new float[BK * dw] : null;
        }

        /** Rows {@code [at, at + n)} of width {@code d} as panels of keys: {@code pan[p][c][jj]} = row {@code p nr + jj}. */
        void packScores(float[] src, int at, int n, float[] pan) {
            int nr = gemm.nr();
            int panels = (n + nr - 1) / nr;
            for (int j = 0; j < n; j++) {
                int base = (j / nr) * d * nr + j % nr;
                int row = at + j * d;
                for (int c = 0; c < d; c++) {
                    pan[base + c * nr] = src[row + c];
                }
            }
            for (int j = n; j < panels * nr; j++) {
                int base = (j / nr) * d * nr + j % nr;
                for (int c = 0; c < d; c++) {
                    pan[base + c * nr] = 0f;
                }
            }
        }

        /** Rows {@code [at, at + n)} of width {@code d} as panels of columns: {@code pan[p][j][cc]} = column {@code p nr + cc}. */
        void packValues(float[] src, int at, int n, float[] pan) {
            int nr = gemm.nr();
            for (int p = 0; p < dPanels; p++) {
                int c0 = p * nr;
                int width = Math.min(nr, d - c0);
                for (int j = 0; j < n; j++) {
                    int o = p * n * nr + j * nr;
                    System.arraycopy(src, at + j * d + c0, pan, o, width);
                    if (width < nr) {
                        java.util.Arrays.fill(pan, o + width, o + nr, 0f);
                    }
                }
            }
        }

        /** {@code out[r][j] = x row r . key j} for {@code rows} rows from {@code x[at]} and {@code n} packed keys. */
        void scores(float[] x, int at, int rows, float[] pan, int n, float[] out) {
            int nr = gemm.nr();
            int panels = (n + nr - 1) / nr;
            for (int r0 = 0; r0 < rows; r0 += Gemm.MR) {
                int rr = Math.min(Gemm.MR, rows - r0);
                for (int p = 0; p < panels; p++) {
                    gemm.kernel(x, at + r0 * d, d, 1, pan, p * d * nr, d, out, r0 * w + p * nr, w, rr, true, scratch);
                }
            }
        }

        /** {@code c[r][:] += sum_p a(r, p) pan[p][:]} for {@code rows} rows, {@code a(r, p) = a[r rs + p ps]}. */
        void accumulate(float[] a, int rs, int ps, int rows, int kc, float[] pan, float[] c) {
            int nr = gemm.nr();
            for (int r0 = 0; r0 < rows; r0 += Gemm.MR) {
                int rr = Math.min(Gemm.MR, rows - r0);
                for (int p = 0; p < dPanels; p++) {
                    gemm.kernel(a, r0 * rs, rs, ps, pan, p * kc * nr, kc, c, r0 * dw + p * nr, dw, rr, false, scratch);
                }
            }
        }
    }

    /**
     * {@code out = attention(q, k, v)}; when {@code rowMax} is not null, also each row's max of the scaled
     * scores and the sum of their exponentials ({@code [BH * Tq]}), for the backward.
     */
    void forward(float[] q, float[] k, float[] v, AttentionSpec s, float[] out, float[] rowMax, float[] rowSum) {
        forward(q, k, v, s, s.keys(), out, rowMax, rowSum);
    }

    /**
     * {@link #forward(float[], float[], float[], AttentionSpec, float[], float[], float[])} with {@code keyRows}
     * rows per head in {@code k} and {@code v} (a key-value cache's buffer holds more rows than are filled).
     */
    void forward(
            float[] q,
            float[] k,
            float[] v,
            AttentionSpec s,
            int keyRows,
            float[] out,
            float[] rowMax,
            float[] rowSum) {
        int bh = s.batchHeads();
        int tq = s.queries();
        int tk = s.keys();
        int d = s.headDim();
        float div = (float) Math.sqrt(d);
        int qBlocks = (tq + BQ - 1) / BQ;
        splitter.forEach(bh * qBlocks, parallel(s), (from, to) -> {
            Tiles t = new Tiles(d, false);
            float[] sc = t.s;
            float[] acc = t.acc;
            float[] m = t.m;
            float[] l = t.l;
            int w = t.w;
            int dw = t.dw;
            for (int item = from; item < to; item++) {
                int h = item / qBlocks;
                int i0 = (item % qBlocks) * BQ;
                int rows = Math.min(tq, i0 + BQ) - i0;
                int qBase = h * tq * d;
                int kBase = h * keyRows * d;
                Arrays.fill(acc, 0, rows * dw, 0f);
                Arrays.fill(m, Float.NEGATIVE_INFINITY);
                Arrays.fill(l, 0f);
                int keyEnd = visible(s, i0 + rows - 1);
                for (int kb0 = 0; kb0 < keyEnd; kb0 += BK) {
                    int n = Math.min(keyEnd, kb0 + BK) - kb0;
                    t.packScores(k, kBase + kb0 * d, n, t.kPan);
                    t.scores(q, qBase + i0 * d, rows, t.kPan, n, sc);
                    for (int r = 0; r < rows; r++) {
                        int nn = Math.min(visible(s, i0 + r), kb0 + n) - kb0;
                        int o = r * w;
                        if (nn <= 0) {
                            Arrays.fill(sc, o, o + n, 0f);
                            continue;
                        }
                        float mOld = m[r];
                        float mx = mOld;
                        for (int j = 0; j < nn; j++) {
                            float x = sc[o + j] / div;
                            sc[o + j] = x;
                            if (x > mx) {
                                mx = x;
                            }
                        }
                        if (mx != mOld) {
                            float corr = (float) Math.exp(mOld - mx);
                            l[r] *= corr;
                            for (int c = r * dw, e = c + d; c < e; c++) {
                                acc[c] *= corr;
                            }
                            m[r] = mx;
                        }
                        float sum = 0;
                        for (int j = 0; j < nn; j++) {
                            float e = (float) Math.exp(sc[o + j] - mx);
                            sc[o + j] = e;
                            sum += e;
                        }
                        Arrays.fill(sc, o + nn, o + n, 0f);
                        l[r] += sum;
                    }
                    t.packValues(v, kBase + kb0 * d, n, t.valPan);
                    t.accumulate(sc, w, 1, rows, n, t.valPan, acc);
                }
                for (int r = 0; r < rows; r++) {
                    float li = l[r];
                    int o = qBase + (i0 + r) * d;
                    for (int c = 0; c < d; c++) {
                        out[o + c] = acc[r * dw + c] / li;
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
    void backward(
            float[] q,
            float[] k,
            float[] v,
            float[] dOut,
            AttentionSpec s,
            float[] o,
            float[] dq,
            float[] dk,
            float[] dv) {
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
            Tiles t = new Tiles(d, true);
            for (int item = from; item < to; item++) {
                int h = item / qBlocks;
                int i0 = (item % qBlocks) * BQ;
                int rows = Math.min(tq, i0 + BQ) - i0;
                int qBase = h * tq * d;
                int kBase = h * tk * d;
                Arrays.fill(t.acc, 0, rows * t.dw, 0f);
                int keyEnd = visible(s, i0 + rows - 1);
                for (int kb0 = 0; kb0 < keyEnd; kb0 += BK) {
                    int n = Math.min(keyEnd, kb0 + BK) - kb0;
                    weightsAndGradients(t, q, k, v, dOut, s, h, i0, rows, kb0, n, div, rowMax, rowSum, delta);
                    t.packValues(k, kBase + kb0 * d, n, t.valPan);
                    t.accumulate(t.dp, t.w, 1, rows, n, t.valPan, t.acc);
                }
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(t.acc, r * t.dw, dq, qBase + (i0 + r) * d, d);
                }
            }
        });
        int kBlocks = (tk + BK - 1) / BK;
        // dK and dV by key block: dV_j = sum_i P_ij dO_i, dK_j = sum_i dS_ij Q_i, query blocks in order.
        splitter.forEach(bh * kBlocks, parallel, (from, to) -> {
            Tiles t = new Tiles(d, true);
            for (int item = from; item < to; item++) {
                int h = item / kBlocks;
                int kb0 = (item % kBlocks) * BK;
                int n = Math.min(tk, kb0 + BK) - kb0;
                int qBase = h * tq * d;
                int kBase = h * tk * d;
                Arrays.fill(t.acc, 0, n * t.dw, 0f);
                Arrays.fill(t.acc2, 0, n * t.dw, 0f);
                int firstQuery = s.causal() ? Math.max(0, kb0 - s.causalOffset()) : 0;
                for (int i0 = firstQuery / BQ * BQ; i0 < tq; i0 += BQ) {
                    int rows = Math.min(tq, i0 + BQ) - i0;
                    weightsAndGradients(t, q, k, v, dOut, s, h, i0, rows, kb0, n, div, rowMax, rowSum, delta);
                    t.packValues(dOut, qBase + i0 * d, rows, t.valPan);
                    t.accumulate(t.s, 1, t.w, n, rows, t.valPan, t.acc2);
                    t.packValues(q, qBase + i0 * d, rows, t.valPan);
                    t.accumulate(t.dp, 1, t.w, n, rows, t.valPan, t.acc);
                }
                for (int j = 0; j < n; j++) {
                    System.arraycopy(t.acc, j * t.dw, dk, kBase + (kb0 + j) * d, d);
                    System.arraycopy(t.acc2, j * t.dw, dv, kBase + (kb0 + j) * d, d);
                }
            }
        });
    }

    /**
     * For query rows {@code [i0, i0 + rows)} and keys {@code [kb0, kb0 + n)} of head {@code h}: the weights
     * {@code P} into {@code t.s} and {@code dS = P (dP - delta) / sqrt(D)} into {@code t.dp}, both 0 at masked
     * keys (columns {@code [0, n)} of each row, row stride {@code t.w}).
     */
    private void weightsAndGradients(
            Tiles t,
            float[] q,
            float[] k,
            float[] v,
            float[] dOut,
            AttentionSpec s,
            int h,
            int i0,
            int rows,
            int kb0,
            int n,
            float div,
            float[] rowMax,
            float[] rowSum,
            float[] delta) {
        int d = s.headDim();
        int qBase = h * s.queries() * d;
        int kBase = h * s.keys() * d;
        t.packScores(k, kBase + kb0 * d, n, t.kPan);
        t.packScores(v, kBase + kb0 * d, n, t.vPan);
        t.scores(q, qBase + i0 * d, rows, t.kPan, n, t.s);
        t.scores(dOut, qBase + i0 * d, rows, t.vPan, n, t.dp);
        float[] sc = t.s;
        float[] dp = t.dp;
        for (int r = 0; r < rows; r++) {
            int i = i0 + r;
            int nn = Math.max(0, Math.min(visible(s, i), kb0 + n) - kb0);
            int o = r * t.w;
            int row = h * s.queries() + i;
            float max = rowMax[row];
            float sum = rowSum[row];
            float dl = delta[row];
            for (int j = 0; j < nn; j++) {
                float p = (float) Math.exp(sc[o + j] / div - max) / sum;
                sc[o + j] = p;
                dp[o + j] = p * (dp[o + j] - dl) / div;
            }
            Arrays.fill(sc, o + nn, o + n, 0f);
            Arrays.fill(dp, o + nn, o + n, 0f);
        }
    }
}
