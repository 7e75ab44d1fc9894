package org.llmfromscratch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Shape;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.models.attention.KeyValueCache;
import org.llmfromscratch.models.gpt.GPTModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Generation with the key-value cache, GPT-2 124M with its tied head, batch 1: the caches are filled once with
 * {@link #NEW} fewer tokens than the context, and cropped back to that before each call (untimed, nothing
 * recomputed: {@link KeyValueCache#crop}); the call then feeds {@link #NEW} tokens one
 * at a time (the logits of each computed and freed), so the score is the time per new token at 1,009 to 1,024
 * tokens of context. Each new token reads every weight once (498 MB): the table sets it beside the time the
 * copy yardstick of the same run takes to move 498 MB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GenerationBenchmark {
    /** Tokens generated per call. */
    static final int NEW = 16;
    /** Bytes of GPT-2 124M's float32 weights with a tied head (124,412,160 parameters). */
    static final long WEIGHT_BYTES = 4L * 124_412_160;

    @Param({"GPT2"})
    public String workload;

    @Param({"java"})
    public String backend;

    private Backend b;
    private GPTModel model;
    private final List<KeyValueCache> caches = new ArrayList<>();
    private int[] tokens;
    private int context;

    @Setup(Level.Trial)
    public void setUp() {
        b = Backends.get(backend);
        GPTConfig config = ModelSizes.config(workload, GPTConfig.GPT2_124M);
        model = GPTModel.tied(b, config, new Generator(1));
        model.eval();
        context = config.contextLength();
        tokens = ModelSizes.ids(context, config.vocabSize(), 3);
        for (int i = 0; i < config.numLayers(); i++) {
            caches.add(new KeyValueCache());
        }
        int n = context - NEW;
        int[] prompt = java.util.Arrays.copyOf(tokens, n);
        try (NoGrad off = NoGrad.enter();
                Tensor ids = b.fromInts(Shape.of(1, n), prompt);
                Tensor logits = model.forward(ids, caches)) {
            logits.size(0);
        }
    }

    /** Back to {@code context - NEW} cached positions: each call generates the same tokens at the same places. */
    @Setup(Level.Invocation)
    public void rewind() {
        caches.forEach(c -> c.crop(context - NEW));
    }

    @Benchmark
    @OperationsPerInvocation(NEW)
    public int generate() {
        int sum = 0;
        try (NoGrad off = NoGrad.enter()) {
            for (int i = context - NEW; i < context; i++) {
                try (Tensor id = b.fromInts(Shape.of(1, 1), new int[] {tokens[i]});
                        Tensor logits = model.forward(id, caches)) {
                    sum += logits.size(2);
                }
            }
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        caches.forEach(KeyValueCache::close);
        model.close();
    }
}
