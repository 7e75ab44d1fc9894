package org.llmfromscratch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the project in one JVM session (JMH forks one JVM per benchmark) and
 * writes the Markdown tables the README shows: each embedding result beside the copy yardstick of the
 * same run, matrix products beside OpenBLAS, the embedding backward beside a plain loop, the heap allocated per
 * training step, the tokenizer beside jtokkit, batch assembly, and the models: GPT-2's attention forward and
 * backward beside OpenBLAS, GPT-2 124M's forward, generation with the key-value cache beside the copy, and
 * a chapter-5 training step, java beside djl. About 14 minutes on 2 cores.
 *
 * <pre>llm-bench/run-benchmarks.sh            # writes llm-bench/target/benchmarks.md</pre>
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {}

    public static void main(String[] args) throws IOException, RunnerException {
        Path report = Path.of(args.length > 0 ? args[0] : "llm-bench/target/benchmarks.md");
        List<String> extraJvmArgs = NativeFlags.forks();
        List<RunResult> results = new ArrayList<>();
        // The yardstick runs before and after the backends; the table uses the faster of the two, so a
        // noisy neighbour slowing one copy run cannot flatter the ratios.
        for (String include : new String[] {
            "CopyYardstickBenchmark", "EmbeddingForwardBenchmark|EmbedRowLoopBenchmark", "CopyYardstickBenchmark"
        }) {
            results.addAll(run(options(include, extraJvmArgs)
                    .warmupIterations(4)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(6)
                    .measurementTime(TimeValue.seconds(1))));
        }
        // Matrix products beside OpenBLAS (the yardstick) and the embedding backward beside a plain loop.
        results.addAll(run(options(MATMUL_AND_BACKWARD, extraJvmArgs)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(4)
                .measurementTime(TimeValue.seconds(1))));
        // Generation: calls of 16 tokens, a fraction of a second; the JIT needs a few hundred tokens to settle.
        results.addAll(run(options("GenerationBenchmark", extraJvmArgs)
                .warmupIterations(5)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))));
        // Heap allocated per small training step, from the GC profiler.
        results.addAll(run(options("TrainingStepBenchmark", extraJvmArgs)
                .addProfiler(GCProfiler.class)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(4)
                .measurementTime(TimeValue.seconds(1))));
        // Models: attention forward and backward beside OpenBLAS, GPT-2 forward, a chapter-5 training step. Calls take
        // seconds: few, long iterations.
        ChainedOptionsBuilder models = options(MODELS, extraJvmArgs);
        if (System.getProperty("llm.bench.models.workload") != null) {
            models.param(
                    "workload", System.getProperty("llm.bench.models.workload").split(","));
        }
        results.addAll(run(models.warmupIterations(1)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))));
        // The tokenizer and batch-assembly benchmarks carry their own iteration and heap settings.
        results.addAll(run(options("TokenizerBenchmark|BatchAssemblyBenchmark", extraJvmArgs)));
        String markdown = new ResultsTable(results).markdown();
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + report);
    }

    /** The JMH include pattern of the model benchmarks. */
    static final String MODELS = "AttentionBenchmark|Gpt2ForwardBenchmark|Gpt2TrainingStepBenchmark";

    /** The JMH include pattern of the matmul and embedding-backward benchmarks. */
    static final String MATMUL_AND_BACKWARD =
            "MatmulBenchmark|EmbeddingBackwardBenchmark|EmbeddingBackwardLoopBenchmark";

    /**
     * {@code -Dllm.bench.only=REGEX}: run only the benchmarks whose class name matches (the table then shows
     * just those); {@code -Dllm.bench.quick=true}: one short warm-up and two short measurements each, to check
     * that benchmarks work (never for published figures); {@code -Dllm.bench.backend=java,djl}: only those values of
     * the benchmarks' {@code backend} parameter; {@code -Dllm.bench.models.workload=QUICK}: the model benchmarks at
     * their smaller size (attention at batch 1 instead of 8; the others keep GPT-2's); a comma-separated list runs
     * several ({@code GPT2,GPT2x8}: the GPT-2 forward at batch 1 and 8).
     */
    private static final String ONLY = System.getProperty("llm.bench.only");

    private static final boolean QUICK = Boolean.getBoolean("llm.bench.quick");

    private static ChainedOptionsBuilder options(String include, List<String> jvmArgs) {
        String pattern = include;
        if (ONLY != null) {
            pattern = java.util.Arrays.stream(include.split("\\|"))
                    .filter(c -> c.matches(ONLY))
                    .reduce((x, y) -> x + "|" + y)
                    .orElse("NoSuchBenchmark");
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("\\.(" + pattern + ")\\.")
                .forks(1)
                .shouldFailOnError(false)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
        String backends = System.getProperty("llm.bench.backend");
        return backends == null ? options : options.param("backend", backends.split(","));
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        if (QUICK) {
            options.warmupIterations(1)
                    .warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(2)
                    .measurementTime(TimeValue.milliseconds(500));
        }
        try {
            return new Runner(options.build()).run();
        } catch (org.openjdk.jmh.runner.NoBenchmarksException e) {
            return List.of(); // -Dllm.bench.only left nothing of this group
        }
    }
}
