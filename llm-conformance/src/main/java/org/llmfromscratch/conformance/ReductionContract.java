package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** Sum, mean, L2 norm, equality and closeness. */
public interface ReductionContract extends ConformanceFixture {

    @Test
    default void sumAddsEveryElement() {
        Tensor t = backend().tensor(new float[][] {{1, 2}, {3, 4.5f}});
        Tensor s = t.sum();
        assertEquals(Shape.of(), s.shape());
        assertEquals(10.5, s.item(), 0.0, "small integers and halves add exactly");
    }

    @Test
    default void sumOfIdsIsAnInt64() {
        Tensor s = backend().tensor(new int[] {40, 367, 2885}).sum();
        assertEquals(DType.INT64, s.dtype());
        assertEquals(3292, s.item());
    }

    @Test
    default void meanDividesByTheElementCount() {
        assertEquals(2.5, backend().tensor(new float[] {1, 2, 3, 4}).mean().item(), 0.0, "exact in binary");
    }

    @Test
    default void meanOfIntegersIsRejectedLikePyTorch() {
        assertFailsWith(
                IllegalArgumentException.class,
                () -> backend().tensor(new int[] {1}).mean(),
                "mean",
                "FLOAT32");
    }

    @Test
    default void normIsTheEuclideanLength() {
        assertEquals(
                5.0, backend().tensor(new float[][] {{3, 0}, {0, -4}}).norm().item(), 0.0, "sqrt(25) is exact");
    }

    @Test
    default void normOfTheDifferenceIsTheL2Distance() {
        Tensor a = backend().tensor(new float[] {1, 1, 1});
        Tensor b = backend().tensor(new float[] {1, 3, 1});
        assertEquals(2.0, a.sub(b).norm().item(), 0.0, "sqrt(4) is exact");
    }

    @Test
    default void reductionsOfAnEmptyTensorAreZero() {
        Tensor e = backend().fromFloats(Shape.of(0), new float[0]);
        assertEquals(0.0, e.sum().item());
        assertEquals(0.0, e.norm().item());
    }

    @Test
    default void equalNeedsTheSameShapeAndValues() {
        Tensor a = backend().tensor(new float[] {1, 2, 3, 4});
        assertTrue(a.equal(backend().tensor(new float[] {1, 2, 3, 4})));
        assertFalse(a.equal(backend().tensor(new float[] {1, 2, 3, 5})));
        assertFalse(a.equal(a.reshape(2, 2)));
    }

    @Test
    default void equalComparesNumbersNotBits() {
        assertTrue(backend().tensor(new float[] {0f}).equal(backend().tensor(new float[] {-0f})), "0.0 == -0.0");
        assertFalse(
                backend().tensor(new float[] {Float.NaN}).equal(backend().tensor(new float[] {Float.NaN})),
                "NaN != NaN");
        long big = 1L << 53;
        assertFalse(
                backend().tensor(new long[] {big}).equal(backend().tensor(new long[] {big + 1})),
                "int64 compared exactly");
    }

    @Test
    default void sumOfInt64IsExact() {
        long big = (1L << 53) + 1;
        assertEquals(big, backend().tensor(new long[] {big, 0}).sum().toLongArray()[0]);
    }

    @Test
    default void allCloseUsesRelativeAndAbsoluteTolerance() {
        Tensor a = backend().tensor(new float[] {1f, 100f});
        assertTrue(a.allClose(backend().tensor(new float[] {1.000001f, 100.0001f})));
        assertFalse(a.allClose(backend().tensor(new float[] {1.1f, 100f})));
        assertTrue(a.allClose(backend().tensor(new float[] {1.1f, 100f}), 0, 0.2));
        assertFalse(backend().tensor(new float[] {Float.NaN}).allClose(backend().tensor(new float[] {Float.NaN})));
        Tensor inf = backend().tensor(new float[] {Float.POSITIVE_INFINITY});
        assertTrue(inf.allClose(backend().tensor(new float[] {Float.POSITIVE_INFINITY})), "equal infinities are close");
    }
}
