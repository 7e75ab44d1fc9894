package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llm train on a tiny model, then llm generate from its checkpoint; and the errors around them. */
class TrainAndGenerateCommandTest {
    private static final String[] TINY = {
        "--context-length",
        "16",
        "--emb-dim",
        "16",
        "--layers",
        "1",
        "--heads",
        "2",
        "--batch-size",
        "2",
        "--eval-every",
        "5",
        "--eval-iter",
        "1"
    };

    private static String[] args(String first, Path dir, String... more) {
        java.util.List<String> all =
                new java.util.ArrayList<>(java.util.List.of(first, "--checkpoint-dir", dir.toString()));
        all.addAll(java.util.List.of(TINY));
        all.addAll(java.util.List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void trainPrintsTheBooksLinesAndGenerateSamplesFromItsCheckpoint(@TempDir Path dir) {
        CliRun train = CliRun.of(args("train", dir, "--epochs", "1", "--plots", dir.toString()));
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(train.out().contains("Ep 1 (Step 000000): Train loss "), train.out());
        assertTrue(
                train.out().matches("(?s).*Ep 1 \\(Step 000005\\): Train loss \\d+\\.\\d{3}, Val loss \\d+\\.\\d{3}.*"),
                train.out());
        assertTrue(train.out().contains("Every effort moves you"), "the epoch's sample: " + train.out());
        assertTrue(train.err().contains("tokens/s"), "progress on standard error");
        assertTrue(Files.isRegularFile(dir.resolve("checkpoint.safetensors")));
        assertTrue(Files.isRegularFile(dir.resolve("train-loss.png")));

        CliRun gen = CliRun.of(
                "generate",
                "--prompt",
                "Every effort",
                "--checkpoint",
                dir.resolve("checkpoint.safetensors").toString(),
                "--max-new-tokens",
                "5");
        assertEquals(0, gen.exitCode(), gen.err());
        assertTrue(gen.out().startsWith("Every effort"), gen.out());
        assertEquals(1, gen.out().split("\n").length, "standard output carries only the text: " + gen.out());
        assertTrue(gen.err().contains("ms per token"), gen.err());

        String checkpoint = dir.resolve("checkpoint.safetensors").toString();
        CliRun sampled = sample(checkpoint);
        CliRun again = sample(checkpoint, "--no-cache");
        assertEquals(0, sampled.exitCode(), sampled.err());
        assertEquals(sampled.out(), again.out(), "the same seed samples the same text, with or without the cache");

        CliRun resumed = CliRun.of(args("train", dir, "--resume", "--epochs", "2"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("Resumed at step"), resumed.out());
        assertTrue(resumed.out().contains("Ep 2 (Step"), resumed.out());
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) throws Exception {
        Path tiny = dir.resolve("tiny.txt");
        Files.writeString(tiny, "Only a few words here.", StandardCharsets.UTF_8);
        CliRun short_ = CliRun.of(args("train", dir, "--epochs", "1", "--text", tiny.toString()));
        assertEquals(1, short_.exitCode());
        assertTrue(
                short_.err().contains("too short for one training batch")
                        && short_.err().contains("needs at least"),
                short_.err());
        CliRun noCheckpoint = CliRun.of(args("train", dir.resolve("none"), "--epochs", "1", "--resume"));
        assertEquals(1, noCheckpoint.exitCode());
        assertTrue(noCheckpoint.err().contains("there is no checkpoint"), noCheckpoint.err());
        assertEquals(
                2, CliRun.of("generate", "--prompt", "x", "--temperature", "-1").exitCode());
        assertEquals(
                2, CliRun.of("generate", "--prompt", "x", "--top-k", "60000").exitCode());
        assertEquals(2, CliRun.of("train", "--epochs", "0").exitCode());
        CliRun notACheckpoint = CliRun.of("generate", "--prompt", "x", "--checkpoint", tiny.toString());
        assertEquals(1, notACheckpoint.exitCode());
        assertTrue(notACheckpoint.err().contains(tiny.toString()), notACheckpoint.err());
    }

    /** Five sampled tokens from {@code checkpoint} with a fixed seed (and {@code extra} flags). */
    private static CliRun sample(String checkpoint, String... extra) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(
                "generate",
                "--prompt",
                "Every effort",
                "--checkpoint",
                checkpoint,
                "--max-new-tokens",
                "5",
                "--temperature",
                "1.4",
                "--top-k",
                "25",
                "--seed",
                "7"));
        all.addAll(java.util.List.of(extra));
        return CliRun.of(all.toArray(new String[0]));
    }
}
