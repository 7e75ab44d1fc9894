package org.llmfromscratch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Every benchmark of the suite, once, so that {@code mvn verify} fails when one breaks (a setup that
 * throws, a backend that no longer loads, a check inside a benchmark). Nothing is timed or compared:
 * JMH runs in this JVM (no fork), with no warm-up and one iteration of a millisecond (at least one call)
 * of every benchmark method, at the tutorial's size where a benchmark has a size parameter.
 */
class BenchmarksSmokeTest {
    @Test
    void everyBenchmarkRunsOnceWithoutError() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("org\\.llmfromscratch\\.bench\\..*Benchmark")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(1))
                .param("workload", "TUTORIAL")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replace("org.llmfromscratch.bench.", "");
            String params = r.getParams().getParamsKeys().isEmpty() ? "" : " " + r.getParams().getParamsKeys().stream()
                    .map(k -> k + "=" + r.getParams().getParam(k)).toList();
            assertTrue(r.getPrimaryResult().getSampleCount() >= 1, name + params + " did not run");
            assertTrue(Double.isFinite(r.getPrimaryResult().getScore()), name + params + " has no score");
            ran.add(name + params);
        }
        // Every method with every value of its parameters (the size fixed to the tutorial's): 2 yardstick copies,
        // 6 backends' forwards, 4 row loops, 24 matmuls, 9 + 1 embedding backwards, 1 training step, 3 tokenizer
        // runs, 2 batch orders; the models: 5 attention runs, 2 GPT-2 forwards, 1 generation, 2 chapter-5 steps.
        assertEquals(62, ran.size(), "benchmarks run: " + ran);
        for (String model : new String[] {"AttentionBenchmark.forwardBackward [backend=java,",
            "AttentionBenchmark.forwardBackward [backend=djl,", "AttentionBenchmark.forwardBackward [backend=openblas-2t,",
            "Gpt2ForwardBenchmark.forward [backend=java,", "Gpt2ForwardBenchmark.forward [backend=djl,",
            "GenerationBenchmark.generate [backend=java,", "Gpt2TrainingStepBenchmark.step [backend=java,",
            "Gpt2TrainingStepBenchmark.step [backend=djl,"}) {
            assertTrue(ran.stream().anyMatch(s -> s.startsWith(model)), model + " missing: " + ran);
        }
        for (String backend : new String[] {"java-1t", "java-2t", "java-2t-scalar", "nd4j", "aparapi", "djl"}) {
            assertTrue(ran.stream().anyMatch(s -> s.startsWith("EmbeddingForwardBenchmark.forward") && s.contains("backend="
                    + backend + ",")), backend + " forward missing: " + ran);
        }
    }
}
