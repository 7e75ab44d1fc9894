package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;

/**
 * Random shapes and ids, every op compared with {@link ReferenceKernels}. Gathers, slices and the
 * fused embedding move values without arithmetic beyond one float add, so they must match exactly;
 * reductions may sum in another order, so they get the tolerance of {@link #reductionTolerance}.
 */
public interface DifferentialContract extends ConformanceFixture {

    int CASES = 40;

    /**
     * How far a backend's sum or norm may be from the reference's sequential double sum. Every backend
     * accumulates in double (the SPI's contract), in an order of its choice: that differs by at most
     * {@code n} double roundings of the running sum, below {@code n * 2^-53 * sum|v|}. The result is then
     * rounded to float, which may land on the neighbouring float: one float ulp of the result. Nothing
     * more is allowed: a dropped or doubled element of magnitude above about one float ulp of the result
     * (3e-5 for 200,000 standard normals) fails.
     */
    static double reductionTolerance(double expected, double sumOfMagnitudes, int n) {
        return Math.ulp((float) expected) + n * 0x1.0p-53 * sumOfMagnitudes;
    }

    private static float[] randomFloats(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static int[] randomShape(Random r, int maxRank) {
        int[] s = new int[r.nextInt(maxRank + 1)];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1 + r.nextInt(5);
        }
        return s;
    }

    private static int numel(int[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    @Test
    default void broadcastAddAndSubMatchTheReference() {
        Random r = new Random(11);
        for (int c = 0; c < CASES; c++) {
            int[] out = randomShape(r, 4);
            int[] a = Arrays.copyOfRange(out, r.nextInt(out.length + 1), out.length);
            int[] b = Arrays.copyOfRange(out, r.nextInt(out.length + 1), out.length);
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(3) == 0 ? 1 : a[i];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = r.nextInt(3) == 0 ? 1 : b[i];
            }
            float[] av = randomFloats(r, numel(a));
            float[] bv = randomFloats(r, numel(b));
            boolean subtract = r.nextBoolean();
            try (TensorScope scope = TensorScope.open()) {
                Tensor ta = backend().fromFloats(Shape.of(a), av);
                Tensor tb = backend().fromFloats(Shape.of(b), bv);
                Tensor got = subtract ? ta.sub(tb) : ta.add(tb);
                String what = "case " + c + ": " + Arrays.toString(a) + (subtract ? " - " : " + ") + Arrays.toString(b);
                assertEquals(Shape.of(ReferenceKernels.broadcastShape(a, b)), got.shape(), what);
                assertArrayEquals(ReferenceKernels.broadcast(av, a, bv, b, subtract), got.toFloatArray(), what);
            }
        }
    }

    @Test
    default void gatherMatchesTheReference() {
        Random r = new Random(12);
        for (int c = 0; c < CASES; c++) {
            int rows = 1 + r.nextInt(300);
            int cols = 1 + r.nextInt(70);
            int[] idShape = randomShape(r, 3);
            long[] ids = new long[numel(idShape)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(rows);
            }
            float[] table = randomFloats(r, rows * cols);
            try (TensorScope scope = TensorScope.open()) {
                Tensor t = backend().fromFloats(Shape.of(rows, cols), table);
                Tensor idTensor = r.nextBoolean()
                        ? backend().fromLongs(Shape.of(idShape), ids)
                        : backend()
                                .fromInts(
                                        Shape.of(idShape),
                                        Arrays.stream(ids)
                                                .mapToInt(x -> (int) x)
                                                .toArray());
                Tensor got = t.gatherRows(idTensor);
                String what = "case " + c + ": table [" + rows + ", " + cols + "], ids " + Arrays.toString(idShape);
                assertEquals(Shape.of(idShape).append(cols), got.shape(), what);
                assertArrayEquals(ReferenceKernels.gatherRows(table, cols, ids), got.toFloatArray(), what);
            }
        }
    }

    @Test
    default void fusedPositionalEmbeddingMatchesTheReference() {
        Random r = new Random(13);
        for (int c = 0; c < CASES; c++) {
            int vocab = 1 + r.nextInt(500);
            int context = 1 + r.nextInt(40);
            int cols = 1 + r.nextInt(80);
            int batch = 1 + r.nextInt(6);
            int seq = 1 + r.nextInt(context);
            long[] ids = new long[batch * seq];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(vocab);
            }
            float[] tok = randomFloats(r, vocab * cols);
            float[] pos = randomFloats(r, context * cols);
            try (TensorScope scope = TensorScope.open()) {
                Tensor got = org.llmfromscratch.api.Functional.inputEmbedding(
                        backend().fromLongs(Shape.of(batch, seq), ids),
                        backend().fromFloats(Shape.of(vocab, cols), tok),
                        backend().fromFloats(Shape.of(context, cols), pos));
                String what = "case " + c + ": ids [" + batch + ", " + seq + "], dim " + cols + ", context " + context;
                assertArrayEquals(ReferenceKernels.inputEmbedding(tok, pos, cols, ids, seq), got.toFloatArray(), what);
            }
        }
    }

    @Test
    default void reductionsMatchTheReference() {
        Random r = new Random(14);
        for (int c = 0; c < CASES; c++) {
            int n = r.nextInt(c < CASES / 2 ? 100 : 200_000);
            float[] v = randomFloats(r, n);
            try (TensorScope scope = TensorScope.open()) {
                Tensor t = backend().fromFloats(Shape.of(n), v);
                double sum = ReferenceKernels.sum(v);
                double norm = ReferenceKernels.norm(v);
                double magnitudes = 0;
                for (float x : v) {
                    magnitudes += Math.abs(x);
                }
                assertEquals(sum, t.sum().item(), reductionTolerance(sum, magnitudes, n), "sum of " + n);
                assertEquals(norm, t.norm().item(), reductionTolerance(norm, norm, n), "norm of " + n);
            }
        }
    }

    @Test
    default void slicesMatchTheReference() {
        Random r = new Random(15);
        for (int c = 0; c < CASES; c++) {
            int[] shape = randomShape(r, 4);
            if (shape.length == 0) {
                continue;
            }
            int dim = r.nextInt(shape.length);
            int start = r.nextInt(shape[dim] + 1);
            int end = start + r.nextInt(shape[dim] - start + 1);
            float[] v = randomFloats(r, numel(shape));
            try (TensorScope scope = TensorScope.open()) {
                Tensor got = backend().fromFloats(Shape.of(shape), v).slice(dim, start, end);
                assertArrayEquals(
                        ReferenceKernels.slice(v, shape, dim, start, end),
                        got.toFloatArray(),
                        "case " + c + ": " + Arrays.toString(shape) + " dim " + dim + " [" + start + ":" + end + "]");
            }
        }
    }
}
