package org.llmfromscratch.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;

/** The embedding lookup {@code weight[ids]}: every id shape and dtype, edge ids, and bad ids. */
public interface GatherContract extends ConformanceFixture {

    private Tensor table() {
        // 5 rows of width 3: row r is [10r, 10r + 1, 10r + 2].
        float[] v = new float[15];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 3; c++) {
                v[r * 3 + c] = 10 * r + c;
            }
        }
        return backend().fromFloats(Shape.of(5, 3), v);
    }

    @Test
    default void oneDimensionalIdsGatherRows() {
        Tensor out = table().gatherRows(backend().tensor(new int[] {2, 0, 2}));
        assertEquals(Shape.of(3, 3), out.shape());
        assertArrayEquals(new float[] {20, 21, 22, 0, 1, 2, 20, 21, 22}, out.toFloatArray());
    }

    @Test
    default void twoDimensionalIdsGiveABatchOfRows() {
        Tensor out = table().gatherRows(backend().tensor(new int[][] {{1, 4}, {3, 0}}));
        assertEquals(Shape.of(2, 2, 3), out.shape());
        assertArrayEquals(new float[] {10, 11, 12, 40, 41, 42, 30, 31, 32, 0, 1, 2}, out.toFloatArray());
    }

    @Test
    default void threeDimensionalIdsKeepTheirShape() {
        Tensor out = table().gatherRows(backend().tensor(new int[][][] {{{1}, {2}}, {{3}, {4}}}));
        assertEquals(Shape.of(2, 2, 1, 3), out.shape());
        assertArrayEquals(new float[] {10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42}, out.toFloatArray());
    }

    @Test
    default void int64IdsGatherLikeInt32Ids() {
        Tensor a = table().gatherRows(backend().tensor(new long[] {4, 1}));
        Tensor b = table().gatherRows(backend().tensor(new int[] {4, 1}));
        assertArrayEquals(b.toFloatArray(), a.toFloatArray());
    }

    @Test
    default void theLargestIdIsTheLastRow() {
        assertArrayEquals(
                new float[] {40, 41, 42},
                table().gatherRows(backend().tensor(new int[] {4})).toFloatArray());
    }

    @Test
    default void aSingleTokenBatchOfOne() {
        Tensor out = table().gatherRows(backend().tensor(new int[][] {{3}}));
        assertEquals(Shape.of(1, 1, 3), out.shape());
        assertArrayEquals(new float[] {30, 31, 32}, out.toFloatArray());
    }

    @Test
    default void emptyIdsGiveAnEmptyResult() {
        Tensor out = table().gatherRows(backend().tensor(new int[][] {{}}));
        assertEquals(Shape.of(1, 0, 3), out.shape());
        assertEquals(0, out.toFloatArray().length);
    }

    @Test
    default void anIdEqualToTheRowCountIsRejectedWithItsPosition() {
        assertFailsWith(
                IllegalArgumentException.class,
                () -> table().gatherRows(backend().tensor(new int[][] {{1, 2}, {5, 0}})),
                "token id 5",
                "position [1, 0]",
                "0..4");
    }

    @Test
    default void aNegativeIdIsRejected() {
        assertFailsWith(
                IllegalArgumentException.class,
                () -> table().gatherRows(backend().tensor(new long[] {0, -1})),
                "token id -1",
                "position [1]",
                "0..4");
    }

    @Test
    default void floatIdsAreRejected() {
        assertFailsWith(
                IllegalArgumentException.class,
                () -> table().gatherRows(backend().tensor(new float[] {1})),
                "INT32 or INT64",
                "FLOAT32");
    }

    @Test
    default void aTableThatIsNotTwoDimensionalIsRejected() {
        Tensor flat = backend().tensor(new float[] {1, 2, 3});
        assertFailsWith(
                IllegalArgumentException.class, () -> flat.gatherRows(backend().tensor(new int[] {0})), "2-D", "[3]");
    }
}
