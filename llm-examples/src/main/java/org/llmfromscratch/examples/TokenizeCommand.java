package org.llmfromscratch.examples;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.llmfromscratch.data.CorpusEncoder;
import org.llmfromscratch.data.DisallowedSpecialTokenException;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.TokenSequence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llm tokenize}: GPT-2 token count, ids, characters per token and the round trip of a text.
 * Files go through the parallel corpus encoder (progress bar, cached ids), so gigabyte corpora work.
 */
@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        description = "Tokenize a text with GPT-2's BPE (tiktoken's r50k_base ids) and check the round trip.")
final class TokenizeCommand implements Runnable {
    /** Above this size a file's round trip is not checked: it would need the whole text and its decoding in memory. */
    static final long ROUND_TRIP_LIMIT = 64L << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    TextOption textOption;

    @Option(
            names = "--allow-special",
            description = "encode <|endoftext|> as id 50256 instead of refusing it " + "(tiktoken's allowed_special)")
    boolean allowSpecial;

    @Option(
            names = "--show",
            paramLabel = "N",
            defaultValue = "20",
            description = "ids to show from the start (default: ${DEFAULT-VALUE})")
    int show;

    @Override
    public void run() {
        try {
            tokenize();
        } catch (RuntimeException e) {
            throw withCliAdvice(e);
        }
    }

    /** A refused {@code <|endoftext|>} is answered with this command's option, not the Java API's call. */
    private RuntimeException withCliAdvice(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DisallowedSpecialTokenException s) {
                String name = textOption.spec == null ? "the text" : textOption.spec;
                return new IllegalArgumentException(
                        name + " contains the special token '" + s.token()
                                + "' at character " + s.offset()
                                + ", which tokenize refuses by default as tiktoken does: add"
                                + " --allow-special to encode it as id " + Gpt2Tokenizer.END_OF_TEXT_ID,
                        e);
            }
        }
        return e;
    }

    private void tokenize() {
        if (show < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--show must be >= 0, got " + show);
        }
        PrintWriter out = spec.commandLine().getOut();
        Set<String> allowed = allowSpecial ? Set.of(Gpt2Tokenizer.END_OF_TEXT) : Set.of();
        CorpusEncoder encoder = CorpusEncoder.builder().allowedSpecial(allowed).build();
        Path file = textOption.spec == null || textOption.spec.equals("-") || textOption.spec.contains("://")
                ? null
                : Path.of(textOption.spec);
        if (file != null && Files.isRegularFile(file)) {
            long bytes = sizeOf(file);
            TokenSequence ids = encoder.encode(file);
            int[] head = new int[(int) Math.min(show, ids.size())];
            ids.copyTo(0, head, 0, head.length);
            String text =
                    bytes <= ROUND_TRIP_LIMIT ? TextSource.load(file.toString()).text() : null;
            report(out, file.toString(), text, bytes, ids.size(), head, text == null ? null : ids.toArray());
        } else {
            TextSource source = textOption.load();
            int[] ids = encoder.encode(source.text());
            int[] head = java.util.Arrays.copyOf(ids, Math.min(show, ids.length));
            report(
                    out,
                    source.name(),
                    source.text(),
                    source.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    ids.length,
                    head,
                    ids);
        }
    }

    private void report(PrintWriter out, String name, String text, long bytes, long count, int[] head, int[] all) {
        out.println("Text: " + name);
        out.printf(
                Locale.ROOT,
                "Bytes: %,d%s%n",
                bytes,
                text == null ? "" : String.format(Locale.ROOT, ", characters: %,d", text.length()));
        out.printf(Locale.ROOT, "Tokens: %,d (GPT-2 BPE, r50k_base)%n", count);
        if (text != null && count > 0) {
            out.printf(Locale.ROOT, "Characters per token: %.2f%n", (double) text.length() / count);
        }
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < head.length; i++) {
            ids.append(i == 0 ? "" : ", ").append(head[i]);
        }
        out.println("Ids: " + ids + (count > head.length ? ", ... (" + (count - head.length) + " more)]" : "]"));
        if (text == null) {
            out.println("Round trip: not checked (the file is over " + (ROUND_TRIP_LIMIT >> 20) + " MB)");
            return;
        }
        boolean same = Gpt2Tokenizer.instance().decode(all).equals(text);
        out.println("Round trip: decode(encode(text)) == text: " + Narration.bool(same));
        if (!same) {
            throw new IllegalStateException("the round trip changed the text");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
