package org.llmfromscratch.backend.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;
import org.llmfromscratch.conformance.PrimitiveReference;

/**
 * Every native primitive and fused composite against the plain-loop reference ({@link ArrayKernels}, whose
 * loops are {@code ArrayPrimitives} and whose composites are the SPI defaults), on random inputs, with no
 * array left behind in DJL's managers. Tolerances: element-wise ops and copies are exact or within a few
 * float ulps (PyTorch's vectorised exp/log/tanh differ from {@link Math}'s by an ulp or so); sums are
 * accumulated in double on both sides; matmul accumulates in float in a different order than the
 * reference's i-k-j loop, so its error grows like {@code sqrt(k)} ulps of the row's magnitude.
 */
class DjlPrimitivesTest {
    private final DjlKernels djl = (DjlKernels) Backends.get("djl").kernels();
    private final Kernels ref = new PrimitiveReference();
    private final Random random = new Random(42);
    private int arraysBefore;

    @BeforeEach
    void count() {
        arraysBefore = djl.root().getManagedArrays().size();
    }

    @AfterEach
    void nothingLeft() {
        assertEquals(arraysBefore, djl.root().getManagedArrays().size(), "arrays left in the djl backend's manager");
    }

    private float[] randoms(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian() * 2;
        }
        return a;
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Reads and releases a djl storage. */
    private float[] take(Storage s) {
        try {
            return djl.readFloats(s);
        } finally {
            s.release();
        }
    }

    private float[] takeRef(Storage s) {
        return ref.readFloats(s);
    }

    private static void close(float[] expected, float[] actual, double rel, double abs, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.isNaN(e) || Float.isNaN(a)) {
                if (Float.isNaN(e) != Float.isNaN(a)) {
                    fail(what + ": at " + i + " expected " + e + " but was " + a);
                }
                continue;
            }
            if (e == a) {
                continue;
            }
            if (Math.abs(e - a) > abs + rel * Math.abs(e)) {
                fail(what + ": at " + i + " expected " + e + " but was " + a);
            }
        }
    }

    private static String str(int[] a) {
        return Arrays.toString(a);
    }

    @Test
    void unaryOpsMatchTheReference() {
        float[] x = randoms(1000);
        x[0] = 0f;
        x[1] = -0f;
        x[2] = Float.NaN;
        x[3] = 1e-3f;
        x[4] = 8f;
        x[5] = -8f;
        for (UnaryOp op : UnaryOp.values()) {
            float[] in = x.clone();
            if (op == UnaryOp.LOG || op == UnaryOp.SQRT) {
                for (int i = 6; i < in.length; i++) {
                    in[i] = Math.abs(in[i]);
                }
            }
            Storage s = djl.fromFloats(in.clone());
            float[] got = take(djl.unary(op, s));
            assertArrayEquals(in, djl.readFloats(s), op + " modified its input");
            s.release();
            float[] want = takeRef(ref.unary(op, ref.fromFloats(in.clone())));
            // exp/log/tanh: PyTorch's vectorised versions are within 1-2 ulps of the correctly rounded value;
            // GELU's 1 + tanh(..) cancels for negative x, so an ulp of tanh (6e-8) times 0.5 |x| is absolute.
            boolean gelu = op == UnaryOp.GELU || op == UnaryOp.GELU_GRAD;
            close(want, got, 4e-7, gelu ? 1e-6 : 1e-7, op.toString());
        }
    }

    @Test
    void broadcastOpsMatchTheReferenceForEveryShapePair() {
        int[][][] cases = {
            {{2, 3, 4}, {2, 3, 4}, {2, 3, 4}},
            {{2, 3, 4}, {1, 3, 1}, {2, 3, 4}},
            {{1, 3, 1}, {2, 3, 4}, {2, 3, 4}},
            {{2, 1, 4}, {1, 3, 1}, {2, 3, 4}},
            {{5, 7}, {1, 1}, {5, 7}},
            {{1}, {6}, {6}},
            {{3, 1, 2, 1}, {1, 4, 1, 5}, {3, 4, 2, 5}},
            {{1, 3}, {1, 1}, {4, 3}},
            {{1}, {1}, {2}},
        };
        for (int[][] c : cases) {
            for (BinaryOp op : BinaryOp.values()) {
                float[] a = randoms(count(c[0]));
                float[] b = randoms(count(c[1]));
                if (op == BinaryOp.POW) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = Math.abs(a[i]) + 0.1f;
                    }
                }
                if (op == BinaryOp.MAXIMUM) {
                    a[0] = Float.NaN; // torch.maximum propagates NaN
                }
                if (op == BinaryOp.EQ) {
                    for (int i = 0; i < Math.min(a.length, b.length); i += 2) {
                        a[i] = b[i];
                    }
                }
                Storage sa = djl.fromFloats(a.clone());
                Storage sb = djl.fromFloats(b.clone());
                float[] got = take(djl.broadcast(op, sa, c[0], sb, c[1], c[2]));
                sa.release();
                sb.release();
                float[] want = takeRef(ref.broadcast(op, ref.fromFloats(a), c[0], ref.fromFloats(b), c[1], c[2]));
                close(want, got, op == BinaryOp.POW ? 1e-6 : 0, 0, op + " " + str(c[0]) + " " + str(c[1]));
            }
        }
    }

    @Test
    void powWithASingleSpecialExponentIsExact() {
        for (float e : new float[] {2f, 3f, 1f, 0.5f, 1.7f}) {
            float[] a = randoms(100);
            for (int i = 0; i < a.length; i++) {
                a[i] = Math.abs(a[i]);
            }
            Storage sa = djl.fromFloats(a.clone());
            Storage sb = djl.fromFloats(new float[] {e});
            float[] got = take(djl.broadcast(BinaryOp.POW, sa, new int[] {100}, sb, new int[] {1}, new int[] {100}));
            sa.release();
            sb.release();
            float[] want = takeRef(ref.broadcast(
                    BinaryOp.POW,
                    ref.fromFloats(a),
                    new int[] {100},
                    ref.fromFloats(new float[] {e}),
                    new int[] {1},
                    new int[] {100}));
            // PyTorch's vectorised float sqrt is within an ulp, not always correctly rounded.
            close(want, got, e == 1.7f ? 1e-6 : e == 0.5f ? 1.2e-7 : 0, 0, "pow " + e);
        }
    }

    @Test
    void reductionsAlongEachDimensionMatchTheReference() {
        int[] shape = {3, 5, 7};
        float[] x = randoms(count(shape));
        x[11] = Float.NaN;
        for (int d = 0; d < 3; d++) {
            long outer = 1;
            long inner = 1;
            for (int i = 0; i < d; i++) {
                outer *= shape[i];
            }
            for (int i = d + 1; i < 3; i++) {
                inner *= shape[i];
            }
            for (ReduceOp op : ReduceOp.values()) {
                Storage s = djl.fromFloats(x.clone());
                float[] got = take(djl.reduce(op, s, outer, shape[d], inner));
                s.release();
                float[] want = takeRef(ref.reduce(op, ref.fromFloats(x.clone()), outer, shape[d], inner));
                close(want, got, 1e-7, 0, op + " along " + d);
            }
        }
        Storage s = djl.fromFloats(new float[0]);
        assertArrayEquals(
                new float[] {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY},
                take(djl.reduce(ReduceOp.MAX, s, 2, 0, 1)));
        assertArrayEquals(new float[] {0, 0}, take(djl.reduce(ReduceOp.SUM, s, 2, 0, 1)));
        s.release();
    }

    @Test
    void matmulMatchesTheReferenceForEveryTransposeAndBatchingCombination() {
        int batch = 3;
        int m = 5;
        int k = 17;
        int n = 4;
        for (int combo = 0; combo < 16; combo++) {
            boolean ta = (combo & 1) != 0;
            boolean tb = (combo & 2) != 0;
            boolean ab = (combo & 4) != 0;
            boolean bb = (combo & 8) != 0;
            int bt = ab || bb ? batch : (combo % 3 == 0 ? 1 : batch);
            MatmulSpec spec = new MatmulSpec(bt, m, k, n, ta, tb, ab, bb);
            float[] a = randoms((ab ? bt : 1) * m * k);
            float[] b = randoms((bb ? bt : 1) * k * n);
            Storage sa = djl.fromFloats(a.clone());
            Storage sb = djl.fromFloats(b.clone());
            float[] got = take(djl.matmul(sa, sb, spec));
            sa.release();
            sb.release();
            float[] want = takeRef(ref.matmul(ref.fromFloats(a), ref.fromFloats(b), spec));
            // float accumulation in another order: ~sqrt(k) ulps of the magnitude of the terms (|a||b| ~ 4)
            close(want, got, 1e-5 * Math.sqrt(k), 1e-5 * Math.sqrt(k) * 4, spec.toString());
        }
    }

    @Test
    void permutesOfRankTwoToFourMatchTheReferenceForEveryDtype() {
        int[][][] cases = {
            {{3, 4}, {1, 0}},
            {{3, 4}, {0, 1}},
            {{2, 3, 4}, {2, 0, 1}},
            {{2, 3, 4}, {0, 2, 1}},
            {{2, 3, 4, 5}, {0, 2, 1, 3}},
            {{2, 3, 4, 5}, {3, 2, 1, 0}},
            {{2, 1, 4, 1}, {1, 0, 3, 2}},
        };
        for (int[][] c : cases) {
            float[] a = randoms(count(c[0]));
            Storage s = djl.fromFloats(a.clone());
            float[] got = take(djl.permute(s, c[0], c[1]));
            assertArrayEquals(a, djl.readFloats(s));
            s.release();
            float[] want = takeRef(ref.permute(ref.fromFloats(a), c[0], c[1]));
            assertArrayEquals(want, got, "permute " + str(c[0]) + " " + str(c[1]));

            int[] ints = new int[a.length];
            long[] longs = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                ints[i] = i * 7 - 3;
                longs[i] = i * 1_000_000_007L;
            }
            Storage si = djl.fromInts(ints.clone());
            Storage pi = djl.permute(si, c[0], c[1]);
            assertEquals(DType.INT32, pi.dtype());
            assertArrayEquals(ref.readInts(ref.permute(ref.fromInts(ints.clone()), c[0], c[1])), djl.readInts(pi));
            pi.release();
            si.release();
            Storage sl = djl.fromLongs(longs.clone());
            Storage pl = djl.permute(sl, c[0], c[1]);
            assertArrayEquals(ref.readLongs(ref.permute(ref.fromLongs(longs.clone()), c[0], c[1])), djl.readLongs(pl));
            pl.release();
            sl.release();
        }
    }

    @Test
    void anIdentityPermuteIsACopyNotAView() {
        Storage s = djl.fromFloats(new float[] {1, 2, 3, 4});
        Storage p = djl.permute(s, new int[] {2, 2}, new int[] {0, 1});
        Storage zeros = djl.zeros(DType.FLOAT32, 4);
        djl.copyInto(p, zeros);
        assertArrayEquals(new float[] {1, 2, 3, 4}, djl.readFloats(s));
        zeros.release();
        p.release();
        s.release();
    }

    @Test
    void concatMatchesTheReference() {
        long outer = 3;
        long inner = 4;
        long[] sizes = {2, 0, 5, 1};
        Storage[] parts = new Storage[sizes.length];
        Storage[] refParts = new Storage[sizes.length];
        for (int p = 0; p < sizes.length; p++) {
            float[] a = randoms((int) (outer * sizes[p] * inner));
            parts[p] = djl.fromFloats(a.clone());
            refParts[p] = ref.fromFloats(a);
        }
        float[] got = take(djl.concat(parts, outer, sizes, inner));
        for (Storage s : parts) {
            s.release();
        }
        assertArrayEquals(takeRef(ref.concat(refParts, outer, sizes, inner)), got);
    }

    @Test
    void scatterAddRowsIsBitExactWithRepeatsAndSkips() {
        int rows = 11;
        int cols = 6;
        int[] ids = new int[40];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(rows + 1) - 1; // -1 .. rows-1, with many repeats
        }
        float[] src = randoms(ids.length * cols);
        for (boolean longIds : new boolean[] {false, true}) {
            Storage s = djl.fromFloats(src.clone());
            Storage i =
                    longIds ? djl.fromLongs(Arrays.stream(ids).asLongStream().toArray()) : djl.fromInts(ids.clone());
            float[] got = take(djl.scatterAddRows(s, cols, i, rows));
            float[] want =
                    takeRef(ref.scatterAddRows(ref.fromFloats(src.clone()), cols, ref.fromInts(ids.clone()), rows));
            assertArrayEquals(want, got, "scatterAddRows");

            float[] base = randoms(rows * cols);
            Storage target = djl.fromFloats(base.clone());
            djl.scatterAddRowsInto(target, rows, cols, i, s);
            // The SPI's composition (ArrayKernels adds into the target row by row instead): a dense
            // scatter, then one add per element, as PyTorch accumulates an embedding's gradient.
            Storage refTarget = ref.fromFloats(base.clone());
            ref.accumulate(
                    refTarget, ref.scatterAddRows(ref.fromFloats(src.clone()), cols, ref.fromInts(ids.clone()), rows));
            assertArrayEquals(ref.readFloats(refTarget), take(target), "scatterAddRowsInto");
            s.release();
            i.release();
        }
        Storage none = djl.fromInts(new int[] {-1, -1});
        Storage s = djl.fromFloats(new float[2 * cols]);
        assertArrayEquals(new float[rows * cols], take(djl.scatterAddRows(s, cols, none, rows)));
        s.release();
        none.release();
    }

    /** GPT-2's vocabulary, a 1,024-token batch with many repeats: the reference's bits on 1 and 2 threads. */
    @Test
    void scatterAddRowsIntoALargeTableIsTheSameOnEveryThreadCount() {
        int rows = 50257;
        int cols = 16;
        int[] ids = new int[1024];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 7 == 0 ? -1 : random.nextInt(40) * 1000;
        }
        float[] src = randoms(ids.length * cols);
        float[] want = takeRef(ref.scatterAddRows(ref.fromFloats(src.clone()), cols, ref.fromInts(ids.clone()), rows));
        Storage s = djl.fromFloats(src.clone());
        Storage i = djl.fromInts(ids.clone());
        int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        try {
            for (int t : new int[] {1, 2, threads}) {
                ai.djl.pytorch.jni.JniUtils.setNumThreads(t);
                assertArrayEquals(want, take(djl.scatterAddRows(s, cols, i, rows)), t + " threads");
            }
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
            s.release();
            i.release();
        }
    }

    @Test
    void maskedFillMatchesTheReferenceWithBroadcastMasks() {
        int[][][] cases = {
            {{2, 3, 4}, {2, 3, 4}},
            {{2, 3, 4}, {1, 3, 4}},
            {{2, 3, 4}, {1, 1, 4}},
            {{2, 3, 4}, {2, 1, 1}},
        };
        for (int[][] c : cases) {
            for (float value : new float[] {Float.NEGATIVE_INFINITY, 0f, -1e9f}) {
                float[] a = randoms(count(c[0]));
                float[] mask = new float[count(c[1])];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = random.nextInt(3) == 0 ? 1f : 0f;
                }
                Storage sa = djl.fromFloats(a.clone());
                Storage sm = djl.fromFloats(mask.clone());
                float[] got = take(djl.maskedFill(sa, c[0], sm, c[1], value));
                sa.release();
                sm.release();
                float[] want = takeRef(ref.maskedFill(ref.fromFloats(a), c[0], ref.fromFloats(mask), c[1], value));
                assertArrayEquals(want, got, "maskedFill " + str(c[1]) + " " + value);
            }
        }
    }

    @Test
    void softmaxAndLogSoftmaxMatchTheCompositionIncludingMinusInfinity() {
        int outer = 4;
        int dim = 9;
        int inner = 3;
        float[] x = randoms(outer * dim * inner);
        for (int i = 0; i < x.length; i += 5) {
            x[i] = Float.NEGATIVE_INFINITY;
        }
        for (int d = 0; d < dim; d++) {
            x[(2 * dim + d) * inner + 1] = Float.NEGATIVE_INFINITY; // one fully masked row: NaN, as PyTorch
        }
        for (boolean log : new boolean[] {false, true}) {
            Storage s = djl.fromFloats(x.clone());
            float[] got = take(log ? djl.logSoftmax(s, outer, dim, inner) : djl.softmax(s, outer, dim, inner));
            s.release();
            Storage r = ref.fromFloats(x.clone());
            float[] want = takeRef(log ? ref.logSoftmax(r, outer, dim, inner) : ref.softmax(r, outer, dim, inner));
            for (int i = 0; i < want.length; i++) {
                if (Float.isInfinite(want[i])) {
                    assertEquals(want[i], got[i], "at " + i);
                }
            }
            close(want, got, 1e-6, 1e-7, log ? "logSoftmax" : "softmax");
        }
    }

    @Test
    void copyIntoAndAccumulateWriteInPlace() {
        float[] a = randoms(50);
        float[] b = randoms(50);
        Storage t = djl.fromFloats(a.clone());
        Storage s = djl.fromFloats(b.clone());
        djl.accumulate(t, s);
        Storage rt = ref.fromFloats(a.clone());
        ref.accumulate(rt, ref.fromFloats(b.clone()));
        assertArrayEquals(ref.readFloats(rt), djl.readFloats(t));
        djl.copyInto(t, s);
        assertArrayEquals(b, djl.readFloats(t));
        assertArrayEquals(b, djl.readFloats(s));
        t.release();
        s.release();
        Storage ti = djl.fromLongs(new long[] {1, 2, 3});
        Storage si = djl.fromLongs(new long[] {-4, 5, 1L << 40});
        djl.copyInto(ti, si);
        assertArrayEquals(new long[] {-4, 5, 1L << 40}, djl.readLongs(ti));
        ti.release();
        si.release();
    }

    /**
     * The SPI's documented float32 order of operations for one Adam step, as plain Java float arithmetic.
     */
    private static void adam(float[] p, float[] g, float[] m, float[] v, AdamStep s) {
        for (int i = 0; i < p.length; i++) {
            float pi = s.decayFactor() == 1.0 ? p[i] : p[i] * (float) s.decayFactor();
            float gi = s.l2() == 0.0 ? g[i] : g[i] + pi * (float) s.l2();
            m[i] = m[i] * (float) s.beta1() + gi * (float) (1 - s.beta1());
            v[i] = v[i] * (float) s.beta2() + gi * (float) (1 - s.beta2()) * gi;
            float denom = (float) Math.sqrt(v[i]) / (float) s.biasCorrection2Sqrt() + (float) s.eps();
            p[i] = pi + m[i] * (float) -s.stepSize() / denom;
        }
    }

    @Test
    void adamStepMatchesTheDocumentedOrderOfOperations() {
        AdamStep[] steps = {
            new AdamStep(1.0, 0.0, 0.9, 0.999, 0.001 / (1 - 0.9), Math.sqrt(1 - 0.999), 1e-8),
            new AdamStep(1 - 0.001 * 0.1, 0.0, 0.9, 0.95, 4e-4 / (1 - 0.81), Math.sqrt(1 - 0.95 * 0.95), 1e-8),
            new AdamStep(1.0, 0.01, 0.8, 0.99, 0.01, 0.3, 1e-6),
        };
        for (AdamStep st : steps) {
            int n = 300;
            float[] p = randoms(n);
            float[] g = randoms(n);
            float[] m = randoms(n);
            float[] v = randoms(n);
            for (int i = 0; i < n; i++) {
                v[i] = v[i] * v[i];
            }
            Storage[] d = {
                djl.fromFloats(p.clone()),
                djl.fromFloats(g.clone()),
                djl.fromFloats(m.clone()),
                djl.fromFloats(v.clone())
            };
            Storage[] r = {
                ref.fromFloats(p.clone()),
                ref.fromFloats(g.clone()),
                ref.fromFloats(m.clone()),
                ref.fromFloats(v.clone())
            };
            for (int rep = 0; rep < 3; rep++) {
                djl.adamStep(d[0], d[1], d[2], d[3], st);
                adam(p, g, m, v, st);
                ref.adamStep(r[0], r[1], r[2], r[3], st); // the SPI's default composition
            }
            float[][] want = {p, g, m, v};
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(want[i], ref.readFloats(r[i]), "the composition and the documented order");
            }
            String[] names = {"param", "grad", "expAvg", "expAvgSq"};
            for (int i = 0; i < 4; i++) {
                // PyTorch's float sqrt may be an ulp off the correctly rounded one: so may every later value.
                close(want[i], take(d[i]), 3e-7, 1e-12, names[i] + " after " + st);
            }
        }
    }
}
