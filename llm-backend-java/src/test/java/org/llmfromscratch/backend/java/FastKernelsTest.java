package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Every fast kernel of the java backend against the SPI's reference loops ({@link ArrayPrimitives}, and the
 * default composites through a bare {@link ArrayKernels}), at sizes that take the threaded, blocked and
 * packed paths with remainders in every blocking dimension, and the same bits on 1 and 2 threads. Surefire
 * runs this class twice: with the Vector API and with the scalar loops.
 *
 * <p>Tolerances: every kernel except matmul does the reference's float operations in the reference's order
 * (sums in double, in index order), so it must give the same bits. Matmul accumulates in float with FMAs in
 * K-blocks, so it may differ by rounding: relative {@code 1e-5 * sqrt(k)}, about 20 times the expected
 * float error of a k-term dot product, far below any indexing mistake (which is off by O(1)).
 */
class FastKernelsTest {
    private final JavaKernels one = new JavaKernels(1);
    private final JavaKernels two = new JavaKernels(2);
    private final PrimitiveReference reference = new PrimitiveReference();
    private final Random random = new Random(7);

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

    private static Storage of(float[] x) {
        return ArrayStorage.of(x.clone());
    }

    @Test
    void theVectorGemmIsUsedExactlyWhenItsModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(module, Gemm.INSTANCE instanceof VectorGemm, Gemm.INSTANCE.describe());
    }

    @Test
    void matmulMatchesTheReferenceForEveryLayoutAndBatching() {
        // k = 260 crosses the 256-row K-block; n = 150 leaves a partial panel (48 and 16 wide); m = 131
        // leaves 3 rows after the 4-row groups and a partial 64-row cache block.
        int batch = 3;
        int m = 131;
        int k = 260;
        int n = 150;
        for (int flags = 0; flags < 16; flags++) {
            boolean transA = (flags & 1) != 0;
            boolean transB = (flags & 2) != 0;
            boolean aBatched = (flags & 4) != 0;
            boolean bBatched = (flags & 8) != 0;
            MatmulSpec spec = new MatmulSpec(batch, m, k, n, transA, transB, aBatched, bBatched);
            float[] a = randoms((aBatched ? batch : 1) * m * k);
            float[] b = randoms((bBatched ? batch : 1) * k * n);
            float[] expected = new float[batch * m * n];
            ArrayPrimitives.matmul(a, b, spec, expected, 0, batch);
            float[] got1 = floats(one.matmul(of(a), of(b), spec));
            float[] got2 = floats(two.matmul(of(a), of(b), spec));
            assertClose(expected, got1, k, spec.toString());
            assertArrayEquals(got1, got2, "1 and 2 threads give the same bits: " + spec);
        }
    }

    @Test
    void smallAndDegenerateMatmulsMatchTheReference() {
        // m < 4 with much work ({1, 768, 700}: one generated token through a head) takes the dot-product path.
        int[][] sizes = {
            {1, 1, 1},
            {2, 3, 4},
            {5, 1, 7},
            {4, 300, 1},
            {17, 5, 49},
            {33, 64, 97},
            {64, 0, 3},
            {1, 768, 700},
            {3, 300, 50}
        };
        for (int[] mkn : sizes) {
            for (int flags = 0; flags < 4; flags++) {
                MatmulSpec spec =
                        new MatmulSpec(2, mkn[0], mkn[1], mkn[2], (flags & 1) != 0, (flags & 2) != 0, true, false);
                float[] a = randoms(2 * mkn[0] * mkn[1]);
                float[] b = randoms(mkn[1] * mkn[2]);
                float[] expected = new float[2 * mkn[0] * mkn[2]];
                ArrayPrimitives.matmul(a, b, spec, expected, 0, 2);
                float[] got = floats(two.matmul(of(a), of(b), spec));
                assertClose(expected, got, Math.max(1, mkn[1]), spec.toString());
                assertArrayEquals(floats(one.matmul(of(a), of(b), spec)), got, "1 and 2 threads: " + spec);
            }
        }
    }

    @Test
    void matmulOverwritesARecycledOutput() {
        MatmulSpec spec = new MatmulSpec(1, 256, 300, 256, false, false, false, false);
        float[] a = randoms(256 * 300);
        float[] b = randoms(300 * 256);
        float[] first = floats(two.matmul(of(a), of(b), spec)).clone();
        Storage junk = two.unary(UnaryOp.EXP, of(randoms(256 * 256)));
        junk.release(); // its array, full of other values, goes back to the pool
        assertArrayEquals(first, floats(two.matmul(of(a), of(b), spec)));
    }

    private static void assertClose(float[] expected, float[] actual, int k, String what) {
        assertEquals(expected.length, actual.length, what);
        double rtol = 1e-5 * Math.sqrt(k);
        for (int i = 0; i < expected.length; i++) {
            double tol = rtol * (1 + Math.abs(expected[i]));
            assertTrue(
                    Math.abs(expected[i] - actual[i]) <= tol,
                    what + " element " + i + ": expected " + expected[i] + " got " + actual[i]);
        }
    }

    @Test
    void unaryGivesTheReferenceBits() {
        float[] x = randoms(100_003);
        for (int i = 0; i < x.length; i += 97) {
            x[i] *= 20;
        }
        x[5] = Float.NaN;
        x[6] = Float.NEGATIVE_INFINITY;
        for (UnaryOp op : UnaryOp.values()) {
            float[] expected = new float[x.length];
            ArrayPrimitives.unary(op, x, expected, 0, x.length);
            assertArrayEquals(expected, floats(one.unary(op, of(x))), op.name());
            assertArrayEquals(expected, floats(two.unary(op, of(x))), op.name());
        }
    }

    @Test
    void broadcastGivesTheReferenceBitsOnEitherSide() {
        int[][][] cases = {
            {{4, 50, 700}, {1, 1, 700}}, {{4, 50, 700}, {4, 50, 700}}, {{1, 1, 1}, {4, 50, 700}},
            {{4, 1, 700}, {1, 50, 1}}, {{4, 50, 1}, {4, 50, 700}}, {{3, 1, 5, 2000}, {1, 7, 5, 1}},
            {{2, 3}, {2, 1}}, {{1}, {1}}, {{300, 1}, {1, 300}}
        };
        for (int[][] c : cases) {
            for (int swap = 0; swap < 2; swap++) {
                int[] as = c[swap];
                int[] bs = c[1 - swap];
                int[] out = new int[as.length];
                for (int d = 0; d < out.length; d++) {
                    out[d] = Math.max(as[d], bs[d]);
                }
                float[] a = randoms(count(as));
                float[] b = randoms(count(bs));
                b[0] = 0;
                for (BinaryOp op : BinaryOp.values()) {
                    float[] expected = new float[count(out)];
                    ArrayPrimitives.broadcast(op, a, as, b, bs, out, expected);
                    String what = op + " " + Arrays.toString(as) + " " + Arrays.toString(bs);
                    assertArrayEquals(expected, floats(one.broadcast(op, of(a), as, of(b), bs, out)), what);
                    assertArrayEquals(expected, floats(two.broadcast(op, of(a), as, of(b), bs, out)), what);
                }
            }
        }
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Test
    void reduceGivesTheReferenceBitsAlongEachDimension() {
        int[] shape = {6, 130, 170};
        float[] x = randoms(count(shape));
        x[1000] = Float.NaN;
        for (int dim = 0; dim < 3; dim++) {
            int outer = 1;
            for (int d = 0; d < dim; d++) {
                outer *= shape[d];
            }
            int inner = 1;
            for (int d = dim + 1; d < 3; d++) {
                inner *= shape[d];
            }
            for (ReduceOp op : ReduceOp.values()) {
                float[] expected = new float[outer * inner];
                ArrayPrimitives.reduce(op, x, shape[dim], inner, expected, 0, outer);
                assertArrayEquals(expected, floats(one.reduce(op, of(x), outer, shape[dim], inner)), op + " " + dim);
                assertArrayEquals(expected, floats(two.reduce(op, of(x), outer, shape[dim], inner)), op + " " + dim);
            }
        }
    }

    @Test
    void softmaxAndLogSoftmaxGiveTheCompositesBits() {
        float[] x = randoms(300 * 517);
        for (int i = 0; i < x.length; i += 3) {
            x[i] = Float.NEGATIVE_INFINITY; // a causal mask's -inf entries
        }
        Arrays.fill(x, 517, 2 * 517, Float.NEGATIVE_INFINITY); // a row of -inf only: NaN, as PyTorch
        long[][] views = {{300, 517, 1}, {1, 300, 517}, {5, 60, 517}};
        for (long[] v : views) {
            assertArrayEquals(
                    floats(reference.softmax(of(x), v[0], v[1], v[2])), floats(two.softmax(of(x), v[0], v[1], v[2])));
            assertArrayEquals(
                    floats(reference.softmax(of(x), v[0], v[1], v[2])), floats(one.softmax(of(x), v[0], v[1], v[2])));
            assertArrayEquals(
                    floats(reference.logSoftmax(of(x), v[0], v[1], v[2])),
                    floats(two.logSoftmax(of(x), v[0], v[1], v[2])));
        }
    }

    @Test
    void permuteGivesTheReferenceForEveryPermutationOfRanks2To4() {
        int[][] shapes = {{300, 257}, {7, 60, 90}, {4, 130, 6, 64}, {3, 1, 50, 7}};
        for (int[] shape : shapes) {
            float[] x = randoms(count(shape));
            for (int[] perm : permutations(shape.length)) {
                float[] expected = new float[x.length];
                ArrayPrimitives.permute(x, shape, perm, expected);
                String what = Arrays.toString(shape) + " " + Arrays.toString(perm);
                assertArrayEquals(expected, floats(two.permute(of(x), shape, perm)), what);
                assertArrayEquals(expected, floats(one.permute(of(x), shape, perm)), what);
            }
        }
        int[] ints = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(
                new int[] {1, 4, 2, 5, 3, 6},
                ((ArrayStorage) two.permute(ArrayStorage.of(ints), new int[] {2, 3}, new int[] {1, 0})).ints);
    }

    private static java.util.List<int[]> permutations(int n) {
        java.util.List<int[]> all = new java.util.ArrayList<>();
        permute(new int[n], new boolean[n], 0, all);
        return all;
    }

    private static void permute(int[] p, boolean[] used, int at, java.util.List<int[]> all) {
        if (at == p.length) {
            all.add(p.clone());
            return;
        }
        for (int i = 0; i < p.length; i++) {
            if (!used[i]) {
                used[i] = true;
                p[at] = i;
                permute(p, used, at + 1, all);
                used[i] = false;
            }
        }
    }

    @Test
    void scatterAddRowsGivesTheReferenceBitsOnAnyThreadCount() {
        int rows = 50;
        int cols = 803; // columns split across threads in units of 16, with a remainder
        int[] ids = new int[400];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(8) == 0 ? -1 : random.nextInt(rows / 5); // many repeats, some skipped
        }
        float[] src = randoms(ids.length * cols);
        float[] expected = new float[rows * cols];
        ArrayPrimitives.scatterAddRows(src, cols, ids, expected);
        assertArrayEquals(expected, floats(one.scatterAddRows(of(src), cols, ArrayStorage.of(ids), rows)));
        assertArrayEquals(expected, floats(two.scatterAddRows(of(src), cols, ArrayStorage.of(ids), rows)));
        long[] longIds = Arrays.stream(ids).asLongStream().toArray();
        assertArrayEquals(expected, floats(two.scatterAddRows(of(src), cols, ArrayStorage.of(longIds), rows)));

        float[] target = randoms(rows * cols);
        float[] into = target.clone();
        ArrayPrimitives.scatterAddRows(src, cols, ids, into);
        Storage t1 = of(target);
        one.scatterAddRowsInto(t1, rows, cols, ArrayStorage.of(ids), of(src));
        Storage t2 = of(target);
        two.scatterAddRowsInto(t2, rows, cols, ArrayStorage.of(ids), of(src));
        assertArrayEquals(into, floats(t1));
        assertArrayEquals(into, floats(t2));
    }

    /** Kernels#adamStep's documented float operations, written out. */
    private static void adamByTheDoc(float[] p, float[] g, float[] m, float[] v, AdamStep s) {
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
    void inPlaceKernelsGiveTheCompositesBits() {
        int n = 200_001;
        float[] target = randoms(n);
        float[] src = randoms(n);
        Storage expected = of(target);
        reference.accumulate(expected, of(src));
        Storage got = of(target);
        two.accumulate(got, of(src));
        assertArrayEquals(floats(expected), floats(got));
        Storage copy = of(target);
        two.copyInto(copy, of(src));
        assertArrayEquals(src, floats(copy));

        AdamStep[] steps = {
            new AdamStep(1 - 1e-3 * 0.1, 0, 0.9, 0.999, 1e-3 / (1 - 0.9), Math.sqrt(1 - 0.999), 1e-8),
            new AdamStep(1, 0.01, 0.9, 0.95, 4e-4 / (1 - 0.9 * 0.9), Math.sqrt(1 - 0.95 * 0.95), 1e-6)
        };
        for (AdamStep step : steps) {
            float[] p = randoms(n);
            float[] g = randoms(n);
            float[] m = randoms(n);
            float[] v = randoms(n);
            for (int i = 0; i < n; i++) {
                v[i] = Math.abs(v[i]);
            }
            Storage[] want = {of(p), of(m), of(v)};
            adamByTheDoc(floats(want[0]), g, floats(want[1]), floats(want[2]), step);
            Storage[] composite = {of(p), of(m), of(v)};
            reference.adamStep(composite[0], of(g), composite[1], composite[2], step);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(floats(want[i]), floats(composite[i]), "the composite does what the doc says");
            }
            for (JavaKernels k : new JavaKernels[] {one, two}) {
                Storage[] have = {of(p), of(m), of(v)};
                k.adamStep(have[0], of(g), have[1], have[2], step);
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(floats(want[i]), floats(have[i]), step + " state " + i);
                }
            }
        }
    }
}
