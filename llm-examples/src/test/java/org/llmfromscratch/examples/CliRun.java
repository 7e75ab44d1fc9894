package org.llmfromscratch.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.llmfromscratch.data.SharedData;

/** Runs the command-line tool in-process and keeps its exit code, standard output and standard error. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LlmCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The tutorial's corpus from ../shared, or null where it is absent (never copied into the repository). */
    /** ../shared/data/the-verdict.txt, or the test is skipped (fails under CI: {@link SharedData#requireVerdict}). */
    static Path theVerdict() {
        return SharedData.requireVerdict();
    }
}
