package org.llmfromscratch.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.backend.java.JavaBackendProvider;
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
 * float32 matrix products at the GPT-2 MLP shape, {@code [1024 x 768] x [768 x 3072]}, in three layouts:
 * {@code AB}; {@code ABt}, B stored {@code [3072, 768]} ({@code nn.Linear}'s weight); {@code AtB}, A stored
 * {@code [768, 1024]} (a weight gradient). Implementations:
 * <ul>
 * <li>{@code java-1t}, {@code java-2t}: the java backend's kernel on storages, output recycled as a closing caller's is;
 * <li>{@code openblas-1t}, {@code openblas-2t}: the yardstick, OpenBLAS sgemm through {@code Nd4j.gemm} into a
 * preallocated output, its thread count set through ND4J;
 * <li>{@code api-java}, {@code api-nd4j}, {@code api-djl}, {@code api-aparapi}: each backend through the tensor
 * API ({@code a.matmul(b)}, {@code a.matmulTransposed(b)}, {@code a.transpose(0, 1).matmul(b)}), output closed
 * every call, default threads.
 * </ul>
 * The table turns time per call into GFLOPS, {@code 2 m k n} floating-point operations per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MatmulBenchmark {
    public static final int M = 1024;
    public static final int K = 768;
    public static final int N = 3072;

    @Param({"java-1t", "java-2t", "openblas-1t", "openblas-2t", "api-java", "api-nd4j", "api-djl", "api-aparapi"})
    public String impl;

    @Param({"AB", "ABt", "AtB"})
    public String layout;

    private Kernels kernels;
    private Storage aStorage;
    private Storage bStorage;
    private MatmulSpec spec;
    private INDArray ndA;
    private INDArray ndB;
    private INDArray ndC;
    private Tensor a;
    private Tensor b;

    @Setup(Level.Trial)
    public void setUp() {
        boolean transA = layout.equals("AtB");
        boolean transB = layout.equals("ABt");
        float[] av = randoms(M * K, 1);
        float[] bv = randoms(K * N, 2);
        int[] aShape = transA ? new int[] {K, M} : new int[] {M, K};
        int[] bShape = transB ? new int[] {N, K} : new int[] {K, N};
        switch (impl) {
            case "java-1t", "java-2t" -> {
                kernels = JavaBackendProvider.createKernels(impl.equals("java-1t") ? 1 : 2);
                aStorage = kernels.fromFloats(av);
                bStorage = kernels.fromFloats(bv);
                spec = new MatmulSpec(1, M, K, N, transA, transB, false, false);
            }
            case "openblas-1t", "openblas-2t" -> {
                Nd4j.factory().blas().setMaxThreads(impl.equals("openblas-1t") ? 1 : 2);
                ndA = Nd4j.create(av, new long[] {aShape[0], aShape[1]}, 'c');
                ndB = Nd4j.create(bv, new long[] {bShape[0], bShape[1]}, 'c');
                ndC = Nd4j.create(DataType.FLOAT, new long[] {M, N}, 'c');
            }
            default -> {
                Backend backend = impl.equals("api-java") ? Backends.get("java") : Backends.get(impl.substring(4));
                a = backend.fromFloats(Shape.of(aShape), av);
                b = backend.fromFloats(Shape.of(bShape), bv);
            }
        }
    }

    static float[] randoms(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        return x;
    }

    @Benchmark
    public void multiply(Blackhole bh) {
        if (kernels != null) {
            Storage out = kernels.matmul(aStorage, bStorage, spec);
            bh.consume(out);
            out.release();
        } else if (ndC != null) {
            bh.consume(Nd4j.gemm(ndA, ndB, ndC, layout.equals("AtB"), layout.equals("ABt"), 1.0, 0.0));
        } else {
            Tensor out =
                    switch (layout) {
                        case "ABt" -> a.matmulTransposed(b);
                        case "AtB" -> {
                            try (Tensor at = a.transpose(0, 1)) {
                                yield at.matmul(b);
                            }
                        }
                        default -> a.matmul(b);
                    };
            bh.consume(out);
            out.close();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (aStorage != null) {
            aStorage.release();
            bStorage.release();
        }
        if (a != null) {
            a.close();
            b.close();
        }
    }
}
