package org.llmfromscratch.examples;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A progress line on standard error for work of unknown length: nothing for work under a second (so
 * quick runs and piped output stay clean), then a moving bar with the elapsed time until it is done.
 * Standard output stays untouched, so results can be piped.
 */
final class Progress {
    private static final long QUIET_MILLIS = 1000;
    private static final int WIDTH = 24;

    private Progress() {}

    static <T> T during(String label, Supplier<T> work) {
        PrintStream err = System.err;
        long start = System.nanoTime();
        Thread ticker = new Thread(
                () -> {
                    try {
                        Thread.sleep(QUIET_MILLIS);
                        int tick = 0;
                        while (!Thread.currentThread().isInterrupted()) {
                            int at = tick++ % (2 * WIDTH - 2);
                            int pos = at < WIDTH ? at : 2 * WIDTH - 2 - at;
                            String bar = " ".repeat(pos) + "#" + " ".repeat(WIDTH - 1 - pos);
                            err.printf(Locale.ROOT, "\r%s [%s] %.1f s", label, bar, (System.nanoTime() - start) / 1e9);
                            err.flush();
                            Thread.sleep(100);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "llm-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            return work.get();
        } finally {
            ticker.interrupt();
            try {
                ticker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis >= QUIET_MILLIS) {
                err.printf(Locale.ROOT, "\r%s: done in %.1f s%s%n", label, millis / 1e3, " ".repeat(WIDTH));
            }
        }
    }
}
