package org.llmfromscratch.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;

/**
 * Closing tensors frees PyTorch memory at once: 100,000 forward calls leave no array behind in DJL's
 * managers and do not grow the process's resident memory.
 */
class NativeMemoryTest {
    private static final int CALLS = 100_000;
    private static final int WARM_UP = 10_000;
    /**
     * Each call makes 16 KB of output; a leak of the remaining 90,000 calls would be about 1.4 GB. The
     * surefire JVM has a fixed, pre-touched heap, so the Java heap does not count as growth.
     */
    private static final long RSS_TOLERANCE_KB = 32 * 1024;

    @Test
    void hundredThousandForwardCallsLeaveNoNativeMemoryBehind() throws IOException {
        Backend backend = Backends.get("djl");
        DjlKernels kernels = (DjlKernels) backend.kernels();
        GPTConfig config = new GPTConfig(1000, 16, 64, 2, 1, 0.1, false);
        int[][] ids = new int[4][16];
        for (int b = 0; b < ids.length; b++) {
            for (int t = 0; t < 16; t++) {
                ids[b][t] = (b * 131 + t * 17) % 1000;
            }
        }
        try (GPTEmbedding embedding = new GPTEmbedding(backend, config, 123L)) {
            int arraysBefore = kernels.root().getManagedArrays().size();
            float checksum = 0;
            long rssAfterWarmUp = 0;
            long start = System.nanoTime();
            for (int call = 0; call < CALLS; call++) {
                if (call == WARM_UP) {
                    rssAfterWarmUp = residentKb();
                }
                try (Tensor input = backend.tensor(ids); Tensor x = embedding.forward(input)) {
                    if (call % 10_000 == 0) {
                        try (Tensor sum = x.sum()) {
                            checksum += sum.item();
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long rssAtEnd = residentKb();
            System.out.printf("djl leak check: %d forward calls in %.1f s; VmRSS %d kB after %d calls, %d kB after %d"
                    + " (%+d kB); checksum %.3f%n", CALLS, seconds, rssAfterWarmUp, WARM_UP, rssAtEnd, CALLS,
                    rssAtEnd - rssAfterWarmUp, checksum);
            assertEquals(arraysBefore, kernels.root().getManagedArrays().size(), "arrays left in DJL's managers");
            assertTrue(rssAtEnd - rssAfterWarmUp < RSS_TOLERANCE_KB, "resident memory grew from " + rssAfterWarmUp
                    + " kB to " + rssAtEnd + " kB");
        }
    }

    /** The process's resident set size, from {@code /proc/self/status} (PyTorch has no allocator counter on CPU). */
    private static long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
