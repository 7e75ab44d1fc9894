package org.llmfromscratch.examples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.llmfromscratch.data.CorpusEncoder;
import org.llmfromscratch.data.SyntheticText;
import org.llmfromscratch.data.TokenSequence;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code llm data generate|encode}: large inputs for the data pipeline. {@code generate} writes a
 * synthetic corpus of a given size; {@code encode} runs the parallel corpus encoder on a file with its
 * memory-mapped token cache and prints the id count, time, token file and heap used. Both draw one
 * progress bar on standard error for runs over a second.
 */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Generate and encode large corpora (the corpus encoder and its token cache).",
        subcommands = {DataCommand.Generate.class, DataCommand.Encode.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose 'generate' or 'encode'");
    }

    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description = "Write MEGABYTES of synthetic English-like text (with accents and curly quotes) to FILE.")
    static final class Generate implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "the text file to write")
        Path file;

        @Parameters(index = "1", paramLabel = "MEGABYTES", description = "how much text, in millions of bytes")
        double megabytes;

        @Parameters(
                index = "2",
                paramLabel = "SEED",
                arity = "0..1",
                defaultValue = "1",
                description = "the generator's seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public void run() {
            if (!(megabytes > 0) || megabytes > 1e6) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "MEGABYTES must be above 0 and at most 1000000, got " + megabytes);
            }
            long bytes = (long) (megabytes * 1e6);
            long t0 = System.nanoTime();
            ProgressBar bar = new ProgressBar(System.err, "writing " + file, bytes);
            long written;
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
                    written = SyntheticText.write(w, bytes, seed, bar);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            bar.finish(written, String.format(Locale.ROOT, "%.1f MB/s", written / 1e6 / s));
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d bytes in %.1f s%n", file, written, s);
        }
    }

    @Command(
            name = "encode",
            mixinStandardHelpOptions = true,
            description = "Encode FILE with GPT-2's tokenizer on every core, into a memory-mapped token cache that "
                    + "later runs reuse while the file is unchanged.")
    static final class Encode implements Runnable {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "a UTF-8 text file")
        Path file;

        @Option(names = "--threads", paramLabel = "N", description = "encoding threads (default: every core)")
        Integer threads;

        @CommandLine.ArgGroup(exclusive = true)
        CacheChoice cache;

        static final class CacheChoice {
            @Option(
                    names = "--cache",
                    paramLabel = "DIR",
                    description = "the token cache directory (default: $LLM_DATA_CACHE, -Dllm.data.cache, "
                            + "else ~/.cache/llm-from-scratch/tokens)")
            Path dir;

            @Option(names = "--no-cache", description = "keep the ids in memory only")
            boolean none;
        }

        @Override
        public void run() {
            if (threads != null && threads < 1) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--threads must be at least 1, got " + threads);
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            ProgressBar bar = new ProgressBar(System.err, "encoding " + file, -1);
            CorpusEncoder.Builder b = CorpusEncoder.builder().progress(bar);
            if (threads != null) {
                b.threads(threads);
            }
            if (cache != null) {
                b.cacheDirectory(cache.none ? null : cache.dir);
            }
            CorpusEncoder encoder = b.build();
            boolean cached = encoder.isCached(file);
            long t0 = System.nanoTime();
            TokenSequence ids = encoder.encode(file);
            double s = (System.nanoTime() - t0) / 1e9;
            long bytes;
            try {
                bytes = Files.size(file);
            } catch (IOException e) {
                bytes = 0;
            }
            bar.finish(bytes, String.format(Locale.ROOT, "%d ids, %.1f MB/s", ids.size(), bytes / 1e6 / s));
            PrintWriter out = spec.commandLine().getOut();
            Runtime rt = Runtime.getRuntime();
            out.printf(
                    Locale.ROOT,
                    "%s: %d ids in %.2f s (%s)%n",
                    file,
                    ids.size(),
                    s,
                    cached ? "reused the cached token file" : "encoded");
            Path tokenFile = encoder.cacheFileFor(file);
            out.println("token file: " + (tokenFile == null ? "none (--no-cache)" : tokenFile));
            int n = (int) Math.min(10, ids.size());
            int[] first = new int[n];
            ids.copyTo(0, first, 0, n);
            out.println("first ids: " + Arrays.toString(first));
            out.printf(
                    Locale.ROOT,
                    "heap: %d MB used of %d MB max%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20,
                    rt.maxMemory() >> 20);
        }
    }
}
