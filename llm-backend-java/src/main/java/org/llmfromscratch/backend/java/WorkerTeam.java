package org.llmfromscratch.backend.java;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The calling thread and {@code threads - 1} helper threads running one loop's ranges together, OpenMP's
 * way: the caller takes range 0 itself, each helper one other range. Generating a token runs a few hundred
 * parallel loops of tens of microseconds each, so what a loop costs to start matters as much as the loop:
 * a helper spins for a while after its range (a new loop usually comes within microseconds) before it
 * parks, and the caller never hands its own share to another thread. A {@link java.util.concurrent.ForkJoinPool}
 * woke parked workers for every loop and left the caller waiting, about 40 microseconds a loop here.
 *
 * <p>One loop at a time: a caller that finds the team busy (another thread's loop, or a loop inside a loop)
 * runs its loop alone, so concurrent callers stay correct, and a loop's ranges are the same either way.
 */
final class WorkerTeam {
    /** How long an idle helper spins before it parks: longer than the gaps between a forward's loops. */
    private static final long SPIN_NANOS = 200_000;

    private final Helper[] helpers;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread caller;
    private volatile Throwable failure;

    /** The current loop, published by the write to {@link Helper#generation}. */
    private RowSplitter.RowRange body;

    private int items;
    private int chunks;

    WorkerTeam(int threads) {
        helpers = new Helper[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper(i + 1);
            helpers[i].start();
        }
    }

    /**
     * Runs {@code body} over {@code [0, items)} in {@code chunks} contiguous ranges (range {@code c} is
     * {@code [items c / chunks, items (c + 1) / chunks)}), range 0 on the calling thread; alone when the team is busy.
     */
    void run(int items, int chunks, RowSplitter.RowRange body) {
        if (lock.isHeldByCurrentThread() || Thread.currentThread() instanceof Helper || !lock.tryLock()) {
            for (int c = 0; c < chunks; c++) {
                body.run(from(items, chunks, c), from(items, chunks, c + 1));
            }
            return;
        }
        try {
            this.body = body;
            this.items = items;
            this.chunks = chunks;
            this.failure = null;
            this.caller = Thread.currentThread();
            int started = Math.min(chunks - 1, helpers.length);
            pending.set(started);
            for (int i = 0; i < started; i++) {
                helpers[i].wake();
            }
            // Ranges no helper takes (more chunks than threads never happens: RowSplitter caps them) run here.
            body.run(from(items, chunks, 0), from(items, chunks, 1));
            for (int c = started + 1; c < chunks; c++) {
                body.run(from(items, chunks, c), from(items, chunks, c + 1));
            }
            awaitHelpers();
            Throwable f = failure;
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
            if (f != null) {
                throw new IllegalStateException(f);
            }
        } finally {
            this.body = null;
            this.caller = null;
            lock.unlock();
        }
    }

    private static int from(int items, int chunks, int c) {
        return (int) ((long) items * c / chunks);
    }

    private void awaitHelpers() {
        long start = System.nanoTime();
        while (pending.get() > 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 50_000);
            }
        }
    }

    /** A daemon thread that runs range {@code index} of every loop. */
    private final class Helper extends Thread {
        private final int index;
        /** Loops published to this helper; {@link #done} is how many it finished. */
        private volatile long generation;

        private long done;
        private volatile boolean parked;

        Helper(int index) {
            this.index = index;
            setDaemon(true);
            setName("llm-java-" + index);
        }

        void wake() {
            generation++; // only the lock holder writes it
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (true) {
                awaitLoop();
                done++;
                try {
                    body.run(from(items, chunks, index), from(items, chunks, index + 1));
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    if (pending.decrementAndGet() == 0) {
                        Thread c = caller;
                        if (c != null) {
                            LockSupport.unpark(c);
                        }
                    }
                }
            }
        }

        private void awaitLoop() {
            long start = System.nanoTime();
            while (generation == done) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    if (generation == done) {
                        LockSupport.park(WorkerTeam.this);
                    }
                    parked = false;
                    start = System.nanoTime();
                }
            }
        }
    }
}
