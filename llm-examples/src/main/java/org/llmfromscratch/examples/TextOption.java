package org.llmfromscratch.examples;

import picocli.CommandLine.Option;

/** {@code --text FILE|URL|-}. */
final class TextOption {
    @Option(
            names = "--text",
            paramLabel = "FILE|URL",
            description = "text to use: a file, an http(s) URL, or - for standard input "
                    + "(default: a short story shipped with the tool)")
    String spec;

    TextSource load() {
        return TextSource.load(spec);
    }
}
