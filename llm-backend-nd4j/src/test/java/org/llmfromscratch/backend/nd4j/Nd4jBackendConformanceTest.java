package org.llmfromscratch.backend.nd4j;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.conformance.BackendConformanceSuite;

/** The ND4J backend passes the whole conformance suite. */
class Nd4jBackendConformanceTest extends BackendConformanceSuite {
    @Override
    public Backend backend() {
        return Backends.get("nd4j");
    }
}
