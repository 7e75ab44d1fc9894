package org.llmfromscratch.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Shape;

/**
 * PyTorch's {@code DataLoader(dataset, batch_size, shuffle, drop_last)} over a
 * {@link SlidingWindowDataset}: {@link Batch}es of input and target INT32 tensors {@code [B, maxLength]}
 * on the chosen backend.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(dataset).batchSize(8).shuffle(123).backend(Backends.get()).build();
 * for (int epoch = 0; epoch < 3; epoch++) {
 *     for (Batch batch : loader) {                // each for-loop is the next epoch
 *         try (batch) { ... batch.input() ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Each {@link #iterator()} call starts the next epoch, as iterating a PyTorch loader again does.
 * With shuffle, epoch {@code e}'s order is a Fisher-Yates permutation drawn from a generator seeded by
 * {@code (seed, e)}: a new order every epoch, the same orders in every run with that seed (not the
 * orders of {@code torch.randperm}). {@link #epoch(int)} iterates a given epoch directly. Without
 * shuffle windows come in order. {@code dropLast} defaults to true as in the tutorial's
 * {@code create_dataloader_v1}; with it off the last batch may be smaller.
 */
public final class DataLoader implements Iterable<Batch> {
    /** The longest Java array the JVMs in use allocate. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final SlidingWindowDataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final Backend backend;
    private int nextEpoch;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.dropLast = b.dropLast;
        this.backend = b.backend != null ? b.backend : Backends.get();
        if (numBatches() == 0) {
            throw new IllegalArgumentException("the dataset has " + dataset.size() + " windows, fewer than batchSize "
                    + batchSize + ", and dropLast is on, so there would be no batch at all: use a smaller batchSize,"
                    + " a smaller stride, or dropLast(false)");
        }
        checkBatchFits(Math.min(batchSize, dataset.size()), dataset.maxLength());
    }

    /**
     * Refuses, before any allocation, a batch whose two {@code int[rows * maxLength]} arrays cannot exist:
     * longer than a Java array, or larger than the heap. Found late, either is an overflowed size
     * ({@code NegativeArraySizeException}) or an {@code OutOfMemoryError} in the middle of an epoch.
     */
    private static void checkBatchFits(int rows, int maxLength) {
        long ids = (long) rows * maxLength;
        String what = "a batch of " + rows + " windows x " + maxLength + " tokens is " + ids + " ids per tensor";
        if (ids > MAX_ARRAY) {
            throw new IllegalArgumentException(what + ", more than the " + MAX_ARRAY + " a Java array holds:"
                    + " use a smaller batchSize or maxLength");
        }
        long bytes = 2 * ids * Integer.BYTES; // input and target
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(what + "; input and target need " + bytes + " bytes, more than the"
                    + " JVM's maximum heap of " + heap + " bytes: use a smaller batchSize or maxLength, or a larger -Xmx");
        }
    }

    /** A builder over {@code dataset}: batch size 1, no shuffle, dropLast true, backend {@link Backends#get()}. */
    public static Builder builder(SlidingWindowDataset dataset) {
        return new Builder(dataset);
    }

    /** Batches per epoch: {@code floor(windows / B)} with dropLast, else {@code ceil(windows / B)}. */
    public int numBatches() {
        long n = dataset.size();
        // long: n + batchSize - 1 overflows an int for batch sizes near Integer.MAX_VALUE
        return (int) (dropLast ? n / batchSize : (n + batchSize - 1) / batchSize);
    }

    /** The batch size B. */
    public int batchSize() {
        return batchSize;
    }

    /** The dataset. */
    public SlidingWindowDataset dataset() {
        return dataset;
    }

    /** The backend batches are created on. */
    public Backend backend() {
        return backend;
    }

    /** The next epoch (0 for the first call). */
    @Override
    public Iterator<Batch> iterator() {
        return epoch(nextEpoch++).iterator();
    }

    /** Epoch {@code e}'s batches, independent of which epochs were iterated before. */
    public Iterable<Batch> epoch(int e) {
        if (e < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + e);
        }
        int[] order = order(e);
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < numBatches();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + e + " has " + numBatches() + " batches");
                }
                return assemble(order, next++, e);
            }
        };
    }

    /** The window indices of epoch {@code e}, in the order they are served. */
    public int[] order(int e) {
        int n = dataset.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    private Batch assemble(int[] order, int index, int epoch) {
        long from = (long) index * batchSize; // index * batchSize overflows an int for huge batch sizes
        int rows = (int) Math.min(batchSize, order.length - from);
        int len = dataset.maxLength();
        int[] input = new int[rows * len];
        int[] target = new int[rows * len];
        for (int r = 0; r < rows; r++) {
            dataset.copyWindow(order[(int) from + r], input, target, r * len);
        }
        Shape shape = Shape.of(rows, len);
        // Fresh arrays, handed over: Backend.fromInts would copy them once more.
        return new Batch(backend.adopt(shape, input), backend.adopt(shape, target), index, epoch);
    }

    @Override
    public String toString() {
        return "DataLoader[" + numBatches() + " batches of " + batchSize + ", shuffle=" + shuffle + ", dropLast="
                + dropLast + ", " + backend.name() + ", " + dataset + "]";
    }

    /** Options of a {@link DataLoader}. */
    public static final class Builder {
        private final SlidingWindowDataset dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private long seed;
        private boolean dropLast = true;
        private Backend backend;

        private Builder(SlidingWindowDataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
        }

        /** Windows per batch, B. */
        public Builder batchSize(int batchSize) {
            this.batchSize = Checks.positive("batchSize", batchSize);
            return this;
        }

        /** Shuffle with this seed: a new order each epoch, reproducible from the seed. */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** No shuffle: windows in order (the default). */
        public Builder noShuffle() {
            this.shuffle = false;
            return this;
        }

        /** Drop a last batch smaller than B (default true, as the tutorial). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** The backend batches are created on (default {@link Backends#get()}). */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /** The loader. */
        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
