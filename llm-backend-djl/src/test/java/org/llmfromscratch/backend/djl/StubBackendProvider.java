package org.llmfromscratch.backend.djl;

import org.llmfromscratch.api.spi.Availability;
import org.llmfromscratch.api.spi.BackendProvider;
import org.llmfromscratch.api.spi.Kernels;

/**
 * A backend that is always available and computes nothing: registered only in the forked JVM of
 * {@link DjlAvailabilityTest}, to show that discovery goes on when the djl backend is unavailable.
 */
public final class StubBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "stub";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public Availability availability() {
        return Availability.available("nowhere");
    }

    @Override
    public Kernels create() {
        throw new UnsupportedOperationException("the stub backend only takes part in discovery");
    }
}
