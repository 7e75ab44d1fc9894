package org.llmfromscratch.backend.nd4j;

import org.llmfromscratch.api.spi.Availability;
import org.llmfromscratch.api.spi.BackendProvider;
import org.llmfromscratch.api.spi.Kernels;

/**
 * The ND4J backend, {@code nd4j}: tensors in off-heap ND4J arrays, computed by libnd4j on the CPU.
 * Ranks above the pure-Java backend when its native library loads; when it does not (no native jar
 * for this platform, an unsupported CPU), {@link #availability()} says why and discovery moves on.
 *
 * <p>The first probe loads and, on first use on a machine, unpacks the native library (about
 * 400 MB into JavaCPP's cache, {@code ~/.javacpp/cache} unless {@code -Dorg.bytedeco.javacpp.cachedir}
 * says otherwise), which takes a few seconds.
 */
public final class Nd4jBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public int priority() {
        return 30;
    }

    @Override
    public Availability availability() {
        return Probed.AVAILABILITY;
    }

    @Override
    public Kernels create() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException("the nd4j backend is unavailable: " + a.detail());
        }
        return new Nd4jKernels(a.detail());
    }

    /** Probes once per JVM, on first use: the holder idiom keeps the constructor free of native code. */
    private static final class Probed {
        static final Availability AVAILABILITY = NativeProbe.probe(NativeProbe::loadAndDescribe);
    }
}
