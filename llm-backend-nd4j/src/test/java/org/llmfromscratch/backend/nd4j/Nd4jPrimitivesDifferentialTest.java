package org.llmfromscratch.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;
import org.llmfromscratch.conformance.PrimitiveReference;

/**
 * Every training primitive and fused composite of {@link Nd4jKernels} against the plain-loop reference
 * ({@link ArrayKernels}: {@code ArrayPrimitives} for the primitives, the SPI's default compositions for
 * softmax and Adam), on random inputs and the edge cases (broadcasting on either side, transposes,
 * batches and shared operands, repeated and skipped ids, -inf, NaN, signed zeros).
 *
 * <p>Tolerances, and why: element-wise arithmetic, comparisons, movement and scatter must give the same
 * bits (IEEE float operations in the same order); exp/log/tanh come from libnd4j's math library instead
 * of Java's, so within 2 ulp (tanh within 2e-7 absolute: libnd4j's is not accurate relative to tiny values); sums are accumulated in double on both sides, so within 1 ulp of the
 * reference's rounding; matmul accumulates in float in another order (blocked BLAS), so within
 * {@code 1e-5 * sqrt(k) * sum|a||b|}; softmax comes from libnd4j's fused kernel, within 1e-6 absolute.
 */
class Nd4jPrimitivesDifferentialTest {
    private final Nd4jKernels nd = new Nd4jKernels("test");
    private final Kernels ref = new PrimitiveReference();
    private final Random random = new Random(20261202);
    private final List<Storage> made = new ArrayList<>();
    private final long liveAtStart = Nd4jStorage.live();

    @AfterEach
    void releaseEverything() {
        made.forEach(Storage::release);
        assertEquals(liveAtStart, Nd4jStorage.live(), "every storage made by the kernels was released");
    }

    // ---- element-wise ------------------------------------------------------------------------------

    @Test
    void unaryMatchesTheReference() {
        float[] x = withSpecials(random(2000, -6, 6));
        for (UnaryOp op : UnaryOp.values()) {
            float[] in = op == UnaryOp.LOG || op == UnaryOp.SQRT ? abs(x) : x;
            float[] expected = ref.readFloats(keep(ref.unary(op, ref.fromFloats(in.clone()))));
            float[] actual = nd.readFloats(keep(nd.unary(op, nd(in))));
            switch (op) {
                case EXP, LOG, SQRT -> assertUlps(op.name(), expected, actual, 2);
                    // libnd4j's tanhf is accurate to ~1e-7 absolute, not relative (a few ulp near 0, 0 for 1e-30),
                    // and GELU's formula scales that error by at most ~1.2.
                case TANH, GELU -> assertClose(op.name(), expected, actual, 2e-7, 1e-6);
                case GELU_GRAD -> assertGeluGrad(in, expected, actual);
                default -> assertBits(op.name(), expected, actual);
            }
        }
    }

    @Test
    void broadcastMatchesTheReferenceForEveryOpAndShape() {
        int[][][] cases = {
            {{2, 3, 4}, {2, 3, 4}, {2, 3, 4}},
            {{2, 3, 4}, {1, 3, 1}, {2, 3, 4}},
            {{1, 3, 1}, {2, 3, 4}, {2, 3, 4}},
            {{2, 1, 4}, {1, 3, 1}, {2, 3, 4}},
            {{1, 1, 4}, {2, 3, 1}, {2, 3, 4}},
            {{2, 3, 4}, {1, 1, 1}, {2, 3, 4}},
            {{1, 1, 1}, {2, 3, 4}, {2, 3, 4}},
            {{}, {}, {}},
            {{5}, {1}, {5}},
            {{1}, {1}, {16}}, // the API's expand: neither operand spans the output
            {{2, 1, 1}, {1, 1, 4}, {2, 3, 4}},
        };
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] c : cases) {
                float[] a = random(numel(c[0]), -3, 3);
                float[] b = random(numel(c[1]), -3, 3);
                if (op == BinaryOp.POW) {
                    a = abs(a);
                }
                if (op == BinaryOp.EQ) {
                    for (int i = 0; i < b.length; i += 2) {
                        b[i] = a[i % a.length];
                    }
                }
                check(op, a, c[0], b, c[1], c[2]);
            }
        }
        // NaN, infinities and signed zeros through every op.
        float[] a = {Float.NaN, 1f, 0f, -0f, Float.POSITIVE_INFINITY, 2f, Float.NEGATIVE_INFINITY, -1f};
        float[] b = {1f, Float.NaN, -0f, 0f, Float.POSITIVE_INFINITY, 2f, 3f, Float.NEGATIVE_INFINITY};
        for (BinaryOp op : BinaryOp.values()) {
            if (op != BinaryOp.POW && op != BinaryOp.MAXIMUM) {
                check(op, a, new int[] {8}, b, new int[] {8}, new int[] {8});
            }
        }
        float[] nanFree = {1f, 0f, 5f, -2f};
        check(BinaryOp.MAXIMUM, new float[] {Float.NaN, 1f, 2f, 3f}, new int[] {4}, nanFree, new int[] {4}, new int[] {4
        });
        check(BinaryOp.MAXIMUM, nanFree, new int[] {4}, new float[] {Float.NaN, 1f, 2f, 3f}, new int[] {4}, new int[] {4
        });
        check(BinaryOp.MAXIMUM, nanFree, new int[] {4}, new float[] {0.5f}, new int[] {1}, new int[] {4});
    }

    @Test
    void powWithTheExponentsPyTorchComputesExactlyGivesTheSameBits() {
        float[] a = random(500, -4, 4);
        for (float e : new float[] {1f, 2f, 3f, 0.5f}) {
            float[] base = e == 0.5f ? abs(a) : a;
            float[] expected = new float[base.length];
            for (int i = 0; i < base.length; i++) {
                expected[i] = BinaryOp.POW.apply(base[i], e);
            }
            Storage r = keep(nd.broadcast(
                    BinaryOp.POW, nd(base), new int[] {500}, nd(new float[] {e}), new int[] {1}, new int[] {500}));
            assertBits("pow " + e, expected, nd.readFloats(r));
        }
    }

    private void check(BinaryOp op, float[] a, int[] as, float[] b, int[] bs, int[] os) {
        float[] expected = ref.readFloats(
                keep(ref.broadcast(op, ref.fromFloats(a.clone()), as, ref.fromFloats(b.clone()), bs, os)));
        float[] actual = nd.readFloats(keep(nd.broadcast(op, nd(a), as, nd(b), bs, os)));
        String what = op + " " + Arrays.toString(as) + " with " + Arrays.toString(bs);
        if (op == BinaryOp.POW) {
            assertUlps(what, expected, actual, 2);
        } else {
            assertBits(what, expected, actual);
        }
    }

    @Test
    void maskedFillWithBroadcastMasksMatchesTheReference() {
        int[] shape = {2, 3, 4, 4};
        float[] a = random(numel(shape), -2, 2);
        int[][] maskShapes = {{1, 1, 4, 4}, {2, 3, 4, 4}, {2, 1, 1, 4}, {1, 1, 1, 1}, {1, 3, 4, 1}};
        for (int[] ms : maskShapes) {
            float[] mask = new float[numel(ms)];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = random.nextInt(3) == 0 ? 0f : (i % 5 == 0 ? Float.NaN : 1f);
            }
            for (float value : new float[] {Float.NEGATIVE_INFINITY, 0f, 7.5f, Float.NaN}) {
                float[] expected = ref.readFloats(keep(
                        ref.maskedFill(ref.fromFloats(a.clone()), shape, ref.fromFloats(mask.clone()), ms, value)));
                float[] actual = nd.readFloats(keep(nd.maskedFill(nd(a), shape, nd(mask), ms, value)));
                assertBits("maskedFill " + Arrays.toString(ms) + " " + value, expected, actual);
            }
        }
    }

    // ---- reductions and softmax ----------------------------------------------------------------

    @Test
    void reduceAlongEachDimensionMatchesTheReference() {
        int[] shape = {3, 5, 7};
        float[] a = random(numel(shape), -100, 100);
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
                float[] expected =
                        ref.readFloats(keep(ref.reduce(op, ref.fromFloats(a.clone()), outer, shape[d], inner)));
                float[] actual = nd.readFloats(keep(nd.reduce(op, nd(a), outer, shape[d], inner)));
                if (op == ReduceOp.SUM) {
                    assertUlps("sum dim " + d, expected, actual, 1);
                } else {
                    assertBits("max dim " + d, expected, actual);
                }
            }
        }
        // A long sum where float accumulation would drift: the double accumulation keeps it to one rounding.
        float[] longRow = random(100_000, 0, 1);
        float[] expected =
                ref.readFloats(keep(ref.reduce(ReduceOp.SUM, ref.fromFloats(longRow.clone()), 1, 100_000, 1)));
        assertUlps("long sum", expected, nd.readFloats(keep(nd.reduce(ReduceOp.SUM, nd(longRow), 1, 100_000, 1))), 1);
        float[] special = {
            1f, Float.NaN, 3f, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f, 0f, -1f
        };
        for (ReduceOp op : ReduceOp.values()) {
            float[] e = ref.readFloats(keep(ref.reduce(op, ref.fromFloats(special.clone()), 3, 3, 1)));
            assertBits("special " + op, e, nd.readFloats(keep(nd.reduce(op, nd(special), 3, 3, 1))));
        }
    }

    @Test
    void softmaxAndLogSoftmaxMatchTheComposition() {
        for (long[] s : new long[][] {{6, 10, 1}, {2, 5, 3}, {1, 1, 4}}) {
            float[] a = random((int) (s[0] * s[1] * s[2]), -8, 8);
            for (int i = 0; i < a.length; i += 3) {
                a[i] = Float.NEGATIVE_INFINITY;
            }
            if (s[2] == 1) {
                Arrays.fill(a, 0, (int) s[1], Float.NEGATIVE_INFINITY); // a fully masked row: NaN, as PyTorch
            }
            for (boolean log : new boolean[] {false, true}) {
                Storage e = keep(
                        log
                                ? ref.logSoftmax(ref.fromFloats(a.clone()), s[0], s[1], s[2])
                                : ref.softmax(ref.fromFloats(a.clone()), s[0], s[1], s[2]));
                Storage r = keep(log ? nd.logSoftmax(nd(a), s[0], s[1], s[2]) : nd.softmax(nd(a), s[0], s[1], s[2]));
                assertClose(
                        (log ? "logSoftmax " : "softmax ") + Arrays.toString(s),
                        ref.readFloats(e),
                        nd.readFloats(r),
                        1e-6,
                        1e-6);
            }
        }
    }

    // ---- matmul ----------------------------------------------------------------------------------

    @Test
    void matmulMatchesTheReferenceInAllEightLayouts() {
        for (int batch : new int[] {1, 3}) {
            for (int mask = 0; mask < 16; mask++) {
                boolean ta = (mask & 1) != 0;
                boolean tb = (mask & 2) != 0;
                boolean ab = (mask & 4) != 0;
                boolean bb = (mask & 8) != 0;
                checkMatmul(new MatmulSpec(batch, 5, 7, 4, ta, tb, ab, bb));
                checkMatmul(new MatmulSpec(batch, 33, 300, 17, ta, tb, ab, bb));
            }
        }
        checkMatmul(new MatmulSpec(2, 3, 0, 4, false, false, true, true));
        checkMatmul(new MatmulSpec(1, 1, 1, 1, false, false, false, false));
    }

    private void checkMatmul(MatmulSpec s) {
        float[] a = random((s.aBatched() ? s.batch() : 1) * s.m() * s.k(), -1, 1);
        float[] b = random((s.bBatched() ? s.batch() : 1) * s.k() * s.n(), -1, 1);
        float[] expected = ref.readFloats(keep(ref.matmul(ref.fromFloats(a.clone()), ref.fromFloats(b.clone()), s)));
        float[] actual = nd.readFloats(keep(nd.matmul(nd(a), nd(b), s)));
        // The bound scales with the sum of |a||b| over k, from the same product on absolute values.
        MatmulSpec same = s;
        float[] bound = ref.readFloats(keep(ref.matmul(ref.fromFloats(abs(a)), ref.fromFloats(abs(b)), same)));
        assertEquals(expected.length, actual.length, s.toString());
        double tol = 1e-5 * Math.sqrt(Math.max(1, s.k()));
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(expected[i] - actual[i]) > tol * bound[i] + 1e-30) {
                fail(s + " at " + i + ": expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    // ---- movement --------------------------------------------------------------------------------

    @Test
    void permuteOfRankTwoToFourMatchesTheReferenceForEveryDtype() {
        int[][] shapes = {{3, 5}, {2, 3, 4}, {2, 3, 4, 5}};
        for (int[] shape : shapes) {
            for (int[] perm : permutations(shape.length)) {
                float[] a = random(numel(shape), -1, 1);
                assertBits(
                        "permute " + Arrays.toString(perm),
                        ref.readFloats(keep(ref.permute(ref.fromFloats(a.clone()), shape, perm))),
                        nd.readFloats(keep(nd.permute(nd(a), shape, perm))));
                int[] ints = new int[a.length];
                long[] longs = new long[a.length];
                for (int i = 0; i < a.length; i++) {
                    ints[i] = i * 7 - 3;
                    longs[i] = (long) i << 33;
                }
                assertArrayEquals(
                        ref.readInts(keep(ref.permute(ref.fromInts(ints.clone()), shape, perm))),
                        nd.readInts(keep(nd.permute(keep(nd.fromInts(ints.clone())), shape, perm))));
                assertArrayEquals(
                        ref.readLongs(keep(ref.permute(ref.fromLongs(longs.clone()), shape, perm))),
                        nd.readLongs(keep(nd.permute(keep(nd.fromLongs(longs.clone())), shape, perm))));
            }
        }
    }

    @Test
    void concatMatchesTheReferenceIncludingEmptyParts() {
        long[][] cases = {{2, 3, 0, 1}, {1, 1, 1, 1}, {4, 0, 5, 0}};
        for (long inner : new long[] {1, 3}) {
            for (long outer : new long[] {1, 2}) {
                for (long[] sizes : cases) {
                    Storage[] r = new Storage[sizes.length];
                    Storage[] n = new Storage[sizes.length];
                    for (int p = 0; p < sizes.length; p++) {
                        float[] v = random((int) (outer * sizes[p] * inner), -1, 1);
                        r[p] = keep(ref.fromFloats(v.clone()));
                        n[p] = nd(v);
                    }
                    assertBits(
                            "concat " + Arrays.toString(sizes),
                            ref.readFloats(keep(ref.concat(r, outer, sizes, inner))),
                            nd.readFloats(keep(nd.concat(n, outer, sizes, inner))));
                }
            }
        }
    }

    // ---- gather/scatter and in-place -----------------------------------------------------------

    @Test
    void scatterAddRowsWithRepeatedAndSkippedIdsGivesTheReferenceBitsEveryRun() {
        int rows = 7;
        int cols = 33;
        int n = 200;
        float[] src = random(n * cols, -1, 1);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(10) == 0 ? -1 : random.nextInt(rows);
        }
        long[] longIds = Arrays.stream(ids).asLongStream().toArray();
        float[] expected = ref.readFloats(
                keep(ref.scatterAddRows(ref.fromFloats(src.clone()), cols, ref.fromInts(ids.clone()), rows)));
        for (int run = 0; run < 3; run++) {
            assertBits(
                    "scatterAddRows int32",
                    expected,
                    nd.readFloats(keep(nd.scatterAddRows(nd(src), cols, keep(nd.fromInts(ids.clone())), rows))));
            assertBits(
                    "scatterAddRows int64",
                    expected,
                    nd.readFloats(keep(nd.scatterAddRows(nd(src), cols, keep(nd.fromLongs(longIds.clone())), rows))));
        }
        float[] base = random(rows * cols, -1, 1);
        Storage target = nd(base);
        Storage refTarget = keep(ref.fromFloats(base.clone()));
        nd.scatterAddRowsInto(target, rows, cols, keep(nd.fromInts(ids.clone())), nd(src));
        ref.scatterAddRowsInto(
                refTarget, rows, cols, keep(ref.fromInts(ids.clone())), keep(ref.fromFloats(src.clone())));
        assertBits("scatterAddRowsInto", ref.readFloats(refTarget), nd.readFloats(target));
    }

    @Test
    void copyIntoAndAccumulateWriteTheTargetInPlace() {
        float[] t = random(3 * 4, -1, 1);
        float[] s = random(3 * 4, -1, 1);
        Storage target = keep(nd.broadcast(
                BinaryOp.ADD, nd(t), new int[] {3, 4}, nd(new float[] {0f}), new int[] {1, 1}, new int[] {3, 4
                })); // a target whose ND4J array is 2-D
        nd.accumulate(target, nd(s));
        float[] sum = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            sum[i] = t[i] + s[i];
        }
        assertBits("accumulate", sum, nd.readFloats(target));
        nd.copyInto(target, nd(s));
        assertBits("copyInto", s, nd.readFloats(target));
        Storage ints = keep(nd.fromInts(new int[] {1, 2, 3}));
        nd.copyInto(ints, keep(nd.fromInts(new int[] {4, 5, 6})));
        assertArrayEquals(new int[] {4, 5, 6}, nd.readInts(ints));
    }

    @Test
    void adamStepGivesTheCompositionsBits() {
        int n = 1000;
        AdamStep[] steps = {
            new AdamStep(1 - 0.0004 * 0.1, 0, 0.9, 0.999, 0.0004 / (1 - 0.9), Math.sqrt(1 - 0.999), 1e-8), // AdamW, t=1
            new AdamStep(
                    1,
                    0.01,
                    0.9,
                    0.95,
                    0.001 / (1 - Math.pow(0.9, 7)),
                    Math.sqrt(1 - Math.pow(0.95, 7)),
                    1e-6), // Adam+L2
            new AdamStep(1, 0, 0.8, 0.99, 0.01, 0.3, 1e-8),
        };
        for (AdamStep st : steps) {
            float[] p = random(n, -1, 1);
            float[] g = random(n, -1, 1);
            float[] m = random(n, -0.1f, 0.1f);
            float[] v = abs(random(n, 0, 0.01f));
            Storage rp = keep(ref.fromFloats(p.clone()));
            Storage rm = keep(ref.fromFloats(m.clone()));
            Storage rv = keep(ref.fromFloats(v.clone()));
            Storage np = nd(p);
            Storage nm = nd(m);
            Storage nv = nd(v);
            Storage ng = nd(g);
            for (int i = 0; i < 3; i++) {
                ref.adamStep(rp, keep(ref.fromFloats(g.clone())), rm, rv, st);
                nd.adamStep(np, ng, nm, nv, st);
            }
            assertBits("adam param " + st, ref.readFloats(rp), nd.readFloats(np));
            assertBits("adam m " + st, ref.readFloats(rm), nd.readFloats(nm));
            assertBits("adam v " + st, ref.readFloats(rv), nd.readFloats(nv));
            assertBits("grad untouched", g, nd.readFloats(ng));
        }
    }

    @Test
    void inputsAreNeverModified() {
        float[] a = random(24, -2, 2);
        Storage s = nd(a);
        for (UnaryOp op : UnaryOp.values()) {
            keep(nd.unary(op, s));
        }
        keep(nd.reduce(ReduceOp.SUM, s, 2, 3, 4));
        keep(nd.reduce(ReduceOp.MAX, s, 2, 3, 4));
        keep(nd.softmax(s, 2, 3, 4));
        keep(nd.logSoftmax(s, 2, 3, 4));
        keep(nd.permute(s, new int[] {2, 3, 4}, new int[] {2, 0, 1}));
        keep(nd.maskedFill(s, new int[] {2, 3, 4}, nd(new float[] {1, 0, 1, 0}), new int[] {1, 1, 4}, -1f));
        keep(nd.matmul(s, s, new MatmulSpec(2, 3, 4, 3, false, true, true, true)));
        keep(nd.broadcast(BinaryOp.POW, s, new int[] {24}, s, new int[] {24}, new int[] {24}));
        assertBits("input", a, nd.readFloats(s));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private Storage nd(float[] values) {
        return keep(nd.fromFloats(values.clone()));
    }

    private Storage keep(Storage s) {
        made.add(s);
        return s;
    }

    private float[] random(int n, float lo, float hi) {
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = lo + (hi - lo) * random.nextFloat();
        }
        return r;
    }

    private static float[] withSpecials(float[] x) {
        float[] s = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -1e-30f, 30f, -30f};
        float[] r = Arrays.copyOf(x, x.length + s.length);
        System.arraycopy(s, 0, r, x.length, s.length);
        return r;
    }

    private static float[] abs(float[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = Math.abs(x[i]);
        }
        return r;
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[pos] = i;
                permute(cur, used, pos + 1, out);
                used[i] = false;
            }
        }
    }

    private static void assertBits(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                fail(what + " at " + i + ": expected " + expected[i] + ", got " + actual[i]);
            }
        }
    }

    private static void assertUlps(String what, float[] expected, float[] actual, int ulps) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.floatToIntBits(e) == Float.floatToIntBits(a) || e == a) {
                continue;
            }
            if (Float.isNaN(e)
                    || Float.isNaN(a)
                    || Float.isInfinite(e)
                    || Float.isInfinite(a)
                    || Math.abs(e - a) > ulps * Math.ulp(e)) {
                fail(what + " at " + i + ": expected " + e + ", got " + a);
            }
        }
    }

    /**
     * GELU's derivative multiplies a 2-ulp difference in {@code t = tanh(...)} (libnd4j's against Java's,
     * both correctly used) by {@code d/dt = 0.5 - x t c (1 + 3k x^2)}, about 10 at |x| = 4, and by the
     * cancellation in {@code 1 - t^2}: the bound is 2.4e-7 times that factor.
     */
    private static void assertGeluGrad(float[] x, float[] expected, float[] actual) {
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i]) || Float.isInfinite(x[i])) {
                assertEquals(
                        Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "GELU_GRAD at " + x[i]);
                continue;
            }
            double factor = 0.5 + Math.abs(x[i]) * UnaryOp.GELU_C * (1 + 3 * 0.044715 * x[i] * x[i]);
            double tol = 2.4e-7 * factor + 1e-6 * Math.abs(expected[i]);
            assertTrue(
                    Math.abs(expected[i] - actual[i]) <= tol,
                    "GELU_GRAD at x = " + x[i] + ": expected " + expected[i] + ", got " + actual[i]);
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual, double abs, double rel) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            if (Float.floatToIntBits(e) == Float.floatToIntBits(a) || e == a) {
                continue;
            }
            boolean ok = !Float.isNaN(e)
                    && !Float.isNaN(a)
                    && !Float.isInfinite(e)
                    && !Float.isInfinite(a)
                    && Math.abs(e - a) <= abs + rel * Math.abs(e);
            assertTrue(ok, what + " at " + i + ": expected " + e + ", got " + a);
        }
    }
}
