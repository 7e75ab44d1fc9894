package org.llmfromscratch.bench;

import java.util.ArrayList;
import java.util.List;

/** JVM flags the benchmark forks need for the native backends, without warnings, on JDK 17 and newer. */
final class NativeFlags {
    private NativeFlags() {}

    static List<String> forks() {
        List<String> flags = new ArrayList<>();
        flags.add("--enable-native-access=ALL-UNNAMED");
        flags.add("--add-modules=jdk.incubator.vector");
        if (Runtime.version().feature() >= 23) {
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        String target = System.getProperty("llm.bench.target", "llm-bench/target");
        flags.add("-Dorg.bytedeco.javacpp.cachedir=" + target + "/javacpp-cache");
        flags.add("-DDJL_CACHE_DIR=" + target + "/djl-cache");
        flags.add("-DENGINE_CACHE_DIR=" + target + "/djl-cache");
        flags.add("-Doffline=true");
        return flags;
    }
}
