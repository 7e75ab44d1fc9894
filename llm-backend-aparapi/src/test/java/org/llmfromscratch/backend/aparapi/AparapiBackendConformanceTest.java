package org.llmfromscratch.backend.aparapi;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.conformance.BackendConformanceSuite;

/**
 * The OpenCL backend passes the whole conformance suite. {@link OpenCLRequired#backend()} fails (never
 * skips) when no OpenCL device exists, and every launch checks that it ran on OpenCL.
 */
class AparapiBackendConformanceTest extends BackendConformanceSuite {
    @Override
    public Backend backend() {
        return OpenCLRequired.backend();
    }
}
