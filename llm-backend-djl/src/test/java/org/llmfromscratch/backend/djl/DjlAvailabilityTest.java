package org.llmfromscratch.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.spi.Availability;

/** The availability probe: says what is missing, never throws, never downloads, never hides other backends. */
class DjlAvailabilityTest {

    /** A class loader that hides every resource whose name starts with one of the prefixes. */
    private static ClassLoader hiding(String... prefixes) {
        return new ClassLoader(DjlAvailabilityTest.class.getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return Arrays.stream(prefixes).anyMatch(name::startsWith) ? null : super.getResource(name);
            }
        };
    }

    private static Optional<String> probe(ClassLoader loader, String classifier, String override) {
        return new NativeProbe(loader, classifier, override).missing();
    }

    @Test
    void isAvailableWithTheJarsOfThisModule() {
        Availability a = new DjlBackendProvider().availability();
        assertTrue(a.available(), a.detail());
        assertTrue(a.detail().contains("PyTorch 2.7.1") && a.detail().contains("DJL 0.36.0"), a.detail());
    }

    @Test
    void isSelectedByNameAndRanksAboveThePureJavaBackend() {
        assertEquals("djl", new DjlBackendProvider().name());
        assertEquals(40, new DjlBackendProvider().priority());
        assertEquals("djl", Backends.get("djl").name());
    }

    @Test
    void theProbeOfThisClassPathFindsNothingMissing() {
        assertEquals(Optional.empty(), probe(DjlAvailabilityTest.class.getClassLoader(), "linux-x86_64", null));
    }

    @Test
    void withoutTheNativeJarTheProbeNamesTheArtifactAndClassifier() {
        String why = probe(hiding("native/lib/"), "linux-x86_64", null).orElseThrow();
        assertTrue(why.contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1 with classifier linux-x86_64"), why);
        assertTrue(why.contains("downloads are disabled"), why);
    }

    @Test
    void aNativeJarOfAnotherPlatformIsNamedAsSuch() {
        String why = probe(DjlAvailabilityTest.class.getClassLoader(), "osx-aarch64", null)
                .orElseThrow();
        assertTrue(why.contains("libtorch for linux-x86_64 but this machine is osx-aarch64"), why);
        assertTrue(why.contains("classifier osx-aarch64"), why);
    }

    @Test
    void withoutTheJniJarTheProbeNamesIt() {
        String why = probe(hiding("jnilib/"), "linux-x86_64", null).orElseThrow();
        assertTrue(why.contains("ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0"), why);
    }

    @Test
    void withoutTheEngineJarTheProbeNamesIt() {
        String why =
                probe(hiding("ai/djl/pytorch/engine/"), "linux-x86_64", null).orElseThrow();
        assertTrue(why.contains("ai.djl.pytorch:pytorch-engine"), why);
    }

    @Test
    void anInstalledLibtorchReplacesTheNativeJar() {
        assertEquals(Optional.empty(), probe(hiding("native/lib/"), "linux-x86_64", "/opt/libtorch/lib"));
    }

    /**
     * A JVM whose class path lacks the native jar: djl is listed as unavailable with the artifact to add,
     * another backend is still discovered, and DJL's cache directory stays empty (nothing was downloaded or
     * unpacked).
     */
    @Test
    void aJvmWithoutTheNativeJarStillDiscoversTheOtherBackends(@TempDir Path dir) throws Exception {
        Path services = dir.resolve("stub/META-INF/services/org.llmfromscratch.api.spi.BackendProvider");
        Files.createDirectories(services.getParent());
        Files.writeString(services, StubBackendProvider.class.getName() + "\n");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutNative = Stream.concat(
                        Arrays.stream(cp.split(File.pathSeparator)).filter(e -> !e.contains("pytorch-native-cpu")),
                        Stream.of(dir.resolve("stub").toString()))
                .collect(Collectors.joining(File.pathSeparator));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Doffline=true",
                "-DDJL_CACHE_DIR=" + cache,
                "-DENGINE_CACHE_DIR=" + cache,
                "-cp",
                withoutNative,
                DiscoveryMain.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("backend djl available=false detail=libtorch is not on the class path"), out);
        assertTrue(out.contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1 with classifier linux-x86_64"), out);
        assertTrue(out.contains("backend stub available=true"), out);
        assertFalse(out.contains("WARNING"), "no JVM warnings: " + out);
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "nothing may be downloaded or unpacked");
        }
    }
}
