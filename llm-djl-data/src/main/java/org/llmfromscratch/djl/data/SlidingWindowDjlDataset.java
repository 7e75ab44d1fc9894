package org.llmfromscratch.djl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.nio.IntBuffer;
import java.util.Objects;
import org.llmfromscratch.data.SlidingWindowDataset;

/**
 * A {@link SlidingWindowDataset} (the tutorial's {@code GPTDatasetV1}) as a DJL
 * {@link RandomAccessDataset}: record {@code i} is window {@code i}, its data the input ids and its
 * label the target ids (the input shifted by one), each an INT32 {@code NDArray [maxLength]}. DJL's
 * sampler picks the windows and its batchifier stacks them, so with the default
 * {@link ai.djl.translate.Batchifier#STACK} a batch is {@code [B, maxLength]}, as our own
 * {@link org.llmfromscratch.data.DataLoader} gives.
 *
 * <pre>{@code
 * SlidingWindowDataset windows = new SlidingWindowDataset(ids, 4, 4);
 * SlidingWindowDjlDataset dataset = SlidingWindowDjlDataset.builder(windows)
 *         .setSampling(8, false, true)              // batch_size=8, shuffle=False, drop_last=True
 *         .build();
 * try (NDManager manager = NDManager.newBaseManager()) {
 *     for (Batch batch : dataset.getData(manager)) {
 *         try (batch) { NDArray inputs = batch.getData().head(); NDArray targets = batch.getLabels().head(); }
 *     }
 * }
 * }</pre>
 *
 * <p>Shuffling is DJL's ({@code setSampling(b, true)} draws from DJL's {@code RandomUtils}, seeded
 * through {@code Engine.getInstance().setRandomSeed}), not our loader's seeded order. Note that DJL's
 * {@code setSampling(b, shuffle)} keeps a smaller last batch (PyTorch's {@code drop_last=False}); the
 * tutorial's loader drops it: use {@code setSampling(b, shuffle, true)} for that. The dataset is
 * engine-neutral (only {@code ai.djl:api}); the arrays are created by the manager passed to
 * {@link #get}, on its engine and device. {@link #get} is safe to call from several threads, so
 * {@code getData(manager, executor)} may prefetch in parallel.
 */
public final class SlidingWindowDjlDataset extends RandomAccessDataset {
    private final SlidingWindowDataset windows;

    private SlidingWindowDjlDataset(Builder builder) {
        super(builder);
        this.windows = builder.windows;
    }

    /**
     * A builder over {@code windows}. DJL's conventions apply: a sampling must be set
     * ({@code setSampling(batchSize, shuffle[, dropLast])} or {@code setSampling(sampler)}); the
     * batchifiers default to stacking.
     */
    public static Builder builder(SlidingWindowDataset windows) {
        return new Builder(windows);
    }

    /** The wrapped dataset. */
    public SlidingWindowDataset windows() {
        return windows;
    }

    /**
     * Window {@code index}: data = {@code NDList(input)}, labels = {@code NDList(target)}, each an INT32
     * {@code [maxLength]} array created by {@code manager}. The window's {@code maxLength + 1} ids are
     * copied once in bulk; input and target are the two overlapping views of that copy.
     *
     * @throws IndexOutOfBoundsException for an index outside {@code 0 .. availableSize() - 1}, naming both
     */
    @Override
    public Record get(NDManager manager, long index) {
        Objects.requireNonNull(manager, "manager");
        int n = windows.size();
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException("window index " + index + " is outside this dataset's " + n
                    + " windows: valid indices are 0.." + (n - 1));
        }
        int length = windows.maxLength();
        int[] ids = new int[length + 1];
        windows.ids().copyTo(windows.start((int) index), ids, 0, length + 1);
        Shape shape = new Shape(length);
        // IntBuffer views: the manager copies each straight into its own memory, no element loop.
        NDArray input = manager.create(IntBuffer.wrap(ids, 0, length), shape);
        NDArray target = manager.create(IntBuffer.wrap(ids, 1, length), shape);
        return new Record(new NDList(input), new NDList(target));
    }

    /** The number of windows, {@code len(dataset)}; {@link #size()} is this, capped by {@code optLimit}. */
    @Override
    protected long availableSize() {
        return windows.size();
    }

    /** Nothing to prepare: the ids are already in memory (or memory-mapped) and windows are views on them. */
    @Override
    public void prepare(Progress progress) {
        // The tokenizing and the token cache happen before the SlidingWindowDataset exists.
    }

    @Override
    public String toString() {
        return "SlidingWindowDjlDataset[" + size() + " records, batch size " + sampler.getBatchSize() + ", " + windows
                + "]";
    }

    /** DJL's dataset builder, over one {@link SlidingWindowDataset}. */
    public static final class Builder extends RandomAccessDataset.BaseBuilder<Builder> {
        private final SlidingWindowDataset windows;

        private Builder(SlidingWindowDataset windows) {
            this.windows = Objects.requireNonNull(windows, "windows");
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The dataset.
         *
         * @throws IllegalStateException if no sampling was set, saying how to set one
         */
        public SlidingWindowDjlDataset build() {
            if (sampler == null) {
                throw new IllegalStateException("no sampling set: call setSampling(batchSize, shuffle), e.g."
                        + " setSampling(8, false, true) for the tutorial's batch_size=8, shuffle=False, drop_last=True,"
                        + " or setSampling(sampler) before build()");
            }
            return new SlidingWindowDjlDataset(this);
        }
    }
}
