package org.llmfromscratch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Discovery through ServiceLoader with the providers in src/test/resources/META-INF/services. */
class BackendsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Backends.PROPERTY);
    }

    @Test
    void listShowsEveryProviderHighestPriorityFirst() {
        List<BackendInfo> all = Backends.list();
        assertEquals(
                List.of("missing", "exploding", "preferred", "arrays"),
                all.stream()
                        .map(BackendInfo::name)
                        .filter(n -> !n.startsWith("broken"))
                        .toList());
    }

    @Test
    void anUnavailableBackendSaysWhy() {
        BackendInfo missing = Backends.list().stream()
                .filter(i -> i.name().equals("missing"))
                .findFirst()
                .orElseThrow();
        assertFalse(missing.available());
        assertEquals("no device: install the driver", missing.availability().detail());
    }

    @Test
    void aProbeThatThrowsBecomesUnavailableWithTheError() {
        BackendInfo e = Backends.list().stream()
                .filter(i -> i.name().equals("exploding"))
                .findFirst()
                .orElseThrow();
        assertFalse(e.available());
        assertTrue(
                e.availability().detail().contains("UnsatisfiedLinkError"),
                e.availability().detail());
        assertTrue(
                e.availability().detail().contains("libnothing.so"),
                e.availability().detail());
    }

    @Test
    void aProviderClassThatCannotBeLoadedDoesNotBreakDiscovery() {
        BackendInfo broken = Backends.list().stream()
                .filter(i -> i.name().startsWith("broken"))
                .findFirst()
                .orElseThrow();
        assertTrue(
                broken.availability().detail().contains("NoSuchProvider"),
                broken.availability().detail());
        assertTrue(Backends.get("arrays") != null);
    }

    @Test
    void withoutANameTheAvailableBackendOfHighestPriorityWins() {
        assertEquals("preferred", Backends.get().name());
    }

    @Test
    void namesAreCaseInsensitiveAndEachBackendIsCreatedOnce() {
        assertSame(Backends.get("arrays"), Backends.get(" ARRAYS "));
    }

    @Test
    void theSystemPropertyChoosesTheBackend() {
        System.setProperty(Backends.PROPERTY, "arrays");
        assertEquals("arrays", Backends.get().name());
    }

    @Test
    void anUnknownNameListsEveryDiscoveredBackend() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.get("cuda"));
        assertTrue(e.getMessage().contains("no backend named 'cuda'"), e.getMessage());
        assertTrue(e.getMessage().contains("arrays (priority 1): available"), e.getMessage());
        assertTrue(e.getMessage().contains("missing (priority 100): unavailable, no device"), e.getMessage());
    }

    @Test
    void aMissingNameIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.get((String) null));
        assertTrue(e.getMessage().contains("a backend name is needed"), e.getMessage());
    }

    @Test
    void anUnavailableNameSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.get("missing"));
        assertTrue(
                e.getMessage().contains("backend 'missing' is unavailable: no device: install the driver"),
                e.getMessage());
    }
}
