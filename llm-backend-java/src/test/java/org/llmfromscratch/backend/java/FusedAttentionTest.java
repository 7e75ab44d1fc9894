package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.AttentionSpec;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.conformance.PrimitiveReference;

/**
 * The fused attention of the java backend ({@link FusedAttention}) against the SPI's default composition
 * (the materialized weights, on the plain loops of a bare {@link ArrayKernels}), forward and backward: causal
 * with as many queries as keys, a few queries after a key-value cache (an offset), non-causal, head widths
 * 64 and 7, lengths that are not multiples of the 64 x 64 tile. The online softmax adds in another order
 * than the composition, so values agree within {@code 1e-5} of the largest magnitude of each result, far
 * below a masking or indexing mistake (off by O(1)); a result that is exactly 0 in exact arithmetic gets
 * {@code 1e-8}. 1 and 2 threads (split forced) give the same bits.
 * The allocation test proves that the {@code [BH, Tq, Tk]} weights are never made. Surefire runs this class
 * with the Vector API and with the scalar loops.
 */
class FusedAttentionTest {
    private static final double TOLERANCE = 1e-5;

    private final Random random = new Random(11);

    private final PrimitiveReference reference = new PrimitiveReference();
    private final JavaKernels one = new JavaKernels(new RowSplitter(1, 0), EmbedRows.INSTANCE);
    private final JavaKernels two = new JavaKernels(new RowSplitter(2, 0), EmbedRows.INSTANCE);

    private float[] randoms(int n, float scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return x;
    }

    private static float[] floats(Storage s) {
        return ((ArrayStorage) s).floats;
    }

    @Test
    void causalSelfAttentionWithHeadWidth64AndALengthOffTheTile() {
        check(3, 70, 70, 64, 0);
    }

    @Test
    void causalAcrossSeveralTilesWithAnOddHeadWidth() {
        check(2, 150, 150, 7, 0);
    }

    @Test
    void queriesAfterAKeyValueCache() {
        check(2, 5, 133, 7, 128);
        check(2, 65, 100, 64, 35);
        check(1, 1, 1025, 16, 1024);
    }

    @Test
    void withoutAMask() {
        check(2, 67, 130, 7, -1);
        check(1, 3, 200, 64, -1);
    }

    @Test
    void aSingleQueryAndKey() {
        check(1, 1, 1, 3, 0);
    }

    /** Large scores: the running max moves across tiles, so the rescaling must be right. */
    @Test
    void largeScoresRescaleTheAccumulator() {
        AttentionSpec s = new AttentionSpec(2, 130, 130, 8, 0);
        check(s, randoms(2 * 130 * 8, 3f), randoms(2 * 130 * 8, 3f), randoms(2 * 130 * 8, 1f));
    }

    private void check(int bh, int tq, int tk, int d, int offset) {
        check(
                new AttentionSpec(bh, tq, tk, d, offset),
                randoms(bh * tq * d, 1f),
                randoms(bh * tk * d, 1f),
                randoms(bh * tk * d, 1f));
    }

    private void check(AttentionSpec s, float[] q, float[] k, float[] v) {
        float[] dOut = randoms(q.length, 1f);
        String what = s.toString();
        Storage expected = reference.attention(ArrayStorage.of(q), ArrayStorage.of(k), ArrayStorage.of(v), s);
        Storage got1 =
                one.attention(one.fromFloats(q.clone()), one.fromFloats(k.clone()), one.fromFloats(v.clone()), s);
        Storage got2 =
                two.attention(two.fromFloats(q.clone()), two.fromFloats(k.clone()), two.fromFloats(v.clone()), s);
        assertClose(floats(expected), floats(got1), what + " forward");
        assertArrayEquals(floats(got1), floats(got2), what + " forward: 1 and 2 threads");

        Storage[] exp = reference.attentionBackward(
                ArrayStorage.of(q), ArrayStorage.of(k), ArrayStorage.of(v), ArrayStorage.of(dOut), s);
        Storage[] g1 = one.attentionBackward(
                one.fromFloats(q.clone()),
                one.fromFloats(k.clone()),
                one.fromFloats(v.clone()),
                one.fromFloats(dOut.clone()),
                s);
        Storage[] g2 = two.attentionBackward(
                two.fromFloats(q.clone()),
                two.fromFloats(k.clone()),
                two.fromFloats(v.clone()),
                two.fromFloats(dOut.clone()),
                s);
        String[] names = {"dq", "dk", "dv"};
        for (int i = 0; i < 3; i++) {
            assertClose(floats(exp[i]), floats(g1[i]), what + " " + names[i]);
            assertArrayEquals(floats(g1[i]), floats(g2[i]), what + " " + names[i] + ": 1 and 2 threads");
        }
    }

    /** Within {@code 1e-5} of the largest magnitude of {@code expected} (at least {@code 1e-3}), element by element. */
    static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        // A floor of 1e-3 for results that are 0 in exact arithmetic (dq with a single key: p = 1, dP = delta).
        double bound = TOLERANCE * Math.max(scale, 1e-3);
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs((double) expected[i] - actual[i]);
            int at = i;
            assertTrue(
                    diff <= bound,
                    () -> what + ": element " + at + " expected " + expected[at] + " but got " + actual[at]
                            + " (difference " + diff + " > " + bound + ")");
        }
    }

    /**
     * GPT-2's attention (batch 8 x 12 heads, 1,024 tokens, head width 64) on one thread: the weights would be
     * {@code 96 x 1024 x 1024} floats, 402,653,184 bytes. The forward allocates its output (25 MB, from the
     * pool when one of that size was freed) and a few tiles; the backward at 12 heads also its row statistics.
     */
    @Test
    void neverAllocatesTheWeights() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        JavaKernels k1 = new JavaKernels(1);
        int bh = 96;
        int t = 1024;
        int d = 64;
        AttentionSpec s = new AttentionSpec(bh, t, t, d, 0);
        Storage q = k1.fromFloats(randoms(bh * t * d, 1f));
        Storage k = k1.fromFloats(randoms(bh * t * d, 1f));
        Storage v = k1.fromFloats(randoms(bh * t * d, 1f));
        long weights = 4L * bh * t * t;
        long id = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(id);
        Storage out = k1.attention(q, k, v, s);
        long first = threads.getThreadAllocatedBytes(id) - before;
        out.release();
        before = threads.getThreadAllocatedBytes(id);
        out = k1.attention(q, k, v, s);
        long pooled = threads.getThreadAllocatedBytes(id) - before;
        out.release();
        System.out.printf(
                "fused attention forward [%d, %d, %d] x %d on 1 thread: %,d bytes allocated "
                        + "(%,d with the output from the pool); the weights would be %,d bytes%n",
                bh, t, t, d, first, pooled, weights);
        assertTrue(first < 4L * bh * t * d + (1 << 20), "forward allocated " + first + " bytes");
        assertTrue(pooled < 1 << 20, "forward with a pooled output allocated " + pooled + " bytes");

        AttentionSpec s12 = new AttentionSpec(12, t, t, d, 0);
        int n12 = 12 * t * d;
        Storage q12 = k1.fromFloats(randoms(n12, 1f));
        Storage dOut = k1.fromFloats(randoms(n12, 1f));
        before = threads.getThreadAllocatedBytes(id);
        Storage[] grads = k1.attentionBackward(q12, q12, q12, dOut, s12);
        long backward = threads.getThreadAllocatedBytes(id) - before;
        System.out.printf(
                "fused attention backward [12, %d, %d] x %d on 1 thread: %,d bytes allocated; "
                        + "the weights would be %,d bytes%n",
                t, t, d, backward, 4L * 12 * t * t);
        assertTrue(backward < 4L * 4 * n12 + (1 << 20), "backward allocated " + backward + " bytes");
        for (Storage g : grads) {
            g.release();
        }
    }
}
