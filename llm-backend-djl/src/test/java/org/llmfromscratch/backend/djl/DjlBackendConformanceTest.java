package org.llmfromscratch.backend.djl;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.conformance.BackendConformanceSuite;

/** PyTorch through DJL passes the whole conformance suite, PyTorch's own values included. */
class DjlBackendConformanceTest extends BackendConformanceSuite {
    @Override
    public Backend backend() {
        return Backends.get("djl");
    }
}
