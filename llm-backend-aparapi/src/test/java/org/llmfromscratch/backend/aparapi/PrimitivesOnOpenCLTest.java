package org.llmfromscratch.backend.aparapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aparapi.Kernel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.ArrayPrimitives;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;
import org.llmfromscratch.conformance.PrimitiveReference;

/**
 * Differential tests of the training primitives on OpenCL against {@link ArrayPrimitives} (the reference)
 * and the default composites, on random inputs, each asserting that its kernel ran on OpenCL.
 *
 * <p>Tolerances: the kernels reproduce the reference's float roundings (transcendentals, division and
 * square root in double, rounded once; no fma contraction; sums in double), so element-wise results,
 * permutes, copies, scatter-adds and Adam steps must be within 1 ulp (double {@code exp}/{@code log}/
 * {@code pow} of two libraries may round the last double bit differently, {@code tanh} is computed here
 * from {@code exp}); matmuls within {@code 1e-5 * sqrt(k)} relative (the same float order, but allowed a
 * compiler's contraction); split sums within 1e-6 relative (double partials, added in another order).
 */
class PrimitivesOnOpenCLTest {
    private final AparapiKernels k =
            assertInstanceOf(AparapiKernels.class, OpenCLRequired.backend().kernels());
    /** The plain-loop reference, with the default composites built on it. */
    private final PrimitiveReference ref = new PrimitiveReference();

    private final Random random = new Random(42);

    @Test
    void unaryMatchesTheReferenceForEveryOp() {
        float[] x = values(3001, 4f);
        x[0] = 0f;
        x[1] = -0f;
        x[2] = Float.NaN;
        x[3] = Float.POSITIVE_INFINITY;
        x[4] = Float.NEGATIVE_INFINITY;
        x[5] = 1e-7f;
        x[6] = -30f;
        for (UnaryOp op : UnaryOp.values()) {
            float[] expected = new float[x.length];
            ArrayPrimitives.unary(op, x, expected, 0, x.length);
            assertUlps(op.toString(), expected, k.readFloats(k.unary(op, k.fromFloats(x.clone()))), 1);
            ranOnCL(k.elementwise);
        }
    }

    @Test
    void broadcastMatchesTheReferenceForEveryOpAndShape() {
        int[][][] cases = {
            {{2, 3, 4}, {2, 3, 4}},
            {{2, 3, 4}, {1, 3, 1}},
            {{1, 1, 4}, {2, 3, 1}},
            {{5}, {1}},
            {{1}, {7}},
            {{2, 1, 3, 1, 2, 5}, {1, 4, 3, 2, 1, 5}},
            {{3, 1}, {1, 3}},
            {{4000}, {4000}},
            {{1, 1}, {1, 1}},
        };
        for (int[][] c : cases) {
            int[] out = new int[c[0].length];
            for (int d = 0; d < out.length; d++) {
                out[d] = Math.max(c[0][d], c[1][d]);
            }
            float[] a = values(count(c[0]), 3f);
            float[] b = values(count(c[1]), 3f);
            if (b.length > 2) {
                b[1] = a.length > 1 ? a[1] : 0f;
                b[2] = 2f;
            }
            for (BinaryOp op : BinaryOp.values()) {
                float[] expected = new float[count(out)];
                ArrayPrimitives.broadcast(op, a, c[0], b, c[1], out, expected);
                Storage got = k.broadcast(op, k.fromFloats(a.clone()), c[0], k.fromFloats(b.clone()), c[1], out);
                assertUlps(
                        op + " " + Arrays.toString(c[0]) + " with " + Arrays.toString(c[1]),
                        expected,
                        k.readFloats(got),
                        1);
                ranOnCL(k.elementwise);
            }
        }
    }

    @Test
    void maskedFillMatchesTheReferenceWithBroadcastMasks() {
        int[] shape = {2, 3, 5, 4};
        int[][] masks = {{2, 3, 5, 4}, {1, 1, 5, 4}, {2, 1, 1, 4}, {1, 1, 1, 1}};
        float[] a = values(count(shape), 2f);
        for (int[] ms : masks) {
            float[] mask = new float[count(ms)];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = random.nextBoolean() ? 1f : 0f;
            }
            for (float value : new float[] {Float.NEGATIVE_INFINITY, 0f, -7.5f}) {
                float[] expected = new float[a.length];
                ArrayPrimitives.maskedFill(a, shape, mask, ms, value, expected);
                assertArrayEquals(
                        expected,
                        k.readFloats(
                                k.maskedFill(k.fromFloats(a.clone()), shape, k.fromFloats(mask.clone()), ms, value)),
                        Arrays.toString(ms) + " fill " + value);
                ranOnCL(k.elementwise);
            }
        }
    }

    @Test
    void reduceMatchesTheReferenceAlongEveryDimension() {
        int[][] shapes = {{3, 4, 5}, {1, 20000, 1}, {2, 5000, 3}, {1, 1, 7}, {7, 1, 1}, {64, 129, 1}};
        for (int[] s : shapes) {
            float[] a = values(count(s), 5f);
            for (ReduceOp op : ReduceOp.values()) {
                float[] expected = new float[s[0] * s[2]];
                ArrayPrimitives.reduce(op, a, s[1], s[2], expected, 0, s[0]);
                float[] got = k.readFloats(k.reduce(op, k.fromFloats(a.clone()), s[0], s[1], s[2]));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(
                            expected[i],
                            got[i],
                            op == ReduceOp.SUM ? 1e-6 * Math.abs(expected[i]) + 1e-6 : 0,
                            op + " " + Arrays.toString(s) + " at " + i);
                }
                ranOnCL(k.reduceAxis);
            }
        }
        float[] withNaN = values(3 * 200, 1f);
        withNaN[150] = Float.NaN;
        withNaN[450] = Float.NEGATIVE_INFINITY;
        float[] expected = new float[3];
        ArrayPrimitives.reduce(ReduceOp.MAX, withNaN, 200, 1, expected, 0, 3);
        assertArrayEquals(expected, k.readFloats(k.reduce(ReduceOp.MAX, k.fromFloats(withNaN.clone()), 3, 200, 1)));
        float[] long1 = values(100000, 1f);
        long1[77777] = Float.NaN;
        assertTrue(
                Float.isNaN(k.readFloats(k.reduce(ReduceOp.MAX, k.fromFloats(long1), 1, 100000, 1))[0]),
                "a NaN in one part of a split maximum wins");
    }

    @Test
    void matmulMatchesTheReferenceForAllEightLayouts() {
        int[][] sizes = {{3, 5, 7, 2}, {1, 64, 33, 1}, {17, 1, 9, 3}, {4, 8, 4, 2}};
        for (int[] sz : sizes) {
            int m = sz[0];
            int kk = sz[1];
            int n = sz[2];
            int batch = sz[3];
            for (int mask = 0; mask < 16; mask++) {
                MatmulSpec spec = new MatmulSpec(
                        batch, m, kk, n, (mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0);
                float[] a = values((spec.aBatched() ? batch : 1) * m * kk, 1f);
                float[] b = values((spec.bBatched() ? batch : 1) * kk * n, 1f);
                float[] expected = new float[batch * m * n];
                ArrayPrimitives.matmul(a, b, spec, expected, 0, batch);
                float[] got = k.readFloats(k.matmul(k.fromFloats(a.clone()), k.fromFloats(b.clone()), spec));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(
                            expected[i],
                            got[i],
                            1e-5 * Math.sqrt(kk) * Math.max(1, Math.abs(expected[i])),
                            spec + " at " + i);
                }
                ranOnCL(k.matmul);
            }
        }
    }

    @Test
    void permuteMatchesTheReferenceForRanksTwoToFourAndEveryDtype() {
        int[][][] cases = {
            {{3, 5}, {1, 0}},
            {{2, 3, 4}, {2, 0, 1}},
            {{2, 3, 4}, {0, 2, 1}},
            {{2, 3, 4, 5}, {0, 2, 1, 3}},
            {{2, 3, 4, 5}, {3, 1, 0, 2}},
            {{6}, {0}},
        };
        for (int[][] c : cases) {
            float[] a = values(count(c[0]), 1f);
            float[] expected = new float[a.length];
            ArrayPrimitives.permute(a, c[0], c[1], expected);
            assertArrayEquals(expected, k.readFloats(k.permute(k.fromFloats(a.clone()), c[0], c[1])));
            ranOnCL(k.permute);
            int[] ints = new int[a.length];
            long[] longs = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                ints[i] = i * 3 - 7;
                longs[i] = (long) i << 33;
            }
            int[] ei = new int[a.length];
            long[] el = new long[a.length];
            ArrayPrimitives.permute(ints, c[0], c[1], ei);
            ArrayPrimitives.permute(longs, c[0], c[1], el);
            assertArrayEquals(ei, k.readInts(k.permute(k.fromInts(ints), c[0], c[1])));
            assertArrayEquals(el, k.readLongs(k.permute(k.fromLongs(longs), c[0], c[1])));
            ranOnCL(k.permute);
        }
    }

    @Test
    void concatMatchesTheReference() {
        long[] sizes = {3, 1, 4, 0};
        int outer = 5;
        int inner = 6;
        float[][] parts = new float[sizes.length][];
        Storage[] storages = new Storage[sizes.length];
        for (int p = 0; p < sizes.length; p++) {
            parts[p] = values((int) (outer * sizes[p] * inner), 1f);
            storages[p] = k.fromFloats(parts[p].clone());
        }
        float[] expected = new float[outer * 8 * inner];
        ArrayPrimitives.concat(parts, outer, sizes, inner, expected);
        assertArrayEquals(expected, k.readFloats(k.concat(storages, outer, sizes, inner)));
        ranOnCL(k.copyBlocks);
    }

    @Test
    void scatterAddRowsIsExactWithRepeatedAndSkippedIds() {
        int cols = 37;
        int rows = 11;
        int[] ids = new int[300];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(8) == 0 ? -1 : random.nextInt(4);
        }
        float[] src = values(ids.length * cols, 1f);
        float[] expected = new float[rows * cols];
        ArrayPrimitives.scatterAddRows(src, cols, ids, expected);
        assertArrayEquals(
                expected,
                k.readFloats(k.scatterAddRows(k.fromFloats(src.clone()), cols, k.fromInts(ids), rows)),
                "same order of additions as the reference: the same bits");
        ranOnCL(k.scatter);
        long[] longIds = Arrays.stream(ids).asLongStream().toArray();
        float[] base = values(rows * cols, 1f);
        float[] into = base.clone();
        ArrayPrimitives.scatterAddRows(src, cols, ids, into);
        Storage target = k.fromFloats(base.clone());
        k.scatterAddRowsInto(target, rows, cols, k.fromLongs(longIds), k.fromFloats(src.clone()));
        assertArrayEquals(into, k.readFloats(target));
        // Again into the same target: the kernel must see the values it wrote, not a stale device copy.
        ArrayPrimitives.scatterAddRows(src, cols, ids, into);
        k.scatterAddRowsInto(target, rows, cols, k.fromLongs(longIds), k.fromFloats(src.clone()));
        assertArrayEquals(into, k.readFloats(target));
        ranOnCL(k.scatter);
    }

    @Test
    void softmaxAndLogSoftmaxMatchTheComposites() {
        int[][] shapes = {{4, 9, 1}, {2, 7, 3}, {1, 300, 1}};
        for (int[] s : shapes) {
            float[] a = values(count(s), 6f);
            a[1] = Float.NEGATIVE_INFINITY;
            a[a.length - 1] = Float.NEGATIVE_INFINITY;
            for (boolean log : new boolean[] {false, true}) {
                Storage e = log
                        ? ref.logSoftmax(ArrayStorage.of(a.clone()), s[0], s[1], s[2])
                        : ref.softmax(ArrayStorage.of(a.clone()), s[0], s[1], s[2]);
                Storage g = log
                        ? k.logSoftmax(k.fromFloats(a.clone()), s[0], s[1], s[2])
                        : k.softmax(k.fromFloats(a.clone()), s[0], s[1], s[2]);
                assertUlps(
                        (log ? "logSoftmax " : "softmax ") + Arrays.toString(s), ref.readFloats(e), k.readFloats(g), 1);
                ranOnCL(k.softmax);
            }
        }
    }

    @Test
    void inPlaceKernelsMatchTheDefaultsStepAfterStep() {
        int n = 5000;
        float[] p0 = values(n, 1f);
        float[] g0 = values(n, 0.1f);
        Storage pk = k.fromFloats(p0.clone());
        Storage mk = k.zeros(org.llmfromscratch.api.DType.FLOAT32, n);
        Storage vk = k.zeros(org.llmfromscratch.api.DType.FLOAT32, n);
        Storage pr = ArrayStorage.of(p0.clone());
        Storage mr = ArrayStorage.of(new float[n]);
        Storage vr = ArrayStorage.of(new float[n]);
        Storage gradK = k.fromFloats(new float[n]);
        Storage gradR = ArrayStorage.of(new float[n]);
        for (int t = 1; t <= 5; t++) {
            Storage gk = k.fromFloats(g0.clone());
            k.copyInto(gradK, gk);
            k.accumulate(gradK, gk);
            ref.copyInto(gradR, ArrayStorage.of(g0.clone()));
            ref.accumulate(gradR, ArrayStorage.of(g0.clone()));
            assertArrayEquals(ref.readFloats(gradR), k.readFloats(gradK), "copyInto then accumulate, step " + t);
            ranOnCL(k.inPlace);
            double b1 = 0.9;
            double b2 = 0.999;
            AdamStep step = new AdamStep(
                    t % 2 == 0 ? 1 - 1e-3 * 0.1 : 1.0,
                    t == 3 ? 0.01 : 0.0,
                    b1,
                    b2,
                    1e-3 / (1 - Math.pow(b1, t)),
                    Math.sqrt(1 - Math.pow(b2, t)),
                    1e-8);
            k.adamStep(pk, gradK, mk, vk, step);
            ref.adamStep(pr, gradR, mr, vr, step);
            ranOnCL(k.inPlace);
            // A kernel that saw the parameter before must read its new values (uploaded again after the write).
            assertUlps("param after step " + t, ref.readFloats(pr), k.readFloats(pk), 1);
            assertUlps("exp_avg after step " + t, ref.readFloats(mr), k.readFloats(mk), 1);
            assertUlps("exp_avg_sq after step " + t, ref.readFloats(vr), k.readFloats(vk), 1);
            int[] shape = {n};
            assertUlps(
                    "param read by another kernel, step " + t,
                    ref.readFloats(pr),
                    k.readFloats(k.unary(UnaryOp.NEG, k.unary(UnaryOp.NEG, pk))),
                    1);
            assertEquals(shape[0], k.readFloats(pk).length);
        }
    }

    @Test
    void anArrayWrittenInPlaceIsPutAgainToAKernelThatUploadedItBefore() {
        CountingKernel kernel = new CountingKernel();
        Storage s = k.fromFloats(values(100, 1f));
        k.input(kernel, s);
        assertEquals(0, kernel.puts, "an array never written in place is uploaded by Aparapi, once");
        k.accumulate(s, k.fromFloats(values(100, 1f)));
        k.input(kernel, s);
        assertEquals(1, kernel.puts, "written in place since this kernel uploaded it: put again");
        k.input(kernel, s);
        assertEquals(1, kernel.puts, "and only once per write");
        k.adamStep(
                s,
                k.fromFloats(values(100, 1f)),
                k.fromFloats(new float[100]),
                k.fromFloats(new float[100]),
                new AdamStep(1, 0, 0.9, 0.999, 1e-3, 0.1, 1e-8));
        k.input(kernel, s);
        assertEquals(2, kernel.puts, "an optimizer step is a write too");
        // An integer copyInto (a host copy) reaches the permute kernel, which saw the old ids.
        Storage ids = k.fromInts(new int[] {1, 2, 3, 4, 5, 6});
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, k.readInts(k.permute(ids, new int[] {2, 3}, new int[] {1, 0})));
        k.copyInto(ids, k.fromInts(new int[] {7, 8, 9, 10, 11, 12}));
        assertArrayEquals(
                new int[] {7, 10, 8, 11, 9, 12}, k.readInts(k.permute(ids, new int[] {2, 3}, new int[] {1, 0})));
    }

    /** Counts {@code put(float[])}; never launched. */
    private static final class CountingKernel extends Kernel {
        int puts;

        @Override
        public Kernel put(float[] array) {
            puts++;
            return this;
        }

        @Override
        public void run() {}
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void ranOnCL(Kernel kernel) {
        synchronized (kernel) {
            assertTrue(kernel.isRunningCL(), kernel.getClass().getSimpleName() + " ran on OpenCL");
        }
    }

    private float[] values(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    private static int count(int[] shape) {
        int c = 1;
        for (int d : shape) {
            c *= d;
        }
        return c;
    }

    private static void assertUlps(String what, float[] expected, float[] actual, int ulps) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.compare(e, a) == 0 || (Float.isNaN(e) && Float.isNaN(a)) || e == a) {
                continue;
            }
            if (Float.isNaN(e)
                    || Float.isNaN(a)
                    || Float.isInfinite(e)
                    || Float.isInfinite(a)
                    || Math.abs(e - a) > ulps * Math.ulp(e)) {
                fail(what + " at " + i + ": expected " + e + " but was " + a);
            }
        }
    }
}
