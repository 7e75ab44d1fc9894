package org.llmfromscratch.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Generator;
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
 * <p>Each {@link #iterator()} call starts the next epoch, as iterating a PyTorch loader again does, and
 * draws from the loader's {@link Generator} exactly what PyTorch's {@code DataLoader} draws from
 * {@code torch}'s generator: a 64-bit base seed when the iterator is made (for every loader that has a
 * generator, shuffled or not), and, for a shuffled loader, on its first batch another 64-bit value that
 * seeds the permutation ({@code torch.randperm}'s algorithm). So a loader sharing one generator with a
 * model's initialization and dropout serves the batches of the book's PyTorch run, in its order.
 * Without shuffle windows come in order. {@code dropLast} defaults to true as in the tutorial's
 * {@code create_dataloader_v1}; with it off the last batch may be smaller.
 */
public final class DataLoader implements Iterable<Batch> {
    /** The longest Java array the JVMs in use allocate. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final SlidingWindowDataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final Generator generator;
    private final boolean dropLast;
    private final Backend backend;
    private int nextEpoch;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.generator = b.generator;
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
            throw new IllegalArgumentException(
                    what + "; input and target need " + bytes + " bytes, more than the" + " JVM's maximum heap of "
                            + heap + " bytes: use a smaller batchSize or maxLength, or a larger -Xmx");
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

    /**
     * The next epoch's batches (0 for the first call): draws the base seed now and, when shuffled, the
     * permutation's seed on the first batch, as a PyTorch loader's iterator does.
     */
    @Override
    public Epoch iterator() {
        int e = nextEpoch++;
        if (generator != null) {
            random64(generator); // _base_seed, drawn by every PyTorch loader iterator
        }
        return new Epoch(e, null, 0);
    }

    /**
     * Continues an epoch where a checkpoint left it: the same window order, from batch {@code position};
     * draws nothing from the generator (the interrupted epoch already drew).
     */
    public Epoch resume(int epoch, int[] order, int position) {
        if (order == null || order.length != dataset.size()) {
            throw new IllegalArgumentException("a resumed epoch needs the order of all " + dataset.size()
                    + " windows, got " + (order == null ? "none" : order.length));
        }
        if (position < 0 || position > numBatches()) {
            throw new IllegalArgumentException("batch position " + position + " is outside 0.." + numBatches());
        }
        nextEpoch = epoch + 1;
        return new Epoch(epoch, order.clone(), position);
    }

    /** One pass over the loader; knows its window order and position, so a checkpoint can resume it. */
    public final class Epoch implements Iterator<Batch> {
        private final int epoch;
        private int[] order;
        private int next;

        private Epoch(int epoch, int[] order, int next) {
            this.epoch = epoch;
            this.order = order;
            this.next = next;
        }

        @Override
        public boolean hasNext() {
            return next < numBatches();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has " + numBatches() + " batches");
            }
            if (order == null) {
                order = shuffle ? permutation(dataset.size(), generator) : identity(dataset.size());
            }
            return assemble(order, next++, epoch);
        }

        /** The window order (drawn on the first batch; null before it). */
        public int[] order() {
            return order == null ? null : order.clone();
        }

        /** Batches served so far. */
        public int position() {
            return next;
        }
    }

    /**
     * PyTorch's {@code RandomSampler} order: {@code seed = random64 mod 2^63} from {@code generator}, then
     * {@code torch.randperm(n)} on a fresh MT19937 seeded with it: {@code r = [0, n)}, and for each
     * {@code i < n - 1}, {@code swap(r[i], r[i + u32 % (n - i)])}.
     */
    public static int[] permutation(int n, Generator generator) {
        long seed = random64(generator) & Long.MAX_VALUE;
        Generator perm = new Generator(seed & 0xFFFFFFFFL);
        int[] r = identity(n);
        for (int i = 0; i < n - 1; i++) {
            int z = (int) (perm.nextUInt32() % (n - i));
            int t = r[i];
            r[i] = r[i + z];
            r[i + z] = t;
        }
        return r;
    }

    private static long random64(Generator g) {
        long hi = g.nextUInt32();
        return (hi << 32) | g.nextUInt32();
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
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
        private Generator generator;
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

        /**
         * Shuffle with a generator of its own seeded with {@code seed}: the orders of a PyTorch loader after
         * {@code torch.manual_seed(seed)}, a new one each epoch.
         */
        public Builder shuffle(long seed) {
            return shuffle(new Generator(seed));
        }

        /** Shuffle, drawing from {@code generator} (shared with a model to follow PyTorch's single stream). */
        public Builder shuffle(Generator generator) {
            this.shuffle = true;
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /**
         * The generator an unshuffled loader draws its base seeds from, as a PyTorch loader draws from
         * {@code torch}'s generator whether it shuffles or not (none: it draws nothing).
         */
        public Builder generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        /** No shuffle: windows in order (the default). */
        public Builder noShuffle() {
            this.shuffle = false;
            return this;
        }

        /** Whether this builder shuffles. */
        boolean shuffles() {
            return shuffle;
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
