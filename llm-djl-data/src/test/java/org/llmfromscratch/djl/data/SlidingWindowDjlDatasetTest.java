package org.llmfromscratch.djl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Record;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.data.SlidingWindowDataset;

/** One record per window, the sizes DJL sees, and clear errors. */
class SlidingWindowDjlDatasetTest {
    // Ids 0..4004: window i starts at id 4i, so every row says which window it is. 1001 windows.
    private static final SlidingWindowDataset WINDOWS =
            new SlidingWindowDataset(IntStream.range(0, 4005).toArray(), 4, 4);

    @Test
    void recordIsTheInputWindowAsDataAndTheTargetWindowAsLabel() {
        SlidingWindowDataset windows = new SlidingWindowDataset(Corpus.ids(), 6, 3);
        SlidingWindowDjlDataset dataset =
                SlidingWindowDjlDataset.builder(windows).setSampling(1, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i : new int[] {0, 1, 57, windows.size() - 1}) {
                Record record = dataset.get(manager, i);
                assertEquals(1, record.getData().size());
                assertEquals(1, record.getLabels().size());
                assertWindow(windows.input(i).toArray(), record.getData().head());
                assertWindow(windows.target(i).toArray(), record.getLabels().head());
            }
        }
    }

    @Test
    void sizeIsTheNumberOfWindows() {
        SlidingWindowDjlDataset dataset =
                SlidingWindowDjlDataset.builder(WINDOWS).setSampling(8, false).build();
        assertEquals(1001, WINDOWS.size());
        assertEquals(WINDOWS.size(), dataset.size());
        assertEquals(WINDOWS.size(), dataset.availableSize());
    }

    @Test
    void optLimitCapsTheSizeButNotTheWindows() {
        SlidingWindowDjlDataset dataset = SlidingWindowDjlDataset.builder(WINDOWS)
                .setSampling(8, false)
                .optLimit(100)
                .build();
        assertEquals(100, dataset.size());
        assertEquals(WINDOWS.size(), dataset.availableSize());
    }

    @Test
    void anIndexOutsideTheWindowsIsAClearError() {
        SlidingWindowDjlDataset dataset =
                SlidingWindowDjlDataset.builder(WINDOWS).setSampling(8, false).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (long index : new long[] {-1, 1001, 1L << 40}) {
                IndexOutOfBoundsException e =
                        assertThrows(IndexOutOfBoundsException.class, () -> dataset.get(manager, index));
                assertEquals(
                        "window index " + index + " is outside this dataset's 1001 windows: valid indices are"
                                + " 0..1000",
                        e.getMessage());
            }
            assertArrayEquals(
                    new int[] {4000, 4001, 4002, 4003},
                    dataset.get(manager, 1000).getData().head().toIntArray());
        }
    }

    @Test
    void buildingWithoutASamplingSaysHowToSetOne() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> SlidingWindowDjlDataset.builder(WINDOWS)
                        .build());
        assertTrue(e.getMessage().contains("setSampling(batchSize, shuffle)"), e.getMessage());
    }

    @Test
    void aNullDatasetIsRefused() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> SlidingWindowDjlDataset.builder(null));
        assertEquals("windows", e.getMessage());
    }

    private static void assertWindow(int[] expected, NDArray actual) {
        assertEquals(DataType.INT32, actual.getDataType());
        assertEquals(new Shape(expected.length), actual.getShape());
        assertArrayEquals(expected, actual.toIntArray());
    }
}
