package org.llmfromscratch.backend.java;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.spi.Availability;

class JavaBackendProviderTest {

    @AfterEach
    void clear() {
        System.clearProperty(JavaBackendProvider.THREADS_PROPERTY);
    }

    @Test
    void availabilityNamesThreadsAndLoops() {
        System.setProperty(JavaBackendProvider.THREADS_PROPERTY, "3");
        Availability a = new JavaBackendProvider().availability();
        assertTrue(a.available());
        assertTrue(a.detail().startsWith("CPU, Java heap, 3 threads, "), a.detail());
    }

    @Test
    void anInvalidThreadCountMakesTheBackendUnavailableWithTheReason() {
        System.setProperty(JavaBackendProvider.THREADS_PROPERTY, "zero");
        Availability a = new JavaBackendProvider().availability();
        assertFalse(a.available());
        assertTrue(a.detail().contains("-Dllm.java.threads=zero is not a thread count"), a.detail());
    }
}
