package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds ../shared/data/the-verdict.txt (the tutorial's corpus, which the repository must not contain):
 * from the system property {@code llm.shared.dir} if set, else walking up from {@code user.dir}. Tests
 * that need it are skipped, not failed, where it is absent. Public, in llm-data's test jar, so that the
 * other modules' tests find the corpus the same way.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path verdictPath() {
        String shared = System.getProperty("llm.shared.dir");
        if (shared != null && !shared.isBlank()) {
            Path p = Path.of(shared, "data", "the-verdict.txt");
            return Files.isRegularFile(p) ? p : null;
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("../shared/data/the-verdict.txt").normalize();
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The path, or the test is skipped. */
    public static Path requireVerdict() {
        Path p = verdictPath();
        assumeTrue(p != null, "../shared/data/the-verdict.txt not found: skipped");
        return p;
    }

    public static String verdictText() {
        try {
            return Files.readString(requireVerdict(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
