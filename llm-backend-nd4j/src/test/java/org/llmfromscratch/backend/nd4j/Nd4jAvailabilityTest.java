package org.llmfromscratch.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.llmfromscratch.api.BackendInfo;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.spi.Availability;

/** The availability probe: it reports the device when ND4J loads, and the reason when it does not. */
class Nd4jAvailabilityTest {

    @Test
    void discoveryListsNd4jAsAvailableWithItsDevice() {
        BackendInfo info = Backends.list().stream()
                .filter(i -> i.name().equals("nd4j"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                info.available(),
                "nd4j should load here: " + info.availability().detail());
        assertEquals(30, info.priority());
        assertTrue(
                info.availability().detail().startsWith("CPU, ND4J native (linux-x86_64, "),
                info.availability().detail());
        assertTrue(
                info.availability().detail().endsWith("OpenMP threads"),
                info.availability().detail());
        assertEquals(info.availability().detail(), Backends.get("nd4j").device());
    }

    @Test
    void aNativeLibraryThatWillNotLoadIsReportedNotThrown() {
        Availability a = NativeProbe.probe(() -> {
            throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
        });
        assertFalse(a.available());
        assertTrue(
                a.detail().contains("java.lang.UnsatisfiedLinkError: no jnind4jcpu in java.library.path"), a.detail());
        assertTrue(a.detail().contains("org.nd4j:nd4j-native:1.0.0-M2.1 with the classifier"), a.detail());
    }

    @Test
    void aFailedStaticInitializerIsReportedWithItsCause() {
        Availability a = NativeProbe.probe(() -> {
            throw new ExceptionInInitializerError(new IllegalStateException("CPU lacks AVX2"));
        });
        assertFalse(a.available());
        assertTrue(
                a.detail()
                        .contains("java.lang.ExceptionInInitializerError <- caused by "
                                + "java.lang.IllegalStateException: CPU lacks AVX2"),
                a.detail());
    }

    @Test
    void aClassThatIsMissingIsReportedNotThrown() {
        Availability a = NativeProbe.probe(() -> {
            throw new NoClassDefFoundError("org/nd4j/linalg/cpu/nativecpu/CpuBackend");
        });
        assertFalse(a.available());
        assertTrue(a.detail().contains("NoClassDefFoundError: org/nd4j/linalg/cpu/nativecpu/CpuBackend"), a.detail());
    }
}
