package org.llmfromscratch.backend.java;

/**
 * Runs a loop over rows on all cores when the work is large, and inline when it is small: the
 * tutorial's [8, 4, 256] forward must take microseconds, so tiny work never touches another thread. The
 * threads are a {@link WorkerTeam}: the caller runs one range, helpers the others.
 */
final class RowSplitter {
    /** Below this many output elements a loop runs on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1 << 16;

    private final WorkerTeam pool;
    private final int threads;
    private final long threshold;

    RowSplitter(int threads) {
        this(threads, PARALLEL_THRESHOLD);
    }

    /**
     * A splitter that goes parallel from {@code threshold} output elements: tests pass 0 to split even
     * tiny inputs, so that the parallel paths every GPT-2-size forward takes run in the conformance suite.
     */
    RowSplitter(int threads, long threshold) {
        this.threads = Math.max(1, threads);
        this.threshold = threshold;
        this.pool = this.threads == 1 ? null : new WorkerTeam(this.threads);
    }

    int threads() {
        return threads;
    }

    /** Whether {@link #forEachRow} splits {@code rows} rows of {@code rowWidth} elements across threads. */
    boolean splits(int rows, long rowWidth) {
        return pool != null && rows >= 2 && (long) rows * rowWidth >= threshold;
    }

    /** A loop body over rows {@code [from, to)}. */
    interface RowRange {
        void run(int from, int to);
    }

    /** Runs {@code body} over {@code rows} rows of {@code rowWidth} elements, split across cores if large. */
    void forEachRow(int rows, long rowWidth, RowRange body) {
        if (!splits(rows, rowWidth)) {
            body.run(0, rows);
            return;
        }
        pool.run(rows, Math.min(rows, threads), body);
    }

    /**
     * Runs {@code body} over {@code items} items, split into one contiguous range per thread when
     * {@code parallel} (the caller has judged the work large enough), else on the calling thread.
     */
    void forEach(int items, boolean parallel, RowRange body) {
        if (pool == null || !parallel || items < 2) {
            body.run(0, items);
            return;
        }
        pool.run(items, Math.min(items, threads), body);
    }

    /**
     * {@link #forEach} for loops of independent items whose threads may be held up unevenly (memory-bound loops
     * on a shared machine): each thread takes blocks of {@code grain} items of its range, then of the others'
     * (see {@link WorkerTeam#runBalanced}).
     */
    void forEachBalanced(int items, boolean parallel, int grain, RowRange body) {
        if (pool == null || !parallel || items < 2) {
            body.run(0, items);
            return;
        }
        pool.runBalanced(items, Math.min(items, threads), grain, body);
    }

    /** True when {@code elements} of simple element-wise work are worth splitting across threads. */
    boolean worthSplitting(long elements) {
        return pool != null && elements >= threshold;
    }
}
