package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.conformance.BackendConformanceSuite;

/** The pure-Java backend passes the whole conformance suite. */
class JavaBackendConformanceTest extends BackendConformanceSuite {
    @Override
    public Backend backend() {
        return Backends.get("java");
    }
}
