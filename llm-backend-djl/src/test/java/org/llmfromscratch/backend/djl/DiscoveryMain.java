package org.llmfromscratch.backend.djl;

import org.llmfromscratch.api.BackendInfo;
import org.llmfromscratch.api.Backends;

/** Prints what discovery finds, one backend a line, for the forked JVM of {@link DjlAvailabilityTest}. */
public final class DiscoveryMain {
    private DiscoveryMain() {}

    public static void main(String[] args) {
        for (BackendInfo info : Backends.list()) {
            System.out.println("backend " + info.name() + " available=" + info.available() + " detail="
                    + info.availability().detail());
        }
    }
}
