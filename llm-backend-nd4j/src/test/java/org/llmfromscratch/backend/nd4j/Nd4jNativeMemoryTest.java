package org.llmfromscratch.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;

/**
 * Native memory follows the ownership rule: ND4J buffers live outside the Java heap, where the
 * garbage collector does not see their size, so a forward loop that left them to the collector would
 * grow the process. Memory is read as the process's resident size (JavaCPP's
 * {@link Pointer#physicalBytes()}): ND4J allocates its buffers in native code, which JavaCPP's
 * {@code totalBytes()} does not count.
 */
class Nd4jNativeMemoryTest {
    private static final long MIB = 1 << 20;
    private static final GPTConfig SMALL =
            GPTConfig.GPT2_124M.withVocabSize(100).withContextLength(8).withEmbeddingDim(128);

    private final Backend backend = Backends.get("nd4j");

    @Test
    void hundredThousandForwardCallsInScopesDoNotGrowNativeMemory() {
        try (GPTEmbedding embedding = new GPTEmbedding(backend, SMALL, 123L);
                Tensor ids = backend.tensor(new int[][] {{1, 2, 3, 4}, {5, 6, 7, 99}})) {
            // Warm-up: JIT code, ND4J's shape-info caches and malloc's arenas settle within about 40,000 calls.
            forward(embedding, ids, 40_000);
            long liveBefore = Nd4jStorage.live();
            long rssBefore = residentBytes();

            double check = forward(embedding, ids, 100_000);

            long liveAfter = Nd4jStorage.live();
            long rssAfter = residentBytes();
            assertTrue(Double.isFinite(check));
            assertEquals(liveBefore, liveAfter, "every storage made by a forward call is released by its scope");
            // A leaked [2, 4, 128] output alone is 4 KiB a call, 390 MiB over the loop. Without leaks the
            // resident size still moves in steps of about 12 MiB (malloc arenas): 0-46 MiB measured here.
            long grown = rssAfter - rssBefore;
            assertTrue(
                    grown < 128 * MIB,
                    "resident memory grew by " + grown / MIB + " MiB over 100,000 forward calls (" + rssBefore / MIB
                            + " -> " + rssAfter / MIB + " MiB)");
        }
    }

    @Test
    void closingATensorReturnsItsNativeMemoryAtOnce() {
        int n = 32 * (int) MIB / Float.BYTES; // 32 MiB of floats
        long before = residentBytes();
        Tensor big = backend.tensor(new float[n]); // copied into native memory, so every page is touched
        big.add(big).close(); // a second buffer, made and released by the kernels
        long held = residentBytes();
        big.close();
        long after = Pointer.physicalBytes(); // no collection: the memory must come back from close() itself
        assertTrue(held - before >= 24 * MIB, "a 32 MiB tensor is resident: " + (held - before) / MIB + " MiB");
        assertTrue(held - after >= 24 * MIB, "close() gave back only " + (held - after) / MIB + " MiB of 32 MiB");
    }

    /** Runs {@code calls} forward passes, each in its own scope, and returns a sum of some outputs so the loop is not dead code. */
    private static double forward(GPTEmbedding embedding, Tensor ids, int calls) {
        double acc = 0;
        for (int i = 0; i < calls; i++) {
            TensorScope scope = TensorScope.open();
            try {
                Tensor x = embedding.forward(ids);
                if (i % 10_000 == 0) {
                    acc += x.sum().item();
                }
            } finally {
                scope.close();
            }
        }
        return acc;
    }

    /**
     * Resident size after a collection and a pause: ND4J frees the native side of views and op
     * contexts (never of our storages, which are closed) on its own deallocator thread once the
     * garbage collector finds them.
     */
    private static long residentBytes() {
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Pointer.physicalBytes();
    }
}
