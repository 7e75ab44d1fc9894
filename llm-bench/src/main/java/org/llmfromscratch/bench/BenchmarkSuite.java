package org.llmfromscratch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the project in one JVM session (JMH forks one JVM per benchmark) and
 * writes the Markdown tables the README shows: each embedding result beside the copy yardstick of the
 * same run, the tokenizer beside jtokkit, and batch assembly. Under 10 minutes on 2 cores.
 *
 * <pre>llm-bench/run-benchmarks.sh            # writes llm-bench/target/benchmarks.md</pre>
 */
public final class BenchmarkSuite {
    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Path report = Path.of(args.length > 0 ? args[0] : "llm-bench/target/benchmarks.md");
        List<String> extraJvmArgs = NativeFlags.forks();
        List<RunResult> results = new ArrayList<>();
        // The yardstick runs before and after the backends; the table uses the faster of the two, so a
        // noisy neighbour slowing one copy run cannot flatter the ratios.
        for (String include : new String[] {"CopyYardstickBenchmark", "EmbeddingForwardBenchmark|EmbedRowLoopBenchmark",
            "CopyYardstickBenchmark"}) {
            results.addAll(run(options(include, extraJvmArgs)
                    .warmupIterations(4).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(6).measurementTime(TimeValue.seconds(1))));
        }
        // The tokenizer and batch-assembly benchmarks carry their own iteration and heap settings.
        results.addAll(run(options("TokenizerBenchmark|BatchAssemblyBenchmark", extraJvmArgs)));
        String markdown = new ResultsTable(results).markdown();
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, markdown);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + report);
    }

    private static ChainedOptionsBuilder options(String include, List<String> jvmArgs) {
        return new OptionsBuilder().include(include).forks(1).shouldFailOnError(false)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]));
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }
}
