package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.models.attention.KeyValueCache;
import org.llmfromscratch.models.attention.MultiHeadAttention;

/**
 * The key-value cache written in place: {@code Tensor.setSlice} (the {@code copyIntoRows} kernel), attention over
 * the filled positions of a cache buffer (the {@code cachedAttention} kernel, whose unfilled rows hold NaN here so
 * that reading one shows), and {@link KeyValueCache} through {@link MultiHeadAttention}: feeding a sequence in
 * pieces gives what attending over all of it at once gives, across the buffer's growth, after a crop and a reset.
 */
public interface KeyValueCacheContract extends ConformanceFixture {

    private float[] randoms(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    @Test
    default void setSliceWritesOnlyTheGivenRows() {
        try (TensorScope scope = TensorScope.open()) {
            float[] base = randoms(new Random(1), 2 * 3 * 5 * 4);
            float[] src = randoms(new Random(2), 2 * 3 * 2 * 4);
            Tensor target = backend().fromFloats(Shape.of(2, 3, 5, 4), base.clone());
            target.setSlice(2, 1, backend().fromFloats(Shape.of(2, 3, 2, 4), src));
            float[] expected = base.clone();
            for (int o = 0; o < 6; o++) {
                System.arraycopy(src, o * 8, expected, (o * 5 + 1) * 4, 8);
            }
            assertArrayEquals(expected, target.toFloatArray(), "rows 1..3 of dimension 2");

            Tensor first = backend().fromFloats(Shape.of(2, 3), new float[] {1, 2, 3, 4, 5, 6});
            first.setSlice(0, 1, backend().fromFloats(Shape.of(1, 3), new float[] {7, 8, 9}));
            assertArrayEquals(new float[] {1, 2, 3, 7, 8, 9}, first.toFloatArray(), "a row along dimension 0");
            first.setSlice(-1, 2, backend().fromFloats(Shape.of(2, 1), new float[] {10, 11}));
            assertArrayEquals(new float[] {1, 2, 10, 7, 8, 11}, first.toFloatArray(), "a column of the last dimension");
        }
    }

    @Test
    default void setSliceRefusesBadArguments() {
        try (TensorScope scope = TensorScope.open()) {
            Tensor target = backend().zeros(org.llmfromscratch.api.DType.FLOAT32, 2, 5, 4);
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> target.setSlice(1, 4, backend().zeros(org.llmfromscratch.api.DType.FLOAT32, 2, 2, 4)),
                    "rows 4..6",
                    "[2, 5, 4]");
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> target.setSlice(1, 0, backend().zeros(org.llmfromscratch.api.DType.FLOAT32, 2, 2, 3)),
                    "[2, 2, 3]");
            Tensor leaf = backend()
                    .zeros(org.llmfromscratch.api.DType.FLOAT32, 2, 5, 4)
                    .requiresGrad(true);
            assertFailsWith(
                    IllegalStateException.class,
                    () -> leaf.setSlice(1, 0, backend().zeros(org.llmfromscratch.api.DType.FLOAT32, 2, 1, 4)),
                    "no gradient");
            Tensor withGraph = backend()
                    .zeros(org.llmfromscratch.api.DType.FLOAT32, 2, 1, 4)
                    .requiresGrad(true)
                    .mul(2.0);
            assertFailsWith(IllegalStateException.class, () -> target.setSlice(1, 0, withGraph), "NoGrad");
        }
    }

    @Test
    default void attentionReadsOnlyTheFilledPositionsOfACacheBuffer() {
        Random r = new Random(3);
        int heads = 3;
        int d = 8;
        int capacity = 24;
        // One query (generating), a few (a prompt after a cache), more than a decode kernel takes, and no mask.
        int[][] cases = {{1, 17, 16}, {3, 10, 7}, {12, 20, 8}, {2, 9, -1}};
        for (int[] c : cases) {
            int tq = c[0];
            int keys = c[1];
            int offset = c[2];
            try (TensorScope scope = TensorScope.open()) {
                float[] kb = new float[heads * capacity * d];
                float[] vb = new float[heads * capacity * d];
                Arrays.fill(kb, Float.NaN);
                Arrays.fill(vb, Float.NaN);
                float[] k = randoms(r, heads * keys * d);
                float[] v = randoms(r, heads * keys * d);
                for (int h = 0; h < heads; h++) {
                    System.arraycopy(k, h * keys * d, kb, h * capacity * d, keys * d);
                    System.arraycopy(v, h * keys * d, vb, h * capacity * d, keys * d);
                }
                Tensor q = backend().fromFloats(Shape.of(1, heads, tq, d), randoms(r, heads * tq * d));
                Tensor expected = Functional.scaledDotProductAttention(
                        q,
                        backend().fromFloats(Shape.of(1, heads, keys, d), k),
                        backend().fromFloats(Shape.of(1, heads, keys, d), v),
                        offset);
                Tensor got = Functional.scaledDotProductAttention(
                        q,
                        backend().fromFloats(Shape.of(1, heads, capacity, d), kb),
                        backend().fromFloats(Shape.of(1, heads, capacity, d), vb),
                        offset,
                        keys);
                assertEquals(expected.shape(), got.shape());
                assertValues(expected.toFloatArray(), got.toFloatArray(), 2e-6);
            }
        }
        try (TensorScope scope = TensorScope.open()) {
            Tensor q = backend().zeros(org.llmfromscratch.api.DType.FLOAT32, 1, 2, 1, 4);
            Tensor kv = backend().zeros(org.llmfromscratch.api.DType.FLOAT32, 1, 2, 6, 4);
            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> Functional.scaledDotProductAttention(q, kv, kv, 6, 7),
                    "keyLength 7",
                    "0..6");
        }
    }

    @Test
    default void attentionOverACacheBufferRecordsGradientsThroughTheFilledPositions() {
        Random r = new Random(4);
        try (TensorScope scope = TensorScope.open()) {
            float[] qv = randoms(r, 2 * 2 * 4);
            float[] kv = randoms(r, 2 * 6 * 4);
            float[] vv = randoms(r, 2 * 6 * 4);
            Tensor q1 = backend().fromFloats(Shape.of(2, 2, 4), qv.clone()).requiresGrad(true);
            Tensor k1 = backend().fromFloats(Shape.of(2, 6, 4), kv.clone()).requiresGrad(true);
            Tensor v1 = backend().fromFloats(Shape.of(2, 6, 4), vv.clone()).requiresGrad(true);
            Functional.scaledDotProductAttention(q1, k1, v1, 2, 4).sum().backward();
            Tensor q2 = backend().fromFloats(Shape.of(2, 2, 4), qv.clone()).requiresGrad(true);
            Tensor k2 = backend().fromFloats(Shape.of(2, 6, 4), kv.clone()).requiresGrad(true);
            Tensor v2 = backend().fromFloats(Shape.of(2, 6, 4), vv.clone()).requiresGrad(true);
            Functional.scaledDotProductAttention(q2, k2.slice(1, 0, 4), v2.slice(1, 0, 4), 2)
                    .sum()
                    .backward();
            assertValues(q2.grad().toFloatArray(), q1.grad().toFloatArray(), 1e-6);
            assertValues(k2.grad().toFloatArray(), k1.grad().toFloatArray(), 1e-6);
            assertValues(v2.grad().toFloatArray(), v1.grad().toFloatArray(), 1e-6);
            float[] dk = k1.grad().toFloatArray();
            for (int h = 0; h < 2; h++) {
                for (int i = 4 * 4; i < 6 * 4; i++) {
                    assertEquals(0f, dk[h * 24 + i], "the unfilled positions get no gradient");
                }
            }
        }
    }

    @Test
    default void multiHeadAttentionFedInPiecesEqualsTheWholeSequence() {
        int context = 40;
        try (TensorScope scope = TensorScope.open();
                NoGrad off = NoGrad.enter();
                MultiHeadAttention mha =
                        new MultiHeadAttention(backend(), 8, 8, context, 0.0, 2, true, new Generator(5));
                KeyValueCache cache = new KeyValueCache()) {
            mha.eval();
            Tensor x = backend().fromFloats(Shape.of(1, context, 8), randoms(new Random(6), context * 8));
            float[] whole = mha.forward(x).toFloatArray();
            // Pieces of 1, 5, then one at a time (the buffer grows from 16 positions to 32, then to the context), 20.
            int[] cuts = {0, 1, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 40};
            List<Float> pieces = new ArrayList<>();
            for (int i = 0; i + 1 < cuts.length; i++) {
                float[] part =
                        mha.forward(x.slice(1, cuts[i], cuts[i + 1]), cache).toFloatArray();
                for (float f : part) {
                    pieces.add(f);
                }
                assertEquals(cuts[i + 1], cache.length(), "cached positions");
                assertTrue(cache.capacity() >= cache.length() && cache.capacity() <= context, "capacity");
            }
            assertValues(whole, toArray(pieces), 1e-5);

            cache.crop(10);
            float[] again = mha.forward(x.slice(1, 10, 20), cache).toFloatArray();
            assertValues(Arrays.copyOfRange(whole, 10 * 8, 20 * 8), again, 1e-5);
            assertFailsWith(IllegalArgumentException.class, () -> cache.crop(21), "crop", "21", "20");

            assertFailsWith(
                    IllegalArgumentException.class,
                    () -> mha.forward(backend().zeros(org.llmfromscratch.api.DType.FLOAT32, 2, 1, 8), cache),
                    "reset the cache");
            assertFailsWith(
                    IllegalArgumentException.class, () -> mha.forward(x.slice(1, 0, 21), cache), "context length 40");

            cache.reset();
            assertEquals(0, cache.length());
            float[] first = mha.forward(x.slice(1, 0, 3), cache).toFloatArray();
            assertValues(Arrays.copyOfRange(whole, 0, 3 * 8), first, 1e-5);
        }
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
