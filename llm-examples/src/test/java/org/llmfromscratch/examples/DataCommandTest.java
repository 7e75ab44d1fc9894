package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.llmfromscratch.data.Gpt2Tokenizer;

/** {@code llm data generate} and {@code llm data encode}, end to end, and their bad arguments. */
class DataCommandTest {
    @Test
    void generateThenEncodeThenReuseTheCache(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("sub/big.txt");
        CliRun gen = CliRun.of("data", "generate", text.toString(), "0.2", "7");
        assertEquals(0, gen.exitCode(), gen.err());
        assertTrue(gen.out().startsWith("wrote " + text + ": "), gen.out());
        assertTrue(Files.size(text) >= 200_000, "at least the bytes asked for: " + Files.size(text));

        Path cache = dir.resolve("cache");
        CliRun first = CliRun.of("data", "encode", text.toString(), "--threads", "2", "--cache", cache.toString());
        assertEquals(0, first.exitCode(), first.err());
        int[] expected = Gpt2Tokenizer.instance().encode(Files.readString(text));
        assertTrue(first.out().contains(": " + expected.length + " ids in "), first.out());
        assertTrue(first.out().contains("(encoded)"), first.out());
        assertTrue(first.out().contains("token file: " + cache), first.out());
        CliRun second = CliRun.of("data", "encode", text.toString(), "--cache", cache.toString());
        assertTrue(second.out().contains("(reused the cached token file)"), second.out());
        CliRun none = CliRun.of("data", "encode", text.toString(), "--no-cache");
        assertTrue(none.out().contains("token file: none (--no-cache)"), none.out());
    }

    @Test
    void badArgumentsExitWith2AndAMissingFileWith1(@TempDir Path dir) {
        assertEquals(2, CliRun.of("data").exitCode());
        CliRun negative = CliRun.of("data", "generate", dir.resolve("x.txt").toString(), "0");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("MEGABYTES must be above 0"), negative.err());
        assertEquals(
                2,
                CliRun.of("data", "encode", "f.txt", "--cache", "c", "--no-cache")
                        .exitCode(),
                "--cache and --no-cache exclude each other");
        assertEquals(2, CliRun.of("data", "encode", "f.txt", "--threads", "0").exitCode());
        CliRun missing = CliRun.of("data", "encode", dir.resolve("missing.txt").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().startsWith("error: no such file: "), missing.err());
    }
}
