package org.llmfromscratch.backend.aparapi;

import org.llmfromscratch.api.spi.Availability;
import org.llmfromscratch.api.spi.BackendProvider;
import org.llmfromscratch.api.spi.Kernels;

/**
 * The OpenCL backend, {@code aparapi} (priority 20, above {@code java}). Available when Aparapi finds an
 * OpenCL GPU or CPU device; the availability names it, or says why there is none. Without OpenCL it is
 * unavailable unless {@code -Dllm.aparapi.allowJtp=true} accepts Aparapi's Java thread pool.
 */
public final class AparapiBackendProvider implements BackendProvider {
    private volatile Object probed;

    @Override
    public String name() {
        return "aparapi";
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public Availability availability() {
        Object p = probe();
        return p instanceof ClDevice d ? Availability.available(d.describe()) : (Availability) p;
    }

    @Override
    public Kernels create() {
        Object p = probe();
        if (!(p instanceof ClDevice d)) {
            throw new IllegalStateException("the aparapi backend is unavailable: " + ((Availability) p).detail());
        }
        return createKernels(d);
    }

    /** Kernels on the selected device; throws, naming the reason, when there is none. */
    public static Kernels createKernels() {
        return createKernels(ClDevice.select());
    }

    private static Kernels createKernels(ClDevice device) {
        return new AparapiKernels(device);
    }

    /** A ClDevice or the Availability explaining why there is none; computed once. */
    private Object probe() {
        Object p = probed;
        if (p == null) {
            synchronized (this) {
                p = probed;
                if (p == null) {
                    try {
                        p = ClDevice.select();
                    } catch (IllegalStateException e) {
                        p = Availability.unavailable(e.getMessage());
                    } catch (RuntimeException | LinkageError e) {
                        p = Availability.failed("Aparapi failed to probe OpenCL", e);
                    }
                    probed = p;
                }
            }
        }
        return p;
    }
}
