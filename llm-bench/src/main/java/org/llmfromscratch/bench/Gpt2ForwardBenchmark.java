package org.llmfromscratch.bench;

import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTConfig;
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
 * GPT-2 124M (tied head, as the published weights; random weights), evaluation mode, no gradients: the logits
 * of batch 1 x 1,024 tokens ({@code GPT2}) or 8 x 1,024 ({@code GPT2x8}, not in the default run: about 8 times
 * longer), java beside djl (PyTorch's CPU kernels); {@code -Dllm.bench.backend=java,djl,nd4j,aparapi} adds the
 * other two (tens of seconds per forward). The table shows tokens per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Gpt2ForwardBenchmark {
    @Param({"GPT2"})
    public String workload;

    @Param({"java", "djl"})
    public String backend;

    private GPTModel model;
    private Tensor ids;

    static int batch(String workload) {
        return workload.equals("GPT2x8") ? 8 : workload.equals("TUTORIAL") ? 2 : 1;
    }

    static int tokens(String workload) {
        return workload.equals("TUTORIAL") ? ModelSizes.TINY.contextLength() : 1024;
    }

    @Setup(Level.Trial)
    public void setUp() {
        Backend b = Backends.get(backend);
        GPTConfig config = ModelSizes.config(workload, GPTConfig.GPT2_124M);
        model = GPTModel.tied(b, config, new Generator(1));
        model.eval();
        int n = batch(workload) * tokens(workload);
        ids = b.fromInts(Shape.of(batch(workload), tokens(workload)), ModelSizes.ids(n, config.vocabSize(), 2));
    }

    @Benchmark
    public float forward() {
        try (NoGrad off = NoGrad.enter();
                Tensor logits = model.forward(ids)) {
            return logits.size(2);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ids.close();
        model.close();
    }
}
