package org.llmfromscratch.backend.djl;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Checks, before any DJL code runs, that the PyTorch engine can load without a download. DJL falls back
 * to downloading libtorch and its JNI library when they are not on the class path; we never let it get
 * that far, and instead name the Maven artifact that is missing.
 *
 * <p>Reads only class-path resources (the same ones DJL's {@code LibUtils} reads), so it is cheap and
 * cannot throw.
 */
final class NativeProbe {
    /** DJL's engine class; absent when {@code pytorch-engine} is not on the class path. */
    static final String ENGINE_CLASS = "ai.djl.pytorch.engine.PtEngine";
    /** The libtorch build the engine jar expects, from its {@code pytorch-engine.properties}. */
    static final String ENGINE_PROPERTIES = "pytorch-engine.properties";
    /** Written by {@code pytorch-native-*} jars: version, flavor (cpu, cu128) and platform classifier. */
    static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";
    /** Written by the {@code pytorch-jni} jar: {@code jni_version=<pytorch>-<djl>}. */
    static final String JNI_PROPERTIES = "jnilib/pytorch.properties";

    private final ClassLoader loader;
    private final String classifier;
    private final String libraryPathOverride;

    NativeProbe(ClassLoader loader, String classifier, String libraryPathOverride) {
        this.loader = loader;
        this.classifier = classifier;
        this.libraryPathOverride = libraryPathOverride;
    }

    /** A probe of this JVM's class path and platform, honouring DJL's {@code PYTORCH_LIBRARY_PATH}. */
    static NativeProbe ofThisJvm() {
        String override = System.getenv("PYTORCH_LIBRARY_PATH");
        if (override == null) {
            override = System.getProperty("PYTORCH_LIBRARY_PATH");
        }
        return new NativeProbe(NativeProbe.class.getClassLoader(), platformClassifier(), override);
    }

    /** What is missing, as a sentence that names the artifact to add; empty when DJL can load offline. */
    Optional<String> missing() {
        if (loader.getResource(ENGINE_CLASS.replace('.', '/') + ".class") == null) {
            return Optional.of("DJL's PyTorch engine is not on the class path: add ai.djl.pytorch:pytorch-engine"
                    + " (version from ai.djl:bom 0.36.0)");
        }
        Properties engine = load(ENGINE_PROPERTIES);
        String djl = engine.getProperty("djl_version", "?");
        String torch = engine.getProperty("pytorch_version", "?");
        if (libraryPathOverride == null || libraryPathOverride.isBlank()) {
            Properties lib = load(NATIVE_PROPERTIES);
            String version = lib.getProperty("version");
            String nativeArtifact = "ai.djl.pytorch:pytorch-native-cpu:" + torch + " with classifier " + classifier
                    + " (or a CUDA flavour such as pytorch-native-cu128)";
            if (version == null) {
                return Optional.of("libtorch is not on the class path and downloads are disabled: add " + nativeArtifact
                        + ", or point PYTORCH_LIBRARY_PATH at an installed libtorch " + torch);
            }
            if (!version.startsWith(torch)) {
                return Optional.of("the class path holds libtorch " + version + " but DJL " + djl + " needs " + torch
                        + ": use " + nativeArtifact);
            }
            if (!classifier.equals(lib.getProperty("classifier"))) {
                return Optional.of("the class path holds libtorch for " + lib.getProperty("classifier")
                        + " but this machine is " + classifier + ": use " + nativeArtifact);
            }
        }
        String jniVersion = load(JNI_PROPERTIES).getProperty("jni_version");
        String jniArtifact = "ai.djl.pytorch:pytorch-jni:" + torch + "-" + djl;
        if (jniVersion == null) {
            return Optional.of("DJL's PyTorch JNI library is not on the class path and downloads are disabled: add "
                    + jniArtifact);
        }
        if (!jniVersion.startsWith(torch + "-" + djl)) {
            return Optional.of(
                    "the class path holds pytorch-jni " + jniVersion + " but the engine needs " + jniArtifact);
        }
        return Optional.empty();
    }

    /**
     * The flavour of the libtorch jar on the class path ({@code cpu}, {@code cu128}, ...), or null when it
     * comes from {@code PYTORCH_LIBRARY_PATH} or is missing.
     */
    String flavor() {
        if (libraryPathOverride != null && !libraryPathOverride.isBlank()) {
            return null;
        }
        return load(NATIVE_PROPERTIES).getProperty("flavor");
    }

    private Properties load(String resource) {
        Properties p = new Properties();
        URL url = loader.getResource(resource);
        if (url != null) {
            try (InputStream in = url.openStream()) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // An unreadable file counts as a missing one: the caller names the artifact to add.
            }
        }
        return p;
    }

    /** DJL's platform name: {@code linux-x86_64}, {@code linux-aarch64}, {@code osx-aarch64}, {@code win-x86_64}. */
    static String platformClassifier() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : os.startsWith("linux") ? "linux" : os;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch;
        return o + "-" + a;
    }
}
