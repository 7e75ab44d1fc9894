package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first model that learns: the loss of the embeddings + linear layer falls from about ln(50257). */
class LearnEmbeddingsCommandTest {

    @Test
    void theLossFallsFromAboutElevenAndThePlotIsWritten(@TempDir Path dir) {
        CliRun run = CliRun.of(
                "learn-embeddings",
                "--steps",
                "40",
                "--emb-dim",
                "16",
                "--context-length",
                "8",
                "--plots",
                dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        Matcher m = Pattern.compile("step (\\d+) loss (\\d+\\.\\d{4})").matcher(run.out());
        double first = Double.NaN;
        double last = Double.NaN;
        int lastStep = 0;
        while (m.find()) {
            if (Double.isNaN(first)) {
                assertEquals("1", m.group(1), "the first step is always printed");
                first = Double.parseDouble(m.group(2));
            }
            lastStep = Integer.parseInt(m.group(1));
            last = Double.parseDouble(m.group(2));
        }
        assertEquals(40, lastStep, "the last step is always printed: " + run.out());
        assertTrue(first > 10.5 && first < 11.5, "initial loss near ln(50257) = 10.8: " + first);
        assertTrue(last < first - 3, "the loss falls: " + first + " -> " + last);
        assertTrue(run.out().contains("Nearest neighbours"), run.out());
        assertTrue(Files.isRegularFile(dir.resolve("learn-embeddings-loss.png")));
    }

    @Test
    void badFlagsAreUsageErrors() {
        assertEquals(2, CliRun.of("learn-embeddings", "--steps", "0").exitCode());
        assertEquals(2, CliRun.of("learn-embeddings", "--lr", "-1").exitCode());
    }
}
