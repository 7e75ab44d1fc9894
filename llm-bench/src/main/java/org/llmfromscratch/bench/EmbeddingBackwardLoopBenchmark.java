package org.llmfromscratch.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The yardstick for {@link EmbeddingBackwardBenchmark#accumulateInto}: the same accumulation,
 * {@code grad[ids[i], :] += dOut[i, :]} at GPT-2 size, as a plain Java loop on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EmbeddingBackwardLoopBenchmark {
    private static final int DIM = EmbeddingBackwardBenchmark.DIM;
    private int[] ids;
    private float[] dOut;
    private float[] grad;

    @Setup
    public void setUp() {
        ids = EmbeddingBackwardBenchmark.ids();
        dOut = MatmulBenchmark.randoms(EmbeddingBackwardBenchmark.TOKENS * DIM, 3);
        grad = new float[EmbeddingBackwardBenchmark.VOCAB * DIM];
    }

    @Benchmark
    public float[] plainLoop() {
        float[] g = grad;
        float[] d = dOut;
        for (int i = 0; i < ids.length; i++) {
            int to = ids[i] * DIM;
            int from = i * DIM;
            for (int c = 0; c < DIM; c++) {
                g[to + c] += d[from + c];
            }
        }
        return g;
    }
}
