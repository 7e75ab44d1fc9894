package org.llmfromscratch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Parameter;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.backend.java.JavaBackendProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One small training step on the java backend (2 threads): embedding [4 x 128 tokens, vocab 4096, dim 128]
 * -> Linear(128, 4096) -> cross-entropy -> backward -> an AdamW update of every parameter
 * ({@code kernels().adamStep}) -> gradients set to none. Run with JMH's GC profiler (the suite does), its
 * {@code gc.alloc.rate.norm} is the heap allocated per step: it should stay far below the step's
 * activations (the logits alone are 8 MB), which come from the backend's array pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TrainingStepBenchmark {
    static final int VOCAB = 4096;
    static final int DIM = 128;
    static final int BATCH = 4;
    static final int SEQ = 128;

    private Backend backend;
    private Kernels kernels;
    private Embedding embedding;
    private Linear head;
    private Tensor ids;
    private Tensor targets;
    private final List<Parameter> params = new ArrayList<>();
    private final List<Storage[]> moments = new ArrayList<>();
    private int step;

    @Setup(Level.Trial)
    public void setUp() {
        backend = Backend.of("java-2t", JavaBackendProvider.createKernels(2));
        kernels = backend.kernels();
        Generator g = new Generator(1);
        embedding = new Embedding(backend, VOCAB, DIM, g);
        head = new Linear(backend, DIM, VOCAB, true, g);
        params.addAll(embedding.parameters());
        params.addAll(head.parameters());
        for (Parameter p : params) {
            int n = Math.toIntExact(p.numel());
            moments.add(new Storage[] {kernels.fromFloats(new float[n]), kernels.fromFloats(new float[n])});
        }
        Random r = new Random(5);
        int[] x = new int[BATCH * SEQ];
        int[] y = new int[BATCH * SEQ];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(VOCAB);
            y[i] = r.nextInt(VOCAB);
        }
        ids = backend.fromInts(Shape.of(BATCH * SEQ), x);
        targets = backend.fromInts(Shape.of(BATCH * SEQ), y);
    }

    @Benchmark
    public double step() {
        double loss;
        try (Tensor h = embedding.forward(ids); Tensor logits = head.forward(h);
                Tensor l = Functional.crossEntropy(logits, targets)) {
            loss = l.item();
            l.backward();
        }
        step++;
        double lr = 4e-4;
        double b1 = 0.9;
        double b2 = 0.999;
        AdamStep s = new AdamStep(1 - lr * 0.1, 0, b1, b2, lr / (1 - Math.pow(b1, step)),
                Math.sqrt(1 - Math.pow(b2, step)), 1e-8);
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            kernels.adamStep(p.value().storage(), p.grad().storage(), moments.get(i)[0], moments.get(i)[1], s);
            p.zeroGrad();
        }
        return loss;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ids.close();
        targets.close();
        embedding.close();
        head.close();
        moments.forEach(m -> {
            m[0].release();
            m[1].release();
        });
    }
}
