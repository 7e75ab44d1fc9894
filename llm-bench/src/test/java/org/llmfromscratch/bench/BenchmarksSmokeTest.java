package org.llmfromscratch.bench;

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
    private static Set<String> benchmarkMethods() {
        Set<String> methods = new TreeSet<>();
        java.util.regex.Pattern test = java.util.regex.Pattern.compile("jmh_generated\\.(\\w+?)_(\\w+)_jmhTest");
        try (java.io.InputStream in = BenchmarksSmokeTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            String list = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            java.util.regex.Matcher m = test.matcher(list);
            while (m.find()) {
                methods.add(m.group(1) + "." + m.group(2));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return methods;
    }

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
            String params = r.getParams().getParamsKeys().isEmpty()
                    ? ""
                    : " "
                            + r.getParams().getParamsKeys().stream()
                                    .map(k -> k + "=" + r.getParams().getParam(k))
                                    .toList();
            assertTrue(r.getPrimaryResult().getSampleCount() >= 1, name + params + " did not run");
            assertTrue(Double.isFinite(r.getPrimaryResult().getScore()), name + params + " has no score");
            ran.add(name + params);
        }
        // Every benchmark method JMH's annotation processor found (META-INF/BenchmarkList) ran, with at
        // least one value of its parameters; the list is read, not counted by hand, so a new benchmark is
        // covered as soon as it exists.
        Set<String> methods = benchmarkMethods();
        assertTrue(methods.size() >= 10, "benchmark methods found: " + methods);
        for (String m : methods) {
            assertTrue(ran.stream().anyMatch(s -> s.equals(m) || s.startsWith(m + " ")), m + " did not run: " + ran);
        }
        // ... and the models' benchmarks on the backends they compare:
        for (String model : new String[] {
            "AttentionBenchmark.forwardBackward [backend=java,",
            "AttentionBenchmark.forwardBackward [backend=djl,",
            "AttentionBenchmark.forwardBackward [backend=openblas-2t,",
            "Gpt2ForwardBenchmark.forward [backend=java,",
            "Gpt2ForwardBenchmark.forward [backend=djl,",
            "GenerationBenchmark.generate [backend=java,",
            "Gpt2TrainingStepBenchmark.step [backend=java,",
            "Gpt2TrainingStepBenchmark.step [backend=djl,"
        }) {
            assertTrue(ran.stream().anyMatch(s -> s.startsWith(model)), model + " missing: " + ran);
        }
        for (String backend : new String[] {"java-1t", "java-2t", "java-2t-scalar", "nd4j", "aparapi", "djl"}) {
            assertTrue(
                    ran.stream()
                            .anyMatch(s -> s.startsWith("EmbeddingForwardBenchmark.forward")
                                    && s.contains("backend=" + backend + ",")),
                    backend + " forward missing: " + ran);
        }
    }
}
