package org.llmfromscratch.djl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.SlidingWindowDataset;

/**
 * DJL's random sampler over our windows: every window once per epoch, a new order each epoch. The ids
 * are 0..N-1, so each row names its window (start id / stride) and shows whether its target is its
 * input shifted by one.
 */
class ShuffledSamplingTest {
    private static final int MAX_LENGTH = 4;
    private static final int STRIDE = 4;
    // 1001 windows: batches of 8 leave a last batch of 1.
    private static final SlidingWindowDataset WINDOWS =
            new SlidingWindowDataset(IntStream.range(0, 4005).toArray(), MAX_LENGTH, STRIDE);

    @Test
    void aShuffledEpochServesEveryWindowExactlyOnce() throws Exception {
        SlidingWindowDjlDataset dataset =
                SlidingWindowDjlDataset.builder(WINDOWS).setSampling(8, true).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] first = epochOrder(dataset, manager, 126, 1);
            int[] second = epochOrder(dataset, manager, 126, 1);
            int[] inOrder = IntStream.range(0, WINDOWS.size()).toArray();
            assertArrayEquals(inOrder, sorted(first));
            assertArrayEquals(inOrder, sorted(second));
            // 1001! orders: drawing the sequential one, or the same one twice, would mean no shuffle at all.
            assertFalse(Arrays.equals(inOrder, first), "the shuffled epoch came in order");
            assertFalse(Arrays.equals(first, second), "two epochs came in the same order");
        }
    }

    @Test
    void dropLastGivesOurLoadersNumberOfBatches() throws Exception {
        SlidingWindowDjlDataset dataset = SlidingWindowDjlDataset.builder(WINDOWS)
                .setSampling(8, true, true)
                .build();
        DataLoader loader = DataLoader.builder(WINDOWS)
                .batchSize(8)
                .shuffle(1)
                .backend(Backends.get("java"))
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            int[] order = epochOrder(dataset, manager, loader.numBatches(), 8);
            assertEquals(1000, order.length);
            assertEquals(order.length, Arrays.stream(order).distinct().count());
        }
    }

    /** The windows of one epoch in the order served, checking the batch count and the last batch's size. */
    private static int[] epochOrder(SlidingWindowDjlDataset dataset, NDManager manager, int batches, int lastSize)
            throws Exception {
        List<Integer> order = new ArrayList<>();
        int count = 0;
        int size = -1;
        for (Batch batch : dataset.getData(manager)) {
            try (batch) {
                int[] input = batch.getData().singletonOrThrow().toIntArray();
                int[] target = batch.getLabels().singletonOrThrow().toIntArray();
                size = batch.getSize();
                for (int r = 0; r < size; r++) {
                    int start = input[r * MAX_LENGTH];
                    assertEquals(0, start % STRIDE, "row " + r + " starts at id " + start);
                    for (int t = 0; t < MAX_LENGTH; t++) {
                        assertEquals(start + t, input[r * MAX_LENGTH + t]);
                        assertEquals(start + t + 1, target[r * MAX_LENGTH + t]);
                    }
                    order.add(start / STRIDE);
                }
                count++;
            }
        }
        assertEquals(batches, count);
        assertEquals(lastSize, size);
        assertTrue(order.stream().allMatch(w -> w >= 0 && w < WINDOWS.size()));
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] sorted(int[] a) {
        int[] s = a.clone();
        Arrays.sort(s);
        return s;
    }
}
