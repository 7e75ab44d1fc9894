package org.llmfromscratch.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;
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
 * The token-embedding backward at GPT-2 size: ids {@code [8, 1024]} uniform over 50257, dim 768, upstream
 * gradient {@code [8192, 768]}.
 * <ul>
 * <li>{@code accumulateInto}: {@code grad[ids[i]] += dOut[i]} into an existing gradient (after
 * {@code zeroGrad(false)}), the backend's {@code scatterAddRowsInto}; beside it, {@link #plainLoop}, the same
 * accumulation as a plain Java loop (the yardstick, in {@link EmbeddingBackwardLoopBenchmark});
 * <li>{@code zeroGrad}: {@code zeroGrad(false)} of the [50257, 768] gradient, timed on its own;
 * <li>{@code freshDense}: the backward as PyTorch does it, a new dense zeroed gradient table with the rows
 * added ({@code scatterAddRows}), released every call.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EmbeddingBackwardBenchmark {
    static final int VOCAB = 50257;
    static final int DIM = 768;
    static final int TOKENS = 8 * 1024;

    @Param({"java-1t", "java-2t", "djl"})
    public String backend;

    private Kernels kernels;
    private Tensor weight;
    private Storage ids;
    private Storage dOut;

    static int[] ids() {
        Random r = new Random(42);
        int[] ids = new int[TOKENS];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = r.nextInt(VOCAB);
        }
        return ids;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Backend b =
                switch (backend) {
                    case "java-1t" -> Backend.of("java-1t", JavaBackendProvider.createKernels(1));
                    case "java-2t" -> Backend.of("java-2t", JavaBackendProvider.createKernels(2));
                    default -> Backends.get(backend);
                };
        kernels = b.kernels();
        ids = kernels.fromInts(ids());
        dOut = kernels.fromFloats(MatmulBenchmark.randoms(TOKENS * DIM, 3));
        // A leaf whose gradient exists: one backward through the API, then zeroGrad(false) keeps its memory.
        weight = b.zeros(DType.FLOAT32, VOCAB, DIM).requiresGrad(true);
        try (Tensor idsT = b.fromInts(Shape.of(TOKENS), ids());
                Tensor out = org.llmfromscratch.api.Functional.embedding(idsT, weight);
                Tensor g = b.fromFloats(Shape.of(TOKENS, DIM), MatmulBenchmark.randoms(TOKENS * DIM, 3))) {
            out.backward(g);
        }
        weight.zeroGrad(false);
    }

    @Benchmark
    public void accumulateInto() {
        kernels.scatterAddRowsInto(weight.grad().storage(), VOCAB, DIM, ids, dOut);
    }

    @Benchmark
    public void zeroGrad() {
        weight.zeroGrad(false);
    }

    @Benchmark
    public void freshDense(Blackhole bh) {
        Storage g = kernels.scatterAddRows(dOut, DIM, ids, VOCAB);
        bh.consume(g);
        g.release();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        weight.close();
        ids.release();
        dOut.release();
    }
}
