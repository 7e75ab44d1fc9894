package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** Reshape (a view), slice and select (copies), with Python's index conventions. */
public interface ReshapeSliceContract extends ConformanceFixture {

    private Tensor grid() {
        return backend().fromFloats(Shape.of(2, 3, 4), new float[] {
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23
        });
    }

    @Test
    default void reshapeKeepsTheElementsInOrder() {
        Tensor r = grid().reshape(4, 6);
        assertEquals(Shape.of(4, 6), r.shape());
        assertArrayEquals(grid().toFloatArray(), r.toFloatArray());
    }

    @Test
    default void reshapeInfersOneMinusOne() {
        assertEquals(Shape.of(6, 4), grid().reshape(-1, 4).shape());
        assertEquals(Shape.of(24), grid().reshape(-1).shape());
    }

    @Test
    default void reshapeToTheWrongCountIsRejected() {
        assertFailsWith(IllegalArgumentException.class, () -> grid().reshape(5, 5), "[2, 3, 4]", "24 elements");
        assertFailsWith(IllegalArgumentException.class, () -> grid().reshape(-1, -1), "only one");
    }

    @Test
    default void sliceAlongTheLastDimension() {
        Tensor s = grid().slice(-1, 1, 3);
        assertEquals(Shape.of(2, 3, 2), s.shape());
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}, s.toFloatArray());
    }

    @Test
    default void sliceAlongTheMiddleDimension() {
        Tensor s = grid().slice(1, 2, 3);
        assertEquals(Shape.of(2, 1, 4), s.shape());
        assertArrayEquals(new float[] {8, 9, 10, 11, 20, 21, 22, 23}, s.toFloatArray());
    }

    @Test
    default void sliceWithNegativeBoundsCountsFromTheEnd() {
        Tensor s = grid().slice(0, -1, 2);
        assertArrayEquals(grid().select(0, 1).toFloatArray(), s.reshape(3, 4).toFloatArray());
    }

    @Test
    default void sliceOfIntegerIdsKeepsTheDtype() {
        Tensor ids = backend().tensor(new int[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[] {2, 3, 5, 6}, ids.slice(1, 1, 3).toIntArray());
        Tensor longs = backend().tensor(new long[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new long[] {3, 4}, longs.slice(0, 1, 2).toLongArray());
    }

    @Test
    default void selectDropsTheDimension() {
        Tensor row = grid().select(0, 1).select(0, 2);
        assertEquals(Shape.of(4), row.shape());
        assertArrayEquals(new float[] {20, 21, 22, 23}, row.toFloatArray());
        assertEquals(23.0, grid().select(0, -1).select(0, -1).select(0, -1).item());
    }

    @Test
    default void outOfRangeIndicesAreRejectedNamingTheRange() {
        assertFailsWith(IndexOutOfBoundsException.class, () -> grid().slice(1, 0, 4), "end 4", "size 3");
        assertFailsWith(IndexOutOfBoundsException.class, () -> grid().select(0, 2), "index 2", "size 2");
        assertFailsWith(IndexOutOfBoundsException.class, () -> grid().slice(3, 0, 1), "dimension 3");
        assertFailsWith(IndexOutOfBoundsException.class, () -> grid().slice(0, 2, 1), "before start");
    }
}
