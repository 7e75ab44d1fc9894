package org.llmfromscratch.backend.nd4j;

import java.util.function.Supplier;
import org.bytedeco.javacpp.Loader;
import org.llmfromscratch.api.spi.Availability;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J's native library once and says whether it works. Loading is where things go wrong on
 * users' machines (no native jar for the platform, a binary built for CPU features this CPU lacks, a
 * missing system library), and each shows up as a different throwable from deep inside JavaCPP or
 * ND4J's static initializers; all are turned into one readable reason that says what to do.
 */
final class NativeProbe {
    /** What users are told to add when the native library is missing. */
    static final String FIX = "add org.nd4j:nd4j-native:1.0.0-M2.1 with the classifier of this platform ("
            + "linux-x86_64, linux-arm64, macosx-x86_64, macosx-arm64 or windows-x86_64) to the class path";

    private NativeProbe() {}

    /** Initializes ND4J, runs one tiny op, and describes the device it ran on. */
    static String loadAndDescribe() {
        try (INDArray x = Nd4j.createFromArray(1f, 2f, 3f)) {
            double sum = x.sumNumber().doubleValue();
            if (sum != 6.0) {
                throw new IllegalStateException("self-test sum(1, 2, 3) gave " + sum);
            }
        }
        java.util.Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return "CPU, ND4J native (" + Loader.getPlatform() + ", " + env.getOrDefault("blas.vendor", "BLAS") + "), "
                + env.getOrDefault("omp.threads", "?") + " OpenMP threads";
    }

    /**
     * Runs {@code loader} and reports its device, or why it failed. Never throws: a native library that
     * will not load must not break discovery of the other backends.
     */
    static Availability probe(Supplier<String> loader) {
        try {
            return Availability.available(loader.get());
        } catch (RuntimeException | LinkageError e) {
            // LinkageError covers UnsatisfiedLinkError, NoClassDefFoundError (a class whose static
            // initializer failed before) and ExceptionInInitializerError (the first such failure).
            return Availability.unavailable("ND4J's native library did not load (" + causes(e) + "); " + FIX);
        }
    }

    /** The throwable and its causes, each as {@code Type: message}, outermost first. */
    static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (sb.length() > 0) {
                sb.append(" <- caused by ");
            }
            sb.append(t.getClass().getName());
            if (t.getMessage() != null) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }
}
