package org.llmfromscratch.backend.aparapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.Storage;

/**
 * Recycled embedding outputs must never reach a kernel as stale device data: a kernel that held the
 * array as an input with old values has to see the new values when the same array comes back. On a GPU
 * the end-to-end test fails without the re-upload; PoCL's CPU device computes on the Java array itself
 * (Aparapi creates buffers with CL_MEM_USE_HOST_PTR there), so the mechanism is also checked directly.
 */
class RecycledOutputTest {
    private static final int COLS = 256;
    private static final int SEQ = 512;
    private static final int VOCAB = 8;
    /**
     * The reduction adds floats in double, so its result is within a few ulps of double of the sequential
     * double sum (relative 1e-12 here, for 131,072 elements); the sums of A and B are 4.6e8 apart.
     */
    private static final double SUM_RTOL = 1e-12;

    private final AparapiKernels k =
            assertInstanceOf(AparapiKernels.class, OpenCLRequired.backend().kernels());
    private final float[] tok = table(VOCAB, 1000);
    private final float[] pos = table(SEQ, 1);
    private final Storage tokS = k.fromFloats(tok);
    private final Storage posS = k.fromFloats(pos);

    @Test
    void aRecycledArrayIsUploadedAgainToEveryKernelThatSawItBefore() {
        int[] idsA = ids(0);
        int[] idsB = new int[SEQ];
        for (int i = 0; i < SEQ; i++) {
            idsB[i] = 5 + i % 3; // rows 5, 6, 7: B's values, and their sum, differ from A's
        }
        Storage a = k.embed(tokS, posS, COLS, k.fromInts(idsA), 1, SEQ);
        float[] array = ((ArrayStorage) a).floats;
        assertTrue(((ArrayStorage) a).isPooled(), "an output this large is pooled: the test needs the recycling path");
        float[] expectA = expected(idsA);
        assertArrayEquals(expectA, k.readFloats(a));
        // A as an input of three kernels: each now holds a device copy of the array with A's values.
        assertEquals(sum(expectA), k.sum(a), SUM_RTOL * Math.abs(sum(expectA)));
        assertArrayEquals(doubled(expectA), k.readFloats(add(a)));
        assertArrayEquals(slice(expectA), k.readFloats(k.slice(a, 1, SEQ, COLS, 1, 3)));
        a.release();

        Storage b = k.embed(tokS, posS, COLS, k.fromInts(idsB), 1, SEQ);
        assertSame(array, ((ArrayStorage) b).floats, "B reuses A's array, the case a stale upload would break");
        float[] expectB = expected(idsB);
        assertArrayEquals(expectB, k.readFloats(b));
        assertTrue(
                Math.abs(sum(expectA) - sum(expectB)) > 1e6 * SUM_RTOL * Math.abs(sum(expectB)),
                "A and B must differ in sum, or a reduction over stale values could pass");
        assertEquals(sum(expectB), k.sum(b), SUM_RTOL * Math.abs(sum(expectB)), "reduce saw B's values, not A's");
        assertArrayEquals(doubled(expectB), k.readFloats(add(b)), "broadcast saw B's values, not A's");
        assertArrayEquals(slice(expectB), k.readFloats(k.slice(b, 1, SEQ, COLS, 1, 3)), "slice saw B's values");
        // And as the table of the embedding kernel itself, which saw the array as its output only.
        Storage c = k.embed(b, posS, COLS, k.fromInts(new int[] {3, 1}), 1, 2);
        float[] expectC = new float[2 * COLS];
        for (int j = 0; j < COLS; j++) {
            expectC[j] = expectB[3 * COLS + j] + pos[j];
            expectC[COLS + j] = expectB[COLS + j] + pos[COLS + j];
        }
        assertArrayEquals(expectC, k.readFloats(c));
        b.release();
    }

    @Test
    void everyPooledInputIsPutAndNoOtherIs() {
        RecordingKernel kernel = new RecordingKernel();
        Storage pooled =
                ArrayStorage.pooled(new float[FloatArrayPool.MIN_LENGTH], new FloatArrayPool(2, Long.MAX_VALUE));
        assertSame(((ArrayStorage) pooled).floats, k.input(kernel, pooled));
        assertEquals(1, kernel.puts, "a recycled input is uploaded again");
        k.input(kernel, pooled);
        assertEquals(2, kernel.puts, "on every binding, not only the first");
        k.input(kernel, tokS);
        assertEquals(2, kernel.puts, "an array that is never recycled is uploaded once, by Aparapi");
    }

    /** Counts {@code put(float[])}; never launched. */
    private static final class RecordingKernel extends com.aparapi.Kernel {
        int puts;

        @Override
        public com.aparapi.Kernel put(float[] array) {
            puts++;
            return this;
        }

        @Override
        public void run() {}
    }

    private Storage add(Storage s) {
        int[] shape = {SEQ, COLS};
        return k.broadcast(BinaryOp.ADD, s, shape, s, shape, shape);
    }

    private static int[] ids(int first) {
        int[] ids = new int[SEQ];
        for (int i = 0; i < SEQ; i++) {
            ids[i] = (first + 3 * i) % VOCAB;
        }
        return ids;
    }

    private float[] expected(int[] ids) {
        float[] out = new float[SEQ * COLS];
        for (int r = 0; r < SEQ; r++) {
            for (int j = 0; j < COLS; j++) {
                out[r * COLS + j] = tok[ids[r] * COLS + j] + pos[r * COLS + j];
            }
        }
        return out;
    }

    private static float[] table(int rows, int scale) {
        float[] t = new float[rows * COLS];
        for (int i = 0; i < t.length; i++) {
            t[i] = (i / COLS) * scale + (i % COLS) * 0.25f;
        }
        return t;
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    private static float[] doubled(float[] v) {
        float[] d = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i] + v[i];
        }
        return d;
    }

    private static float[] slice(float[] v) {
        float[] s = new float[2 * COLS];
        System.arraycopy(v, COLS, s, 0, 2 * COLS);
        return s;
    }
}
