package org.llmfromscratch.bench;

import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.optim.AdamW;
import org.llmfromscratch.models.gpt.GPTModel;
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

/**
 * One training step of the book's chapter 5: GPT-2 124M with its own output head (163M parameters), context
 * 256, dropout 0.1, no QKV bias; batch 2 x 256 random tokens; cross-entropy, backward, {@code AdamW(lr 4e-4,
 * weight decay 0.1)}, {@code zeroGrad()}. java beside djl. The table shows seconds per step and GFLOPS,
 * {@code 6 x 163e6 x 512} operations per step. With dropout active, attention takes the composed path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Gpt2TrainingStepBenchmark {
    static final int BATCH = 2;

    @Param({"GPT2"})
    public String workload;

    @Param({"java", "djl"})
    public String backend;

    private GPTModel model;
    private AdamW optimizer;
    private Tensor ids;
    private Tensor targets;

    @Setup(Level.Trial)
    public void setUp() {
        Backend b = Backends.get(backend);
        GPTConfig config = ModelSizes.config(workload, GPTConfig.GPT2_124M.withContextLength(256));
        model = new GPTModel(b, config, new Generator(123));
        model.train();
        optimizer = new AdamW(model.namedParameters(), 4e-4, 0.1);
        int t = config.contextLength();
        ids = b.fromInts(Shape.of(BATCH, t), ModelSizes.ids(BATCH * t, config.vocabSize(), 5));
        targets = b.fromInts(Shape.of(BATCH * t), ModelSizes.ids(BATCH * t, config.vocabSize(), 6));
    }

    @Benchmark
    public double step() {
        double loss;
        try (Tensor logits = model.forward(ids);
                Tensor flat = logits.reshape(-1, logits.size(2));
                Tensor l = Functional.crossEntropy(flat, targets)) {
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
        model.close();
    }
}
