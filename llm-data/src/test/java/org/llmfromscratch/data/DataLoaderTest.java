package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Shape;

class DataLoaderTest {
    private final Backend java = Backends.get("java");

    private static SlidingWindowDataset counting(int n, int len, int stride) {
        return new SlidingWindowDataset(IntStream.range(0, n).toArray(), len, stride);
    }

    @Test
    void theVerdictsFirstBatchIsTheTutorials() {
        int[] ids = Gpt2Tokenizer.instance().encode(SharedData.verdictText());
        DataLoader loader = DataLoader.builder(new SlidingWindowDataset(ids, 4, 4))
                .batchSize(8)
                .backend(java)
                .build();
        try (Batch batch = loader.iterator().next()) {
            assertEquals(DType.INT32, batch.input().dtype());
            assertEquals(Shape.of(8, 4), batch.input().shape());
            assertArrayEquals(
                    new int[] {
                        40, 367, 2885, 1464, 1807, 3619, 402, 271, 10899, 2138, 257, 7026, 15632, 438, 2016, 257, 922,
                        5891, 1576, 438, 568, 340, 373, 645, 1049, 5975, 284, 502, 284, 3285, 326, 11
                    },
                    batch.input().toIntArray());
            int[] target = batch.target().toIntArray();
            assertArrayEquals(new int[] {367, 2885, 1464, 1807}, Arrays.copyOfRange(target, 0, 4));
            assertArrayEquals(new int[] {3285, 326, 11, 287}, Arrays.copyOfRange(target, 28, 32));
        }
        assertEquals(1286 / 8, loader.numBatches());
    }

    @Test
    void batchCountsMatchTheFormulaWithAndWithoutDropLast() {
        for (int n : new int[] {30, 101, 5145}) {
            for (int b : new int[] {1, 2, 3, 8}) {
                for (int stride : new int[] {1, 4, 5}) {
                    SlidingWindowDataset ds = counting(n, 4, stride);
                    int windows = ds.size();
                    DataLoader keep = DataLoader.builder(ds)
                            .batchSize(b)
                            .dropLast(false)
                            .backend(java)
                            .build();
                    assertEquals((windows + b - 1) / b, keep.numBatches());
                    assertEquals(keep.numBatches(), count(keep));
                    if (windows < b) {
                        assertThrows(
                                IllegalArgumentException.class,
                                () -> DataLoader.builder(ds).batchSize(b).build());
                        continue;
                    }
                    DataLoader drop =
                            DataLoader.builder(ds).batchSize(b).backend(java).build();
                    assertEquals(windows / b, drop.numBatches());
                    assertEquals(drop.numBatches(), count(drop), "n=" + n + " b=" + b + " stride=" + stride);
                }
            }
        }
    }

    @Test
    void withoutDropLastTheLastBatchIsSmaller() {
        DataLoader loader = DataLoader.builder(counting(11, 2, 2))
                .batchSize(3)
                .dropLast(false)
                .backend(java)
                .build();
        List<Batch> batches = collect(loader.iterator());
        assertEquals(2, batches.size());
        assertEquals(2, batches.get(1).size()); // 5 windows: 3 + 2
        assertArrayEquals(new int[] {6, 7, 8, 9}, batches.get(1).input().toIntArray());
        assertArrayEquals(new int[] {7, 8, 9, 10}, batches.get(1).target().toIntArray());
    }

    @Test
    void shuffleIsAPermutationNewEachEpochAndReproducibleFromTheSeed() {
        SlidingWindowDataset ds = counting(200, 1, 1); // window i is [i], target [i + 1]
        DataLoader a = DataLoader.builder(ds)
                .batchSize(4)
                .shuffle(123)
                .dropLast(false)
                .backend(java)
                .build();
        DataLoader b = DataLoader.builder(ds)
                .batchSize(4)
                .shuffle(123)
                .dropLast(false)
                .backend(java)
                .build();
        int[] epoch0 = firstIds(a.iterator());
        int[] epoch1 = firstIds(a.iterator());
        assertArrayEquals(epoch0, firstIds(b.iterator()), "same seed, same first epoch");
        assertArrayEquals(epoch1, firstIds(b.iterator()), "same seed, same second epoch");
        assertFalse(Arrays.equals(epoch0, epoch1), "a new order each epoch");
        assertArrayEquals(
                IntStream.range(0, 199).toArray(),
                Arrays.stream(epoch0).sorted().toArray(),
                "each window once");
        DataLoader c =
                DataLoader.builder(ds).batchSize(4).shuffle(124).backend(java).build();
        assertFalse(Arrays.equals(epoch0, firstIds(c.iterator())), "another seed, another order");
    }

    @Test
    void shuffledOrdersAreTorchsForTheSameSeed() {
        // torch.manual_seed(123); three epochs of a DataLoader(shuffle=True) over 18 windows (DESIGN.md)
        SlidingWindowDataset ds = counting(19, 1, 1); // 18 windows
        DataLoader loader = DataLoader.builder(ds)
                .batchSize(1)
                .shuffle(new org.llmfromscratch.api.Generator(123))
                .backend(java)
                .build();
        assertArrayEquals(
                new int[] {0, 7, 14, 5, 6, 1, 17, 2, 11, 12, 9, 16, 13, 10, 3, 8, 15, 4}, firstIds(loader.iterator()));
        assertArrayEquals(
                new int[] {9, 15, 2, 17, 14, 16, 8, 6, 1, 11, 4, 10, 0, 13, 7, 12, 3, 5}, firstIds(loader.iterator()));
        assertArrayEquals(
                new int[] {16, 4, 5, 1, 7, 15, 9, 10, 0, 14, 17, 11, 3, 2, 12, 8, 13, 6}, firstIds(loader.iterator()));
    }

    @Test
    void anUnshuffledLoaderDrawsItsBaseSeedAndAShuffledOneItsPermutationOnTheFirstBatch() {
        org.llmfromscratch.api.Generator g = new org.llmfromscratch.api.Generator(5);
        org.llmfromscratch.api.Generator expected = new org.llmfromscratch.api.Generator(5);
        DataLoader plain = DataLoader.builder(counting(6, 1, 1))
                .batchSize(2)
                .generator(g)
                .backend(java)
                .build();
        java.util.Iterator<Batch> it = plain.iterator();
        expected.nextUInt32();
        expected.nextUInt32();
        assertEquals(expected.nextUInt32(), g.nextUInt32(), "two 32-bit draws for the base seed");
        it.next().close();
        DataLoader shuffled = DataLoader.builder(counting(6, 1, 1))
                .batchSize(2)
                .shuffle(g)
                .backend(java)
                .build();
        java.util.Iterator<Batch> s = shuffled.iterator();
        for (int i = 0; i < 2; i++) {
            expected.nextUInt32();
        }
        s.next().close(); // the permutation's seed: two more draws
        for (int i = 0; i < 2; i++) {
            expected.nextUInt32();
        }
        assertEquals(expected.nextUInt32(), g.nextUInt32());
    }

    @Test
    void targetsFollowTheirShuffledInputs() {
        DataLoader loader = DataLoader.builder(counting(50, 3, 2))
                .batchSize(5)
                .shuffle(1)
                .backend(java)
                .build();
        for (Batch batch : loader) {
            int[] in = batch.input().toIntArray();
            int[] tg = batch.target().toIntArray();
            for (int i = 0; i < in.length; i++) {
                assertEquals(in[i] + 1, tg[i]);
            }
        }
    }

    @Test
    void batchSizeBelowOneIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(counting(10, 2, 1))
                        .batchSize(0));
        assertTrue(e.getMessage().contains("batchSize must be >= 1, got 0"), e.getMessage());
    }

    @Test
    void fewerWindowsThanOneBatchWithDropLastIsAnError() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(counting(5, 2, 1))
                        .batchSize(8)
                        .backend(java)
                        .build());
        assertTrue(e.getMessage().contains("3 windows") && e.getMessage().contains("dropLast(false)"), e.getMessage());
    }

    @Test
    void closingABatchClosesBothTensors() {
        Batch batch = DataLoader.builder(counting(10, 2, 1))
                .batchSize(2)
                .backend(java)
                .build()
                .iterator()
                .next();
        batch.close();
        assertTrue(batch.input().isClosed() && batch.target().isClosed());
    }

    @Test
    void theBooksTrainValidationSplitOfTheVerdict() {
        String text = SharedData.verdictText();
        TextSplit split = TextSplit.of(text, 0.90);
        assertEquals((int) (0.90 * text.length()), split.train().length()); // the-verdict is BMP-only
        assertEquals(text, split.train() + split.validation());
        Tokenizer tok = Gpt2Tokenizer.instance();
        SlidingWindowDataset train = new SlidingWindowDataset(tok.encode(split.train()), 256, 256);
        SlidingWindowDataset val = new SlidingWindowDataset(tok.encode(split.validation()), 256, 256);
        // Chapter 5: 9 training batches of 2 (drop_last) and 1 validation batch (no drop_last).
        assertEquals(
                9,
                DataLoader.builder(train)
                        .batchSize(2)
                        .shuffle(123)
                        .backend(java)
                        .build()
                        .numBatches());
        assertEquals(
                1,
                DataLoader.builder(val)
                        .batchSize(2)
                        .dropLast(false)
                        .backend(java)
                        .build()
                        .numBatches());
    }

    @Test
    void aHugeBatchSizeWithoutDropLastIsOneBatchOfEveryWindow() {
        SlidingWindowDataset ds = counting(30, 4, 4); // 7 windows
        DataLoader loader = DataLoader.builder(ds)
                .batchSize(Integer.MAX_VALUE)
                .dropLast(false)
                .backend(java)
                .build();
        assertEquals(1, loader.numBatches());
        try (Batch batch = loader.iterator().next()) {
            assertEquals(Shape.of(7, 4), batch.input().shape());
        }
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(ds)
                .batchSize(Integer.MAX_VALUE)
                .backend(java)
                .build());
        assertTrue(none.getMessage().contains("batchSize " + Integer.MAX_VALUE), none.getMessage());
    }

    @Test
    void aBatchTooLargeForAJavaArrayIsRefusedWithItsSize() {
        SlidingWindowDataset ds = counting(100_001, 50_000, 1); // 50,001 windows of 50,000 ids
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DataLoader.builder(ds).batchSize(50_000).backend(java).build());
        assertTrue(
                e.getMessage().contains("50000 windows x 50000 tokens")
                        && e.getMessage().contains("2500000000")
                        && e.getMessage().contains(String.valueOf(Integer.MAX_VALUE - 8)),
                e.getMessage());
    }

    @Test
    void aBatchLargerThanTheHeapIsRefusedBeforeAllocating() {
        long heap = Runtime.getRuntime().maxMemory();
        int len = 40_000;
        int rows = (int) Math.min(Integer.MAX_VALUE - 8L, heap / 8 / len + 1); // two int[rows * len] exceed the heap
        org.junit.jupiter.api.Assumptions.assumeTrue(
                (long) rows * len <= Integer.MAX_VALUE - 8L, "heap too large to test");
        SlidingWindowDataset ds = counting(rows + len + 1, len, 1);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DataLoader.builder(ds).batchSize(rows).backend(java).build());
        assertTrue(e.getMessage().contains("heap") && e.getMessage().contains(String.valueOf(heap)), e.getMessage());
    }

    private static int count(DataLoader loader) {
        int n = 0;
        for (Batch batch : loader) {
            batch.close();
            n++;
        }
        return n;
    }

    private static List<Batch> collect(Iterator<Batch> it) {
        List<Batch> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static int[] firstIds(Iterator<Batch> it) {
        return collect(it).stream()
                .flatMapToInt(b -> Arrays.stream(b.input().toIntArray()))
                .toArray();
    }
}
