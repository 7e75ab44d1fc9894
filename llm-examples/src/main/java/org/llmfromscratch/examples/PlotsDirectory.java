package org.llmfromscratch.examples;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** {@code --plots DIR}, checked before any work: not empty, created if needed, writable (else the reason). */
final class PlotsDirectory {
    private PlotsDirectory() {}

    static void prepare(CommandSpec spec, Path dir) {
        if (dir == null) {
            return;
        }
        if (dir.toString().isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--plots needs a directory, got an empty path; use --plots . for the current directory");
        }
        WalkthroughPlots.prepare(dir);
    }
}
