package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.spi.Availability;
import org.llmfromscratch.api.spi.BackendProvider;
import org.llmfromscratch.api.spi.Kernels;

/**
 * The pure-Java backend, {@code java}: always available, no native code. Threads default to the
 * number of cores; {@code -Dllm.java.threads=N} overrides it.
 */
public final class JavaBackendProvider implements BackendProvider {
    /** System property: how many threads large kernels use. */
    public static final String THREADS_PROPERTY = "llm.java.threads";

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        try {
            return Availability.available(JavaKernels.describe(threads(), EmbedRows.INSTANCE));
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public Kernels create() {
        return new JavaKernels(threads());
    }

    /** Kernels with an explicit thread count, for benchmarks that compare 1 and 2 threads. */
    public static Kernels createKernels(int threads) {
        return new JavaKernels(threads);
    }

    /**
     * Kernels with an explicit thread count and loop choice: {@code vector=false} forces the scalar
     * loops, so that benchmarks can compare both in one JVM.
     */
    public static Kernels createKernels(int threads, boolean vector) {
        return new JavaKernels(threads, vector ? EmbedRows.INSTANCE : new ScalarEmbedRows("scalar loops"));
    }

    private static int threads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(p.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "-D" + THREADS_PROPERTY + "=" + p + " is not a thread count: expected an " + "integer >= 1");
    }
}
