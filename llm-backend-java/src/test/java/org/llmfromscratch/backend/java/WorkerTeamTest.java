package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * The thread team behind every parallel loop of the java backend: ranges that cover every item once, range 0 on
 * the caller and the others on helpers, a helper's exception thrown in the caller (and the team usable after
 * it), loops inside loops and loops from several threads at once run (alone when the team is busy) without
 * deadlock or lost items.
 */
class WorkerTeamTest {

    @Test
    void everyItemOnceRangeZeroOnTheCallerTheOthersOnHelpers() {
        WorkerTeam team = new WorkerTeam(3);
        for (int items : new int[] {2, 3, 10, 1001}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(items);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> starts = Collections.synchronizedList(new ArrayList<>());
            int chunks = Math.min(items, 3);
            team.run(items, chunks, (from, to) -> {
                starts.add(from);
                threads.add(Thread.currentThread().getName() + (from == 0 ? " (range 0)" : ""));
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < items; i++) {
                assertEquals(1, seen.get(i), items + " items: item " + i);
            }
            assertEquals(chunks, starts.size(), items + " items: ranges " + starts);
            assertTrue(
                    threads.contains(Thread.currentThread().getName() + " (range 0)"),
                    "range 0 runs on the caller: " + threads);
            assertEquals(chunks, threads.size(), "one thread per range: " + threads);
        }
    }

    @Test
    void aBalancedLoopCoversEveryItemOnceAndTheCallerTakesOverAStalledHelpersBlocks() {
        WorkerTeam team = new WorkerTeam(2);
        for (int items : new int[] {2, 7, 100, 1001}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(items);
            team.runBalanced(items, 2, 3, (from, to) -> {
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < items; i++) {
                assertEquals(1, seen.get(i), items + " items: item " + i);
            }
        }
        // The caller's first block takes 200 ms, time for the helper to start on [50, 100); the helper's first
        // block there stalls for a second, and the caller, done with [0, 50), takes the rest of [50, 100).
        String caller = Thread.currentThread().getName();
        String[] ranBy = new String[100];
        team.runBalanced(100, 2, 5, (from, to) -> {
            if (from == 0 || from == 50) {
                try {
                    Thread.sleep(from == 0 ? 200 : 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (int i = from; i < to; i++) {
                ranBy[i] = Thread.currentThread().getName();
            }
        });
        assertEquals(caller, ranBy[0], "range 0 starts on the caller");
        assertTrue(!caller.equals(ranBy[50]), "the helper ran the first block of its range: " + ranBy[50]);
        for (int i = 55; i < 100; i++) {
            assertEquals(caller, ranBy[i], "item " + i + " of the stalled range");
        }
    }

    @Test
    void aHelpersExceptionReachesTheCallerAndTheTeamStillWorks() {
        WorkerTeam team = new WorkerTeam(2);
        IllegalStateException boom = new IllegalStateException("range 1 failed");
        IllegalStateException thrown = assertThrows(
                IllegalStateException.class,
                () -> team.run(10, 2, (from, to) -> {
                    if (from > 0) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        AtomicIntegerArray seen = new AtomicIntegerArray(10);
        team.run(10, 2, (from, to) -> {
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 10; i++) {
            assertEquals(1, seen.get(i), "after the failure, item " + i);
        }
    }

    @Test
    void aLoopInsideALoopRunsOnItsOwnThread() {
        WorkerTeam team = new WorkerTeam(2);
        AtomicIntegerArray seen = new AtomicIntegerArray(40);
        team.run(4, 2, (from, to) -> {
            for (int outer = from; outer < to; outer++) {
                int base = outer * 10;
                team.run(10, 2, (f, t) -> {
                    for (int i = f; i < t; i++) {
                        seen.incrementAndGet(base + i);
                    }
                });
            }
        });
        for (int i = 0; i < 40; i++) {
            assertEquals(1, seen.get(i), "item " + i);
        }
    }

    @Test
    void loopsFromSeveralThreadsAtOnce() throws InterruptedException {
        WorkerTeam team = new WorkerTeam(2);
        long[] sums = new long[4];
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < sums.length; c++) {
            int caller = c;
            Thread t = new Thread(() -> {
                for (int rep = 0; rep < 2000; rep++) {
                    long[] parts = new long[2];
                    team.run(100, 2, (from, to) -> {
                        long s = 0;
                        for (int i = from; i < to; i++) {
                            s += i;
                        }
                        parts[from == 0 ? 0 : 1] = s;
                    });
                    sums[caller] += parts[0] + parts[1];
                }
            });
            callers.add(t);
            t.start();
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        for (int c = 0; c < sums.length; c++) {
            assertEquals(2000L * 4950, sums[c], "caller " + c);
        }
    }
}
