package org.llmfromscratch.backend.java;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
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
 * runs its loop alone, as one range, so concurrent callers stay correct; the backend's loops give the same
 * bits however they are split.
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
    /** 0: static ranges; else the block size of a balanced loop. */
    private int grain;
    /** Per range of a balanced loop: the next unclaimed item (high 32 bits) and the end of what is left (low 32). */
    private final AtomicLongArray bounds;

    WorkerTeam(int threads) {
        helpers = new Helper[threads - 1];
        bounds = new AtomicLongArray(threads);
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
        run(items, chunks, 0, body);
    }

    /**
     * Like {@link #run(int, int, RowSplitter.RowRange)}, but each thread walks its range in blocks of {@code grain}
     * items and, when done, takes blocks from the ends of the others' ranges: a thread the machine stalls (another
     * process, a helper still waking) delays the loop by at most one block. For loops whose items are independent
     * (every item's result is the same whichever thread computes it).
     */
    void runBalanced(int items, int chunks, int grain, RowSplitter.RowRange body) {
        run(items, chunks, Math.max(1, grain), body);
    }

    private void run(int items, int chunks, int grain, RowSplitter.RowRange body) {
        if (lock.isHeldByCurrentThread() || Thread.currentThread() instanceof Helper || !lock.tryLock()) {
            body.run(0, items);
            return;
        }
        try {
            this.body = body;
            this.items = items;
            this.chunks = chunks;
            this.grain = grain;
            if (grain > 0) {
                for (int c = 0; c < chunks; c++) {
                    bounds.set(c, pack(from(items, chunks, c), from(items, chunks, c + 1)));
                }
            }
            this.failure = null;
            this.caller = Thread.currentThread();
            int started = Math.min(chunks - 1, helpers.length);
            pending.set(started);
            for (int i = 0; i < started; i++) {
                helpers[i].wake();
            }
            try {
                work(0);
                // Ranges no helper takes (more chunks than threads: RowSplitter never asks for that) run here.
                for (int c = started + 1; c < chunks && grain == 0; c++) {
                    body.run(from(items, chunks, c), from(items, chunks, c + 1));
                }
            } catch (Throwable t) {
                failure = t;
            }
            awaitHelpers(); // also after a failure: the helpers must be done with this loop before the next one
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

    /** The share of the thread that owns range {@code c}: the range, or its blocks and then others' blocks. */
    private void work(int c) {
        if (grain == 0) {
            body.run(from(items, chunks, c), from(items, chunks, c + 1));
            return;
        }
        while (claim(c, true)) {
            // blocks of its own range, from the front
        }
        for (int k = 1; k < chunks; k++) {
            int other = (c + k) % chunks;
            while (claim(other, false)) {
                // blocks of another range, from the back
            }
        }
    }

    /**
     * Runs the next block of range {@code c}: at its front (the range's owner) or at its back (another thread
     * helping); false when the range is used up.
     */
    private boolean claim(int c, boolean front) {
        while (true) {
            long v = bounds.get(c);
            int lo = (int) (v >>> 32);
            int hi = (int) v;
            if (lo >= hi) {
                return false;
            }
            int from = front ? lo : Math.max(lo, hi - grain);
            int to = front ? Math.min(hi, lo + grain) : hi;
            if (bounds.compareAndSet(c, v, front ? pack(to, hi) : pack(lo, from))) {
                body.run(from, to);
                return true;
            }
        }
    }

    private static long pack(int lo, int hi) {
        return ((long) lo << 32) | (hi & 0xffffffffL);
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
                    work(index);
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
