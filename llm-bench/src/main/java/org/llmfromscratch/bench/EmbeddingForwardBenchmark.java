package org.llmfromscratch.bench;

import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTEmbedding;
import org.llmfromscratch.backend.java.JavaBackendProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * GPTEmbedding forward, {@code tok[ids] + pos[0..T-1]}, on each backend. {@code java-1t} and
 * {@code java-2t} are the pure-Java backend pinned to one and two threads, with the Vector API when the
 * fork runs with {@code --add-modules jdk.incubator.vector} (the suite's forks do); {@code java-2t-scalar}
 * forces its scalar fallback. The other names go through discovery. The output is closed every call, as a caller following the ownership rule does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EmbeddingForwardBenchmark {

    @Param({"java-1t", "java-2t", "java-2t-scalar", "nd4j", "aparapi", "djl"})
    public String backend;

    @Param({"GPT2", "TUTORIAL"})
    public Workload workload;

    private GPTEmbedding embedding;
    private Tensor ids;

    @Setup(Level.Trial)
    public void setUp() {
        Backend b =
                switch (backend) {
                    case "java-1t" -> Backend.of("java-1t", JavaBackendProvider.createKernels(1));
                    case "java-2t" -> Backend.of("java-2t", JavaBackendProvider.createKernels(2));
                    case "java-2t-scalar" -> Backend.of("java-2t-scalar", JavaBackendProvider.createKernels(2, false));
                    default -> Backends.get(backend);
                };
        embedding = new GPTEmbedding(b, workload.config, 123L);
        ids = b.tensor(workload.ids());
    }

    @Benchmark
    public void forward(Blackhole bh) {
        try (Tensor x = embedding.forward(ids)) {
            bh.consume(x);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ids.close();
        embedding.close();
    }
}
