package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds ../shared/data/the-verdict.txt (the tutorial's corpus, which the repository must not contain):
 * from the system property {@code llm.shared.dir} if set, else walking up from {@code user.dir}. Tests
 * that need it are skipped where it is absent, except under CI. Public, in llm-data's test jar, so that the
 * other modules' tests find the corpus the same way. Under CI ({@code CI=true}) a missing corpus is a failure.
 */
public final class SharedData {
    private SharedData() {}

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

    /**
     * The path, or the test is skipped; under CI (the environment variable {@code CI=true}, which GitHub
     * Actions, GitLab and most CI services set) a missing corpus fails the test instead, so that a CI
     * machine without the data cannot pass by skipping.
     */
    public static Path requireVerdict() {
        return require(verdictPath(), System.getenv("CI"));
    }

    static Path require(Path found, String ciVariable) {
        String what = "../shared/data/the-verdict.txt not found (set -Dllm.shared.dir=DIR to the directory that holds "
                + "data/the-verdict.txt)";
        if (found == null && "true".equalsIgnoreCase(ciVariable == null ? "" : ciVariable.trim())) {
            fail(what + ": under CI (CI=true) this is a failure, not a skip");
        }
        assumeTrue(found != null, what + ": skipped");
        return found;
    }

    public static String verdictText() {
        try {
            return Files.readString(requireVerdict(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
