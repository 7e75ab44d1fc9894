package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tokenize, batches and backends end to end, and how bad arguments are answered. */
class CommandsTest {

    @Test
    void tokenizeCountsTheVerdictsTokensAndRoundTrips() {
        Path verdict = CliRun.theVerdict();
        CliRun run = CliRun.of("tokenize", "--text", verdict.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Tokens: 5,145"), run.out());
        assertTrue(run.out().contains("Ids: [40, 367, 2885, 1464, 1807, 3619, 402, 271, 10899, 2138,"), run.out());
        assertTrue(run.out().contains("Characters per token: 3.98"), run.out());
        assertTrue(run.out().contains("Round trip: decode(encode(text)) == text: True"), run.out());
    }

    @Test
    void tokenizeRefusesEndOfTextUnlessAllowed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hello.txt");
        Files.writeString(
                file,
                "Hello, do you like tea? <|endoftext|> In the sunlit terraces of someunknownPlace.",
                StandardCharsets.UTF_8);
        CliRun refused = CliRun.of("tokenize", "--text", file.toString());
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().startsWith("error: ") && refused.err().contains("<|endoftext|>"), refused.err());
        assertFalse(refused.err().contains("\tat "), "no stack trace");
        CliRun allowed = CliRun.of("tokenize", "--allow-special", "--text", file.toString());
        assertEquals(0, allowed.exitCode(), allowed.err());
        assertTrue(
                allowed.out()
                        .contains("Ids: [15496, 11, 466, 345, 588, 8887, 30, 220, 50256, 554, 262, 4252, 18250, "
                                + "8812, 2114, 286, 617, 34680, 27271, 13]"),
                allowed.out());
    }

    @Test
    void batchesPrintsCountsAndTheFirstBatch() {
        CliRun run = CliRun.of("batches", "--batch-size", "2", "--max-length", "3", "--stride", "1", "--show", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Batch 1 targets:"), run.out());
        String tokens = run.out().replaceAll("(?s).*Text: the bundled sample story \\(([0-9,]+) tokens\\).*", "$1");
        int n = Integer.parseInt(tokens.replace(",", ""));
        int windows = n - 3; // len(range(0, n - 3, 1))
        assertTrue(run.out().contains(String.format("Windows: %,d", windows)), run.out());
        assertTrue(run.out().contains(String.format("Batches per epoch: %,d", windows / 2)), run.out());
    }

    @Test
    void dropLastAndNoDropLastMeanWhatTheySay() {
        // --batch-size 7 on the sample: whether the last, smaller batch is kept shows in the batch count.
        CliRun keep = CliRun.of("batches", "--no-drop-last", "--batch-size", "7");
        CliRun drop = CliRun.of("batches", "--drop-last", "--batch-size", "7");
        CliRun byDefault = CliRun.of("batches", "--batch-size", "7");
        assertEquals(0, keep.exitCode(), keep.err());
        assertEquals(0, drop.exitCode(), drop.err());
        String windowsText = keep.out().replaceAll("(?s).*Windows: ([0-9,]+) .*", "$1");
        int windows = Integer.parseInt(windowsText.replace(",", ""));
        assertTrue(windows % 7 != 0, "the sample's window count must leave a smaller last batch: " + windows);
        assertTrue(
                keep.out()
                        .contains(String.format(
                                "Batches per epoch: %,d  (batch_size=7, drop_last=False", (windows + 6) / 7)),
                keep.out());
        assertTrue(
                drop.out()
                        .contains(String.format("Batches per epoch: %,d  (batch_size=7, drop_last=True", windows / 7)),
                drop.out());
        assertEquals(drop.out(), byDefault.out(), "drop_last is on by default, as in the tutorial");
    }

    @Test
    void shuffledBatchesDependOnTheSeed() {
        CliRun a = CliRun.of("batches", "--shuffle", "--seed", "1");
        CliRun b = CliRun.of("batches", "--shuffle", "--seed", "1");
        CliRun c = CliRun.of("batches", "--shuffle", "--seed", "2");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        assertFalse(a.out().equals(c.out()));
    }

    @Test
    void backendsListsTheJavaBackendAndSelfTestsIt() {
        CliRun run = CliRun.of("backends");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("java     priority  10  available"), run.out());
        assertTrue(run.out().matches("(?s).*\\n  java +ok in \\d+ ms.*"), run.out());
    }

    @Test
    void backendsGivesEveryDiscoveredBackendAVerdict() {
        CliRun run = CliRun.of("backends");
        String selfTest = run.out().substring(run.out().indexOf("Self-test:"));
        for (org.llmfromscratch.api.BackendInfo info : org.llmfromscratch.api.Backends.list()) {
            assertTrue(
                    selfTest.matches("(?s).*\\n  " + info.name() + " +(ok|DIFFERS|FAILED|not tested: unavailable).*"),
                    info.name() + " has no verdict:\n" + run.out());
        }
    }

    @Test
    void theSelfTestComparesWholeResults() {
        float[] reference = {1, 2, 3};
        assertEquals(null, BackendsCommand.difference(reference, new float[] {1, 2, 3}));
        assertEquals(
                "4 elements where the reference has 3",
                BackendsCommand.difference(reference, new float[] {1, 2, 3, 4}),
                "a longer result whose first elements match is still different");
        assertEquals("2 elements where the reference has 3", BackendsCommand.difference(reference, new float[] {1, 2}));
        String d = BackendsCommand.difference(reference, new float[] {1, 2, Math.nextUp(3f)});
        assertTrue(
                d != null && d.startsWith("1 of 3 elements differ (the first at 2"), "one ulp is a difference: " + d);
    }

    @Test
    void badArgumentsPrintUsageAndExitWith2() {
        CliRun zero = CliRun.of("batches", "--batch-size", "0");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().contains("--batch-size must be at least 1, got 0"), zero.err());
        assertTrue(zero.err().contains("Usage: llm batches"), zero.err());
        CliRun unknown = CliRun.of("walkthrough", "--frobnicate");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
        CliRun notANumber = CliRun.of("batches", "--stride", "four");
        assertEquals(2, notANumber.exitCode());
        CliRun negative = CliRun.of("tokenize", "--show", "-1");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().contains("--show must be >= 0, got -1"), negative.err());
        CliRun none = CliRun.of();
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("walkthrough"), none.err());
    }

    @Test
    void anUnknownBackendListsTheDiscoveredOnes() {
        CliRun run = CliRun.of("walkthrough", "--backend", "cuda");
        assertEquals(2, run.exitCode());
        assertTrue(
                run.err().contains("no backend named 'cuda'") && run.err().contains("java (priority 10): available"),
                run.err());
    }

    @Test
    void anUnreachableUrlFailsWithOneLine() {
        CliRun run = CliRun.of("tokenize", "--text", "http://127.0.0.1:9/the-verdict.txt");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("error: cannot download http://127.0.0.1:9/the-verdict.txt"), run.err());
        assertTrue(run.err().contains("--text FILE"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aMissingFileAndInvalidUtf8AreNamed(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.of("batches", "--text", dir.resolve("nope.txt").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("nope.txt"), missing.err());
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[] {'a', 'b', (byte) 0xC3, '(', 'c'});
        CliRun invalid = CliRun.of("batches", "--text", bad.toString());
        assertEquals(1, invalid.exitCode());
        assertTrue(invalid.err().contains("bad.txt") && invalid.err().contains("byte offset 2"), invalid.err());
    }

    @Test
    void aTextTooShortForOneBatchSaysSo(@TempDir Path dir) throws Exception {
        Path tiny = dir.resolve("tiny.txt");
        Files.writeString(tiny, "Hello world");
        CliRun run = CliRun.of("batches", "--text", tiny.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("2 tokens"), run.err());
    }
}
