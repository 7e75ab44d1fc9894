package org.llmfromscratch.backend.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.llmfromscratch.api.spi.Availability;
import org.llmfromscratch.api.spi.BackendProvider;
import org.llmfromscratch.api.spi.Kernels;

/**
 * The PyTorch backend through DJL, {@code djl}: PyTorch's kernels on DJL {@code NDArray}s, on the CPU
 * or, with a CUDA build of libtorch on the class path, on DJL's default GPU. {@code -Dllm.djl.device=cpu}
 * (or {@code gpu0}, ...) picks the device explicitly.
 *
 * <p>It never downloads: {@link #availability()} first checks that DJL's PyTorch engine, JNI library and a
 * libtorch of the right version and platform are on the class path, and otherwise reports which Maven
 * artifact to add; only then does it start the engine (unpacking libtorch, about 430 MB, into DJL's cache
 * directory, {@code DJL_CACHE_DIR} or {@code ~/.djl.ai}, the first time).
 */
public final class DjlBackendProvider implements BackendProvider {
    /** System property naming the DJL device, e.g. {@code cpu} or {@code gpu0}; default: DJL's default. */
    public static final String DEVICE_PROPERTY = "llm.djl.device";

    private static final Object LOCK = new Object();
    private static Availability availability;
    private static Engine engine;
    private static Device device;

    @Override
    public String name() {
        return "djl";
    }

    @Override
    public int priority() {
        return 40;
    }

    @Override
    public Availability availability() {
        synchronized (LOCK) {
            if (availability == null) {
                availability = probe();
            }
            return availability;
        }
    }

    @Override
    public Kernels create() {
        synchronized (LOCK) {
            Availability a = availability();
            if (!a.available()) {
                throw new IllegalStateException("the djl backend is unavailable: " + a.detail());
            }
            NDManager root = engine.newBaseManager(device);
            return new DjlKernels(engine, root);
        }
    }

    private static Availability probe() {
        try {
            NativeProbe natives = NativeProbe.ofThisJvm();
            Optional<String> missing = natives.missing();
            if (missing.isPresent()) {
                return Availability.unavailable(missing.get());
            }
            engine = Engine.getEngine("PyTorch");
            device = device(engine, natives.flavor());
            try (NDManager probe = engine.newBaseManager(device)) {
                probe.create(1f).close(); // proves that the native library works, not just that it loaded
            }
            return Availability.available(DjlKernels.describe(engine, device));
        } catch (RuntimeException | LinkageError e) {
            engine = null;
            return Availability.failed("DJL's PyTorch engine failed to start", e);
        }
    }

    private static Device device(Engine engine, String flavor) {
        String name = System.getProperty(DEVICE_PROPERTY);
        if (name != null && !name.isBlank()) {
            return Device.fromName(name.trim(), engine);
        }
        // A CPU build of libtorch can only compute on the CPU; asking DJL for its default device would make
        // it probe for CUDA and log a warning on machines that have a CUDA driver.
        return "cpu".equals(flavor) ? Device.cpu() : engine.defaultDevice();
    }
}
