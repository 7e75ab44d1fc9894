package org.llmfromscratch.backend.java;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Runs a loop over rows on all cores when the work is large, and inline when it is small: the
 * tutorial's [8, 4, 256] forward must take microseconds, so tiny work never touches a thread pool.
 */
final class RowSplitter {
    /** Below this many output elements a loop runs on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1 << 16;

    private final ForkJoinPool pool;
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
        this.pool = this.threads == 1 ? null : new ForkJoinPool(this.threads, RowSplitter::daemon, null, false);
    }

    private static java.util.concurrent.ForkJoinWorkerThread daemon(ForkJoinPool p) {
        java.util.concurrent.ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
        t.setDaemon(true);
        t.setName("llm-java-" + t.getPoolIndex());
        return t;
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
        int chunks = Math.min(rows, threads);
        pool.invoke(new Chunk(body, rows, chunks, 0, chunks));
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
        int chunks = Math.min(items, threads);
        pool.invoke(new Chunk(body, items, chunks, 0, chunks));
    }

    /** True when {@code elements} of simple element-wise work are worth splitting across threads. */
    boolean worthSplitting(long elements) {
        return pool != null && elements >= threshold;
    }

    private static final class Chunk extends RecursiveAction {
        private final RowRange body;
        private final int rows;
        private final int chunks;
        private final int lo;
        private final int hi;

        Chunk(RowRange body, int rows, int chunks, int lo, int hi) {
            this.body = body;
            this.rows = rows;
            this.chunks = chunks;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                body.run((int) ((long) rows * lo / chunks), (int) ((long) rows * hi / chunks));
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Chunk(body, rows, chunks, lo, mid), new Chunk(body, rows, chunks, mid, hi));
        }
    }
}
