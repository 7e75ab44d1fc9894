package org.llmfromscratch.bench;

import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.models.attention.MultiHeadAttention;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * GPT-2's causal multi-head attention, forward and backward ({@code y = MHA(x)}, {@code y.sum().backward()},
 * gradients freed), dropout 0 so the fused {@code scaledDotProductAttention} runs: batch 8, 1,024 tokens,
 * width 768, 12 heads ({@code GPT2}); {@code QUICK} is batch 1 (the same per-sequence shapes, an eighth of the
 * work). On every backend, beside the yardstick: OpenBLAS sgemm on 2 threads ({@code Nd4j.gemm}, preallocated)
 * at the QKV projection's shape {@code [B*T, 768] x [768, 2304]}. The table turns time into GFLOPS:
 * {@link #flops} per call, attention's score and value products counted for the causal half.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AttentionBenchmark {
    @Param({"GPT2"})
    public String workload;

    @Param({"openblas-2t", "java", "djl", "nd4j", "aparapi"})
    public String backend;

    private MultiHeadAttention mha;
    private Tensor x;
    private INDArray ndA;
    private INDArray ndB;
    private INDArray ndC;

    /** {@code {batch, tokens, width, heads}}. */
    static int[] shape(String workload) {
        return switch (workload) {
            case "TUTORIAL" -> new int[] {2, 16, 32, 4};
            case "QUICK" -> new int[] {1, 1024, 768, 12};
            default -> new int[] {8, 1024, 768, 12};
        };
    }

    /**
     * Floating-point operations of one forward and backward: 4 projections ({@code 8 B T d^2}) and the causal
     * half of {@code Q K^T} and {@code P V} ({@code 2 B T^2 d}), the backward twice the forward.
     */
    static double flops(String workload) {
        int[] s = shape(workload);
        double b = s[0];
        double t = s[1];
        double d = s[2];
        return 3 * (8 * b * t * d * d + 2 * b * t * t * d);
    }

    /** The yardstick's operations per call: {@code 2 (B T) d (3 d)}. */
    static double gemmFlops(String workload) {
        int[] s = shape(workload);
        return 2.0 * s[0] * s[1] * s[2] * 3 * s[2];
    }

    @Setup(Level.Trial)
    public void setUp() {
        int[] s = shape(workload);
        int rows = s[0] * s[1];
        int d = s[2];
        if (backend.equals("openblas-2t")) {
            Nd4j.factory().blas().setMaxThreads(2);
            ndA = Nd4j.create(ModelSizes.randoms(rows * d, 1), new long[] {rows, d}, 'c');
            ndB = Nd4j.create(ModelSizes.randoms(d * 3 * d, 2), new long[] {d, 3L * d}, 'c');
            ndC = Nd4j.create(DataType.FLOAT, new long[] {rows, 3L * d}, 'c');
            return;
        }
        Backend b = Backends.get(backend);
        mha = new MultiHeadAttention(b, d, d, s[1], 0.0, s[3], false, new Generator(3));
        x = b.fromFloats(Shape.of(s[0], s[1], d), ModelSizes.randoms(rows * d, 4));
    }

    @Benchmark
    public void forwardBackward(Blackhole bh) {
        if (ndC != null) {
            bh.consume(Nd4j.gemm(ndA, ndB, ndC, false, false, 1.0, 0.0));
            return;
        }
        try (Tensor y = mha.forward(x);
                Tensor loss = y.sum()) {
            loss.backward();
            bh.consume(loss);
        }
        mha.zeroGrad();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (mha != null) {
            x.close();
            mha.close();
        }
    }
}
