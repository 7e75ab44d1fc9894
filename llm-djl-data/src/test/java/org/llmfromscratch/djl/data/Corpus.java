package org.llmfromscratch.djl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SharedData;
import org.llmfromscratch.data.SyntheticText;

/**
 * The tests' text: ../shared/data/the-verdict.txt, the tutorial's corpus (which the repository must not
 * contain), found by llm-data's {@link SharedData}. Where it is absent the comparisons run on a generated text
 * instead, so they never skip; only the check of the tutorial's printed batch needs the real one.
 */
final class Corpus {
    private Corpus() {}

    /** GPT-2 ids of the-verdict.txt, or the test is skipped (fails under CI: {@link SharedData#requireVerdict}). */
    static int[] verdictIds() {
        return encode(SharedData.requireVerdict());
    }

    /** GPT-2 ids of the-verdict.txt where present, else of about 20,000 generated characters. */
    static int[] ids() {
        Path p = SharedData.verdictPath();
        return p != null ? encode(p) : Gpt2Tokenizer.instance().encode(SyntheticText.generate(20_000, 42));
    }

    private static int[] encode(Path p) {
        try {
            return Gpt2Tokenizer.instance().encode(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
