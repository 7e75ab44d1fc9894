package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.AttentionSpec;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.conformance.PrimitiveReference;

/**
 * The java backend's attention for a few queries per head ({@link DecodeAttention}, up to
 * {@link DecodeAttention#MAX_QUERIES}) against the SPI's default composition, reading the filled rows of a
 * key-value cache buffer in place: the rows past the filled ones hold NaN, so a kernel that reads one (or
 * uses the buffer's capacity as its row count) gives NaN. GPT-2's decode shape (12 heads, one query after
 * 1,008 cached keys, head width 64), the most queries the kernel takes, odd head widths, no mask. Values
 * agree within {@code 1e-5} of the largest magnitude, as in {@link FusedAttentionTest} (the two sum in other orders); 1 and 2 threads (split
 * forced) give the same bits.
 */
class DecodeAttentionTest {
    private final Random random = new Random(12);
    private final PrimitiveReference reference = new PrimitiveReference();
    private final JavaKernels one = new JavaKernels(new RowSplitter(1, 0), EmbedRows.INSTANCE);
    private final JavaKernels two = new JavaKernels(new RowSplitter(2, 0), EmbedRows.INSTANCE);

    @Test
    void gpt2GeneratingOneTokenAfterACache() {
        check(12, 1, 1009, 1024, 64, 1008);
    }

    @Test
    void theMostQueriesTheKernelTakesWithAnOddHeadWidth() {
        check(3, DecodeAttention.MAX_QUERIES, 40, 45, 7, 32);
    }

    @Test
    void withoutAMaskAndAFullBuffer() {
        check(2, 3, 17, 17, 16, -1);
    }

    @Test
    void aSingleKey() {
        check(4, 1, 1, 16, 5, 0);
    }

    @Test
    void moreQueriesTakeTheTiledKernelWhichAlsoReadsTheBufferInPlace() {
        check(2, DecodeAttention.MAX_QUERIES + 1, 30, 64, 8, 21);
    }

    private void check(int bh, int tq, int tk, int capacity, int d, int offset) {
        AttentionSpec s = new AttentionSpec(bh, tq, tk, d, offset);
        float[] q = randoms(bh * tq * d);
        float[] kBuffer = buffer(bh, tk, capacity, d);
        float[] vBuffer = buffer(bh, tk, capacity, d);
        Storage expected = reference.attention(
                ArrayStorage.of(q),
                ArrayStorage.of(filled(kBuffer, bh, tk, capacity, d)),
                ArrayStorage.of(filled(vBuffer, bh, tk, capacity, d)),
                s);
        float[] got1 = floats(one.cachedAttention(
                one.fromFloats(q.clone()),
                one.fromFloats(kBuffer.clone()),
                one.fromFloats(vBuffer.clone()),
                capacity,
                s));
        float[] got2 = floats(two.cachedAttention(
                two.fromFloats(q.clone()),
                two.fromFloats(kBuffer.clone()),
                two.fromFloats(vBuffer.clone()),
                capacity,
                s));
        String what = s + ", capacity " + capacity;
        FusedAttentionTest.assertClose(floats(expected), got1, what);
        assertArrayEquals(got1, got2, what + ": 1 and 2 threads");
        if (capacity == tk) {
            assertArrayEquals(
                    got1,
                    floats(one.attention(one.fromFloats(q), one.fromFloats(kBuffer), one.fromFloats(vBuffer), s)),
                    what + ": attention equals cachedAttention over a full buffer");
        }
    }

    /** {@code [bh, capacity, d]}: random in the first {@code tk} rows of each head, NaN after them. */
    private float[] buffer(int bh, int tk, int capacity, int d) {
        float[] b = new float[bh * capacity * d];
        Arrays.fill(b, Float.NaN);
        for (int h = 0; h < bh; h++) {
            for (int i = 0; i < tk * d; i++) {
                b[h * capacity * d + i] = random.nextFloat() * 2 - 1;
            }
        }
        return b;
    }

    private static float[] filled(float[] buffer, int bh, int tk, int capacity, int d) {
        float[] out = new float[bh * tk * d];
        for (int h = 0; h < bh; h++) {
            System.arraycopy(buffer, h * capacity * d, out, h * tk * d, tk * d);
        }
        return out;
    }

    private float[] randoms(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static float[] floats(Storage s) {
        return ((ArrayStorage) s).floats;
    }
}
