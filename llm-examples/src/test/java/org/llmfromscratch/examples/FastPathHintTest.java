package org.llmfromscratch.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without the Vector API module the tool says once, on standard error, how to get the fast path. */
class FastPathHintTest {
    @Test
    void oneLineWhenTheModuleIsAbsentNothingWhenPresent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertFalse(FastPathHint.print(true, err));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        assertTrue(FastPathHint.print(false, err));
        String said = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.contains("bin/llm") && said.contains("--add-modules jdk.incubator.vector"), said);
    }
}
