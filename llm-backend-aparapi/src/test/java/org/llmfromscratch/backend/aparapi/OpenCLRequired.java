package org.llmfromscratch.backend.aparapi;

import static org.junit.jupiter.api.Assertions.fail;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.BackendInfo;
import org.llmfromscratch.api.Backends;

/** The tests' access to the backend: CI installs PoCL, so a missing OpenCL device is a failure, not a skip. */
final class OpenCLRequired {
    private OpenCLRequired() {}

    static BackendInfo info() {
        return Backends.list().stream()
                .filter(i -> i.name().equals("aparapi"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the aparapi provider was not discovered: " + Backends.list()));
    }

    static Backend backend() {
        BackendInfo info = info();
        if (!info.available()) {
            fail("the aparapi backend needs an OpenCL device and found none: "
                    + info.availability().detail()
                    + " (CI installs PoCL: apt-get install -y pocl-opencl-icd ocl-icd-libopencl1)");
        }
        return Backends.get("aparapi");
    }
}
