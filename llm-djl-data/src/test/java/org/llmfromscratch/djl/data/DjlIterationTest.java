package org.llmfromscratch.djl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.SlidingWindowDataset;

/**
 * The check: batches of our dataset through DJL's Trainer-free iteration API
 * ({@code dataset.getData(manager)}, DJL's sampler and stacking batchifier, on PyTorch) hold exactly
 * the ids of our own {@link DataLoader}'s batches.
 */
class DjlIterationTest {

    @ParameterizedTest(name = "batch {0}, maxLength {1}, stride {2}")
    @CsvSource({"8, 4, 4", "5, 6, 2", "3, 256, 128"})
    void threeDjlBatchesHoldOurLoadersFirstThreeBatches(int batchSize, int maxLength, int stride) throws Exception {
        SlidingWindowDataset windows = new SlidingWindowDataset(Corpus.ids(), maxLength, stride);
        DataLoader loader = DataLoader.builder(windows)
                .batchSize(batchSize)
                .noShuffle()
                .backend(Backends.get("java"))
                .build();
        SlidingWindowDjlDataset dataset = SlidingWindowDjlDataset.builder(windows)
                .setSampling(batchSize, false, true)
                .build();
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals("PyTorch", manager.getEngine().getEngineName());
            Iterator<Batch> djl = dataset.getData(manager).iterator();
            Iterator<org.llmfromscratch.data.Batch> ours = loader.iterator();
            for (int b = 0; b < 3; b++) {
                try (Batch batch = djl.next();
                        org.llmfromscratch.data.Batch expected = ours.next()) {
                    assertEquals(batchSize, batch.getSize());
                    assertIds(expected.input().toIntArray(), batch.getData().singletonOrThrow(), batchSize, maxLength);
                    assertIds(
                            expected.target().toIntArray(), batch.getLabels().singletonOrThrow(), batchSize, maxLength);
                }
            }
        }
    }

    @Test
    void theFirstDjlBatchIsTheTutorialsFirstBatch() throws Exception {
        SlidingWindowDataset windows = new SlidingWindowDataset(Corpus.verdictIds(), 4, 4);
        SlidingWindowDjlDataset dataset = SlidingWindowDjlDataset.builder(windows)
                .setSampling(8, false, true)
                .build();
        int[][] inputs = {
            {40, 367, 2885, 1464},
            {1807, 3619, 402, 271},
            {10899, 2138, 257, 7026},
            {15632, 438, 2016, 257},
            {922, 5891, 1576, 438},
            {568, 340, 373, 645},
            {1049, 5975, 284, 502},
            {284, 3285, 326, 11}
        };
        try (NDManager manager = NDManager.newBaseManager();
                Batch batch = dataset.getData(manager).iterator().next()) {
            assertIds(flatten(inputs), batch.getData().singletonOrThrow(), 8, 4);
            int[] targets = batch.getLabels().singletonOrThrow().toIntArray();
            assertArrayEquals(new int[] {367, 2885, 1464, 1807}, Arrays.copyOfRange(targets, 0, 4));
            assertArrayEquals(new int[] {3285, 326, 11, 287}, Arrays.copyOfRange(targets, 28, 32));
        }
    }

    @Test
    void parallelPrefetchServesTheSameBatchesInTheSameOrder() throws Exception {
        SlidingWindowDataset windows = new SlidingWindowDataset(Corpus.ids(), 16, 16);
        SlidingWindowDjlDataset dataset = SlidingWindowDjlDataset.builder(windows)
                .setSampling(4, false)
                .optPrefetchNumber(3)
                .build();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<int[]> sequential = inputsOf(dataset.getData(manager));
            List<int[]> parallel = inputsOf(dataset.getData(manager, executor));
            assertEquals((windows.size() + 3) / 4, sequential.size());
            assertEquals(sequential.size(), parallel.size());
            for (int b = 0; b < sequential.size(); b++) {
                assertArrayEquals(sequential.get(b), parallel.get(b), "batch " + b);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static List<int[]> inputsOf(Iterable<Batch> batches) {
        List<int[]> out = new ArrayList<>();
        for (Batch batch : batches) {
            try (batch) {
                out.add(batch.getData().singletonOrThrow().toIntArray());
            }
        }
        return out;
    }

    private static void assertIds(int[] expected, NDArray actual, int rows, int maxLength) {
        assertEquals(DataType.INT32, actual.getDataType());
        assertEquals(new Shape(rows, maxLength), actual.getShape());
        assertArrayEquals(expected, actual.toIntArray());
    }

    private static int[] flatten(int[][] rows) {
        return Arrays.stream(rows).flatMapToInt(Arrays::stream).toArray();
    }
}
