package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** Creating tensors from Java arrays and reading them back: shapes, dtypes, copies, bad input. */
public interface TensorCreationContract extends ConformanceFixture {

    @Test
    default void aOneDimensionalFloatArrayRoundTrips() {
        float[] v = {1.5f, -2f, 3.25f};
        Tensor t = backend().tensor(v);
        assertEquals(Shape.of(3), t.shape());
        assertEquals(DType.FLOAT32, t.dtype());
        assertArrayEquals(v, t.toFloatArray());
    }

    @Test
    default void aTwoDimensionalFloatArrayIsRowMajor() {
        Tensor t = backend().tensor(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, t.toFloatArray());
    }

    @Test
    default void aThreeDimensionalFloatArrayIsRowMajor() {
        Tensor t = backend().tensor(new float[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}, {{9, 10}, {11, 12}}});
        assertEquals(Shape.of(3, 2, 2), t.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, t.toFloatArray());
    }

    @Test
    default void intArraysMakeInt32Tensors() {
        Tensor t = backend().tensor(new int[][] {{40, 367, 2885, 1464}});
        assertEquals(DType.INT32, t.dtype());
        assertEquals(Shape.of(1, 4), t.shape());
        assertArrayEquals(new int[] {40, 367, 2885, 1464}, t.toIntArray());
        Tensor t3 = backend().tensor(new int[][][] {{{1}, {2}}, {{3}, {4}}});
        assertEquals(Shape.of(2, 2, 1), t3.shape());
        assertArrayEquals(new int[] {1, 2, 3, 4}, t3.toIntArray());
    }

    @Test
    default void longArraysMakeInt64Tensors() {
        Tensor t = backend().tensor(new long[][] {{1, 2}, {3, 50256}});
        assertEquals(DType.INT64, t.dtype());
        assertArrayEquals(new long[] {1, 2, 3, 50256}, t.toLongArray());
    }

    @Test
    default void creationCopiesTheCallersArray() {
        float[] v = {1, 2, 3};
        Tensor t = backend().fromFloats(Shape.of(3), v);
        v[0] = 99;
        assertArrayEquals(new float[] {1, 2, 3}, t.toFloatArray());
        float[] out = t.toFloatArray();
        out[1] = 42;
        assertArrayEquals(new float[] {1, 2, 3}, t.toFloatArray(), "reading gives a copy");
    }

    @Test
    default void zerosHasTheShapeAndDtypeAsked() {
        Tensor f = backend().zeros(DType.FLOAT32, 2, 3);
        assertArrayEquals(new float[6], f.toFloatArray());
        Tensor i = backend().zeros(DType.INT32, 4);
        assertArrayEquals(new int[4], i.toIntArray());
        Tensor l = backend().zeros(DType.INT64, 1, 2);
        assertArrayEquals(new long[2], l.toLongArray());
    }

    @Test
    default void arangeCountsFromZeroAsInt64() {
        Tensor t = backend().arange(5);
        assertEquals(DType.INT64, t.dtype());
        assertArrayEquals(new long[] {0, 1, 2, 3, 4}, t.toLongArray());
        assertArrayEquals(new long[] {3, 4}, backend().arange(3, 5).toLongArray());
    }

    @Test
    default void emptyTensorsHaveZeroElements() {
        Tensor t = backend().fromFloats(Shape.of(0, 3), new float[0]);
        assertEquals(0, t.numel());
        assertEquals(0, t.toFloatArray().length);
        assertEquals(0, backend().arange(0).numel());
        assertEquals(Shape.of(2, 0), backend().tensor(new int[][] {{}, {}}).shape());
    }

    @Test
    default void aScalarHasRankZeroAndOneElement() {
        Tensor s = backend().scalar(2.5f);
        assertEquals(0, s.dim());
        assertEquals(1, s.numel());
        assertEquals(2.5, s.item());
    }

    @Test
    default void aJaggedArrayIsRejectedNamingTheRow() {
        assertFailsWith(
                IllegalArgumentException.class,
                () -> backend().tensor(new float[][] {{1, 2}, {3}}),
                "row [1]",
                "1 elements",
                "expected 2");
    }

    @Test
    default void dataOfTheWrongLengthIsRejected() {
        assertFailsWith(
                IllegalArgumentException.class,
                () -> backend().fromFloats(Shape.of(2, 3), new float[5]),
                "[2, 3]",
                "6 elements",
                "got 5");
    }

    @Test
    default void readingWithTheWrongDtypeIsAClearError() {
        Tensor ids = backend().tensor(new int[] {1, 2});
        assertFailsWith(IllegalArgumentException.class, ids::toFloatArray, "FLOAT32", "INT32");
    }

    @Test
    default void toStringLooksLikePyTorch() {
        Tensor t = backend().tensor(new float[][] {{0.33737f, -0.17778f}, {0.91776f, 1.58097f}});
        assertEquals("tensor([[ 0.3374, -0.1778],\n        [ 0.9178,  1.5810]])", t.toString());
        assertEquals(
                "tensor([[  40,  367, 2885, 1464]], dtype=torch.int32)",
                backend().tensor(new int[][] {{40, 367, 2885, 1464}}).toString());
        String big = backend().zeros(DType.FLOAT32, 100, 100).toString();
        assertEquals(true, big.contains("..."), "a 10,000-element tensor is abbreviated: " + big);
    }

    @Test
    default void toMovesATensorToAnotherBackend() {
        Tensor t = backend().tensor(new float[] {1, 2});
        Tensor moved = t.to(otherBackend());
        assertEquals(otherBackend().name(), moved.backend().name());
        assertArrayEquals(t.toFloatArray(), moved.toFloatArray());
    }
}
