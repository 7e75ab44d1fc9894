package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad --plots and --text values and a refused special token: one line saying why and what to do, up front. */
class HostileArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void plotsIntoAnExistingFileSaysWhyBeforeTheWalkthrough() throws Exception {
        Path file = Files.writeString(dir.resolve("taken.png"), "x");
        CliRun run = CliRun.of("walkthrough", "--plots", file.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(file.toString()) && run.err().contains("not a directory"), run.err());
        assertFalse(run.out().contains("token-embedding layer"), "checked before the walkthrough runs: " + run.out());
    }

    @Test
    void plotsUnderAFileSaysWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path under = file.resolve("pictures");
        CliRun run = CliRun.of("walkthrough", "--plots", under.toString());
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(under.toString()) && run.err().contains("Not a directory"), run.err());
        assertFalse(run.out().contains("token-embedding layer"), run.out());
    }

    @Test
    void anEmptyPlotsDirectoryIsRefused() {
        CliRun run = CliRun.of("walkthrough", "--plots", "");
        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("--plots"), run.err());
        assertFalse(Files.exists(Path.of("positional-embeddings.png")), "nothing written into the current directory");
    }

    @Test
    void anUnsupportedUrlSchemeIsNamed() {
        CliRun run = CliRun.of("tokenize", "--text", "ftp://x/y");
        assertEquals(1, run.exitCode());
        assertTrue(
                run.err().contains("ftp://x/y")
                        && run.err().contains("'ftp'")
                        && !run.err().contains("no such file"),
                run.err());
    }

    @Test
    void theEndOfTextRefusalSuggestsAllowSpecial() throws Exception {
        Path file = Files.writeString(dir.resolve("doc.txt"), "one document<|endoftext|>another");
        CliRun run = CliRun.of("tokenize", "--text", file.toString());
        {
            assertEquals(1, run.exitCode());
            assertTrue(run.err().contains("--allow-special") && !run.err().contains("Set.of"), run.err());
            assertTrue(run.err().contains("at character 12"), run.err());
        }
    }
}
