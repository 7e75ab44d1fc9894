package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** Element-wise add and subtract with NumPy broadcasting rules, and the errors around them. */
public interface BroadcastContract extends ConformanceFixture {

    @Test
    default void addOfEqualShapesIsElementWise() {
        Tensor a = backend().tensor(new float[][] {{1, 2}, {3, 4}});
        Tensor b = backend().tensor(new float[][] {{10, 20}, {30, 40}});
        assertArrayEquals(new float[] {11, 22, 33, 44}, a.add(b).toFloatArray());
    }

    @Test
    default void subOfEqualShapesIsElementWise() {
        Tensor a = backend().tensor(new float[] {5, 7});
        Tensor b = backend().tensor(new float[] {1, 10});
        assertArrayEquals(new float[] {4, -3}, a.sub(b).toFloatArray());
    }

    @Test
    default void aRowBroadcastsOverEveryRow() {
        Tensor a = backend().tensor(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor row = backend().tensor(new float[] {10, 20, 30});
        Tensor c = a.add(row);
        assertEquals(Shape.of(2, 3), c.shape());
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, c.toFloatArray());
    }

    @Test
    default void aColumnBroadcastsOverEveryColumn() {
        Tensor a = backend().tensor(new float[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor col = backend().tensor(new float[][] {{100}, {200}});
        assertArrayEquals(
                new float[] {-99, -98, -97, -196, -195, -194}, a.sub(col).toFloatArray());
    }

    @Test
    default void positionalRowsBroadcastOverTheBatch() {
        // The tutorial's token_embeddings [8, 4, 256] + pos_embeddings [4, 256], here [2, 3, 2] + [3, 2].
        Tensor tok = backend().fromFloats(Shape.of(2, 3, 2), new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        Tensor pos = backend().fromFloats(Shape.of(3, 2), new float[] {100, 200, 300, 400, 500, 600});
        Tensor x = tok.add(pos);
        assertEquals(Shape.of(2, 3, 2), x.shape());
        assertArrayEquals(new float[] {100, 201, 302, 403, 504, 605, 106, 207, 308, 409, 510, 611}, x.toFloatArray());
    }

    @Test
    default void bothOperandsCanBroadcastAtOnce() {
        Tensor a = backend().fromFloats(Shape.of(3, 1), new float[] {1, 2, 3});
        Tensor b = backend().fromFloats(Shape.of(1, 2), new float[] {10, 20});
        Tensor c = a.add(b);
        assertEquals(Shape.of(3, 2), c.shape());
        assertArrayEquals(new float[] {11, 21, 12, 22, 13, 23}, c.toFloatArray());
    }

    @Test
    default void aScalarBroadcastsEverywhere() {
        Tensor a = backend().tensor(new float[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new float[] {2, 3, 4, 5}, a.add(backend().scalar(1)).toFloatArray());
        assertArrayEquals(
                new float[] {0, -1, -2, -3}, backend().scalar(1).sub(a).toFloatArray());
    }

    @Test
    default void addingEmptyTensorsGivesAnEmptyTensor() {
        Tensor a = backend().fromFloats(Shape.of(0, 3), new float[0]);
        Tensor b = backend().tensor(new float[] {1, 2, 3});
        Tensor c = a.add(b);
        assertEquals(Shape.of(0, 3), c.shape());
        assertEquals(0, c.toFloatArray().length);
    }

    @Test
    default void shapesThatDoNotBroadcastAreRejectedNamingBoth() {
        Tensor a = backend().fromFloats(Shape.of(2, 3), new float[6]);
        Tensor b = backend().fromFloats(Shape.of(2), new float[2]);
        assertFailsWith(IllegalArgumentException.class, () -> a.add(b), "[2, 3]", "[2]", "do not broadcast");
    }

    @Test
    default void aBroadcastTooLargeForOneTensorIsRejectedBeforeAllocating() {
        Tensor column = backend().fromFloats(Shape.of(70000, 1), new float[70000]);
        Tensor row = backend().fromFloats(Shape.of(1, 70000), new float[70000]);
        assertFailsWith(
                IllegalArgumentException.class,
                () -> column.add(row),
                "[70000, 1]",
                "[1, 70000]",
                "4900000000 elements");
    }

    @Test
    default void addingIntegerTensorsIsAClearError() {
        Tensor ids = backend().tensor(new int[] {1, 2});
        Tensor f = backend().tensor(new float[] {1, 2});
        assertFailsWith(IllegalArgumentException.class, () -> f.add(ids), "FLOAT32", "INT32");
    }

    @Test
    default void tensorsOfTwoBackendsAreRejected() {
        Tensor a = backend().tensor(new float[] {1, 2});
        Tensor b = otherBackend().tensor(new float[] {1, 2});
        assertFailsWith(IllegalArgumentException.class, () -> a.add(b), "two backends", "to(backend)");
    }
}
