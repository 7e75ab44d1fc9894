package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tool's progress bar: quiet for a second, then drawn from the library's reports. */
class ProgressBarTest {
    @Test
    void shortJobsStayQuietLongJobsDrawABar() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar quick = new ProgressBar(err, "quick", 100);
        quick.progress(100, 100);
        quick.finish(100, "done");
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));

        ProgressBar slow = new ProgressBar(err, "slow", -1);
        Thread.sleep(1100);
        slow.progress(2_000_000, 4_000_000);
        slow.finish(4_000_000, "42 ids");
        String shown = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("slow [###############---------------]  50% 2.0/4.0 MB"), shown);
        assertTrue(shown.contains("100% 4.0/4.0 MB") && shown.endsWith("  42 ids" + System.lineSeparator()), shown);
    }
}
