package org.llmfromscratch.backend.java;

import java.util.Arrays;
import org.llmfromscratch.api.spi.ArrayPrimitives;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.MatmulSpec;

/**
 * Matrix products by register blocking over packed panels of B, GotoBLAS style. {@code op(B)} is packed
 * per K-block of {@link #KC} rows into panels of {@link #nr()} columns (zero-padded at the right edge), read
 * straight from the stored layout, so a transposed B is never copied first; A is read in place (its
 * transpose only changes two strides). A micro-kernel keeps a block of up to 4 output rows x {@code nr()}
 * columns in registers across one K-block. Threads split the output rows (and the packing of panels); every
 * output element is computed in the same order whatever the thread count, so results are the same bits on
 * every thread count. Tiny products take the reference loops: no packing, no threads.
 *
 * <p>Two implementations, chosen like {@link EmbedRows}: the Vector API's FMAs (4 rows x 3 vectors) when
 * {@code jdk.incubator.vector} is present, else a scalar kernel over the same packed panels.
 */
abstract class Gemm {
    /** Rows of op(B) per packed block: a 4-row A strip plus one panel stay in L1/L2 across the block. */
    static final int KC = 256;
    /** Output rows per cache block: the A block ({@code MC x KC}) stays in L2 while the panels stream past. */
    static final int MC = 64;
    /** Rows per micro-kernel call. */
    static final int MR = 4;
    /** Below this many multiply-adds the reference loops run (packing would cost more than it saves). */
    static final long SMALL = 1 << 13;
    // Threads from 16 x RowSplitter's threshold multiply-adds per call (1M by default): a multiply-add costs
    // about a sixteenth of an element-wise element's memory traffic.

    /** The implementation this JVM uses (the Vector API when present, see {@link EmbedRows#VECTOR_PROPERTY}). */
    static final Gemm INSTANCE = choose();

    /** Columns per packed panel. */
    abstract int nr();

    /**
     * {@code C[r, 0..nr) (+)= sum_p A[r, p] * panel[p, 0..nr)} for {@code rows} (1..4) rows: A row {@code r}
     * element {@code p} at {@code a[a0 + r * rs + p * ps]}; C row {@code r} at {@code c[c0 + r * ldc]}, fully
     * {@code nr()} wide; {@code first}: start from zero instead of C.
     */
    abstract void kernel(
            float[] a,
            int a0,
            int rs,
            int ps,
            float[] panel,
            int po,
            int kc,
            float[] c,
            int c0,
            int ldc,
            int rows,
            boolean first,
            Object scratch);

    /** Per-thread working memory for {@link #kernel}, made once per call of a thread's share. */
    Object scratch() {
        return null;
    }

    abstract String describe();

    /** {@code y[yo + i] += alpha * x[xo + i]} for {@code i < n}, in place (attention's weighted sum of values). */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    /** {@code t[to + i] += s[so + i]} for {@code i < n}, in place (the scatter-add's inner loop). */
    void addInto(float[] t, int to, float[] s, int so, int n) {
        for (int i = 0; i < n; i++) {
            t[to + i] += s[so + i];
        }
    }

    /** {@code out = op(a) @ op(b)} for every batch as {@code s} says; {@code out} may hold stale values. */
    final void multiply(float[] a, float[] b, MatmulSpec s, float[] out, RowSplitter splitter, FloatArrayPool pool) {
        int m = s.m();
        int k = s.k();
        int n = s.n();
        int batch = s.batch();
        if (batch == 0 || m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(out, 0, batch * m * n, 0f);
            return;
        }
        long work = (long) m * n * k;
        if (work < SMALL) {
            ArrayPrimitives.matmul(a, b, s, out, 0, batch);
            return;
        }
        if (m < MR) {
            // Matrix-vector products read B once and do little arithmetic per element: threads pay off as soon as
            // B is as large as element-wise work that splits (a GPT-2 [768, 768] Linear when generating).
            few(a, b, s, out, splitter, splitter.worthSplitting((long) k * n * batch));
            return;
        }
        int nr = nr();
        int panels = (n + nr - 1) / nr;
        int packedLen = Math.multiplyExact(k, panels * nr);
        int groups = (m + MR - 1) / MR;
        boolean parallel = splitter.worthSplitting(work * batch / 16);
        if (!s.bBatched() || batch == 1) {
            float[] packed = pool.take(packedLen);
            try {
                splitter.forEach(
                        panels,
                        parallel && splitter.worthSplitting((long) k * n),
                        (from, to) -> pack(b, 0, s, packed, from, to));
                splitter.forEach(batch * groups, parallel, (from, to) -> compute(a, s, packed, out, from, to));
            } finally {
                pool.give(packed);
            }
        } else {
            // Each product has its own B: a thread packs the B of each of its products, then multiplies.
            splitter.forEach(batch, parallel, (from, to) -> {
                float[] packed = pool.take(packedLen);
                try {
                    for (int bt = from; bt < to; bt++) {
                        pack(b, bt * k * n, s, packed, 0, panels);
                        compute(a, s, packed, out, bt * groups, (bt + 1) * groups);
                    }
                } finally {
                    pool.give(packed);
                }
            });
        }
    }

    /**
     * Fewer output rows than a micro-kernel holds (generating one token: {@code [1, 768] x [768, 50257]}):
     * packing B would cost as much as the product. With B stored {@code [n, k]} (a Linear weight) every output
     * is a dot product of two contiguous rows; otherwise the reference's row-contiguous loops. Columns are
     * split across threads.
     */
    private void few(float[] a, float[] b, MatmulSpec s, float[] out, RowSplitter splitter, boolean parallel) {
        int m = s.m();
        int k = s.k();
        int n = s.n();
        if (!s.transB()) {
            splitter.forEach(s.batch(), parallel, (from, to) -> ArrayPrimitives.matmul(a, b, s, out, from, to));
            return;
        }
        if (!s.transA() && s.batch() == 1) {
            // One weight matrix and contiguous rows of A (every Linear layer when generating): a plain stream of
            // dot products over B's rows.
            for (int i = 0; i < m; i++) {
                int ai = i * k;
                int o = i * n;
                // Blocks of 64 KB of B: a thread held up by the machine delays the product by one block at most.
                splitter.forEachBalanced(
                        n, parallel, Math.max(1, (1 << 14) / k), (from, to) -> gemv(a, ai, b, k, out, o, from, to));
            }
            return;
        }
        splitter.forEach(n, parallel, (from, to) -> {
            float[] arow = s.transA() ? new float[k] : null;
            for (int bt = 0; bt < s.batch(); bt++) {
                int aOff = s.aBatched() ? bt * m * k : 0;
                int bOff = s.bBatched() ? bt * k * n : 0;
                for (int i = 0; i < m; i++) {
                    int ai = aOff + i * k;
                    float[] av = a;
                    if (arow != null) {
                        for (int p = 0; p < k; p++) {
                            arow[p] = a[aOff + p * m + i];
                        }
                        av = arow;
                        ai = 0;
                    }
                    int o = bt * m * n + i * n;
                    for (int j = from; j < to; j++) {
                        out[o + j] = dot(av, ai, b, bOff + j * k, k);
                    }
                }
            }
        });
    }

    /** {@code y[yo + j] = x[xo..xo+k) . w[j k..(j+1) k)} for rows {@code j} in {@code [from, to)}. */
    private void gemv(float[] x, int xo, float[] w, int k, float[] y, int yo, int from, int to) {
        for (int j = from; j < to; j++) {
            y[yo + j] = dot(x, xo, w, j * k, k);
        }
    }

    /** {@code sum a[ao + p] * b[bo + p]} for {@code p < k}, accumulated in float. */
    float dot(float[] a, int ao, float[] b, int bo, int k) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            s0 += a[ao + p] * b[bo + p];
            s1 += a[ao + p + 1] * b[bo + p + 1];
            s2 += a[ao + p + 2] * b[bo + p + 2];
            s3 += a[ao + p + 3] * b[bo + p + 3];
        }
        for (; p < k; p++) {
            s0 += a[ao + p] * b[bo + p];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Packs panels {@code [from, to)} of every K-block of {@code op(b)} (stored at {@code bOff}). */
    private void pack(float[] b, int bOff, MatmulSpec s, float[] packed, int from, int to) {
        int k = s.k();
        int n = s.n();
        int nr = nr();
        int panels = (n + nr - 1) / nr;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            int blockOff = p0 * panels * nr;
            for (int jp = from; jp < to; jp++) {
                int dst = blockOff + jp * kc * nr;
                int j0 = jp * nr;
                int w = Math.min(nr, n - j0);
                if (!s.transB()) {
                    for (int p = 0; p < kc; p++) {
                        int d = dst + p * nr;
                        System.arraycopy(b, bOff + (p0 + p) * n + j0, packed, d, w);
                        if (w < nr) {
                            Arrays.fill(packed, d + w, d + nr, 0f);
                        }
                    }
                } else {
                    // B stored [n, k]: column j of op(B) is row j of b, read sequentially.
                    for (int c = 0; c < w; c++) {
                        int src = bOff + (j0 + c) * k + p0;
                        int d = dst + c;
                        for (int p = 0; p < kc; p++) {
                            packed[d + p * nr] = b[src + p];
                        }
                    }
                    if (w < nr) {
                        for (int p = 0; p < kc; p++) {
                            Arrays.fill(packed, dst + p * nr + w, dst + p * nr + nr, 0f);
                        }
                    }
                }
            }
        }
    }

    /** Output row groups {@code [from, to)}, numbered {@code batch * groups + group}, over packed B. */
    private void compute(float[] a, MatmulSpec s, float[] packed, float[] out, int from, int to) {
        int m = s.m();
        int k = s.k();
        int n = s.n();
        int nr = nr();
        int panels = (n + nr - 1) / nr;
        int groups = (m + MR - 1) / MR;
        int rs = s.transA() ? 1 : k;
        int ps = s.transA() ? m : 1;
        float[] edge = null;
        float[] aPack = null;
        Object scratch = scratch();
        int g = from;
        while (g < to) {
            int bt = g / groups;
            int r0 = (g % groups) * MR;
            int gEnd = Math.min(to, (bt + 1) * groups);
            int r1 = Math.min(m, (gEnd - bt * groups) * MR);
            g = gEnd;
            int aBase = s.aBatched() ? bt * m * k : 0;
            int cBase = bt * m * n;
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                boolean first = p0 == 0;
                int blockOff = p0 * panels * nr;
                for (int i0 = r0; i0 < r1; i0 += MC) {
                    int i1 = Math.min(r1, i0 + MC);
                    if (s.transA()) {
                        // A stored [k, m]: stepping p jumps m floats, often a multiple of 4 KB, so the
                        // kernel's A reads would all fall in one L1 set. Pack this block as 4-row groups,
                        // p-major ([group][p][4]), read with unit steps.
                        if (aPack == null) {
                            aPack = new float[MC * KC];
                        }
                        for (int i = i0; i < i1; i += MR) {
                            int rows = Math.min(MR, i1 - i);
                            int dst = (i - i0) * kc;
                            int src = aBase + p0 * m + i;
                            for (int p = 0; p < kc; p++, src += m, dst += MR) {
                                for (int r = 0; r < rows; r++) {
                                    aPack[dst + r] = a[src + r];
                                }
                            }
                        }
                    }
                    for (int jp = 0; jp < panels; jp++) {
                        int po = blockOff + jp * kc * nr;
                        int j0 = jp * nr;
                        int w = Math.min(nr, n - j0);
                        for (int i = i0; i < i1; i += MR) {
                            int rows = Math.min(MR, i1 - i);
                            float[] av = a;
                            int a0 = aBase + i * rs + p0 * ps;
                            int ars = rs;
                            int aps = ps;
                            if (aPack != null) {
                                av = aPack;
                                a0 = (i - i0) * kc;
                                ars = 1;
                                aps = MR;
                            }
                            if (w == nr) {
                                kernel(
                                        av,
                                        a0,
                                        ars,
                                        aps,
                                        packed,
                                        po,
                                        kc,
                                        out,
                                        cBase + i * n + j0,
                                        n,
                                        rows,
                                        first,
                                        scratch);
                            } else {
                                if (edge == null) {
                                    edge = new float[MR * nr];
                                }
                                for (int r = 0; r < rows && !first; r++) {
                                    System.arraycopy(out, cBase + (i + r) * n + j0, edge, r * nr, w);
                                }
                                kernel(av, a0, ars, aps, packed, po, kc, edge, 0, nr, rows, first, scratch);
                                for (int r = 0; r < rows; r++) {
                                    System.arraycopy(edge, r * nr, out, cBase + (i + r) * n + j0, w);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static Gemm choose() {
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty(EmbedRows.VECTOR_PROPERTY));
        if (wanted && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Gemm) Class.forName("org.llmfromscratch.backend.java.VectorGemm")
                        .getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarGemm();
            }
        }
        return new ScalarGemm();
    }
}
