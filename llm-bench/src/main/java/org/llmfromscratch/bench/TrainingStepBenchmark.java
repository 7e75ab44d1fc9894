package org.llmfromscratch.bench;

import java.util.LinkedHashMap;
import java.util.Map;
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
import org.llmfromscratch.api.optim.AdamW;
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
 * -> Linear(128, 4096) -> cross-entropy -> backward -> {@link AdamW} step (the backend's fused
 * {@code adamStep}) -> {@code zeroGrad()} (gradients set to none, PyTorch 2's default). Run with JMH's GC profiler (the suite does), its
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

    private Embedding embedding;
    private Linear head;
    private AdamW optimizer;
    private Tensor ids;
    private Tensor targets;

    @Setup(Level.Trial)
    public void setUp() {
        Backend backend = Backend.of("java-2t", JavaBackendProvider.createKernels(2));
        Generator g = new Generator(1);
        embedding = new Embedding(backend, VOCAB, DIM, g);
        head = new Linear(backend, DIM, VOCAB, true, g);
        Map<String, Parameter> params = new LinkedHashMap<>();
        embedding.namedParameters().forEach((name, p) -> params.put("embedding." + name, p));
        head.namedParameters().forEach((name, p) -> params.put("head." + name, p));
        optimizer = new AdamW(params, 4e-4, 0.1);
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
        try (Tensor h = embedding.forward(ids);
                Tensor logits = head.forward(h);
                Tensor l = Functional.crossEntropy(logits, targets)) {
            loss = l.item();
            l.backward();
        }
        optimizer.step();
        optimizer.zeroGrad();
        return loss;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ids.close();
        targets.close();
        optimizer.close();
        embedding.close();
        head.close();
    }
}
