package org.llmfromscratch.bench;

import java.util.Iterator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.llmfromscratch.api.Backends;
import org.llmfromscratch.data.Batch;
import org.llmfromscratch.data.DataLoader;
import org.llmfromscratch.data.SlidingWindowDataset;
import org.llmfromscratch.data.TokenSequence;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch assembly: copying input and target windows of a {@link SlidingWindowDataset} into INT32
 * {@code [B, T]} tensors on the pure-Java backend, in tokens per second (the {@code tokensPerSecond}
 * secondary result counts B x T input tokens per batch). GPT-2 sizes: T = 1024, stride 1024, B = 8, over
 * 8 million random ids, shuffled or not.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class BatchAssemblyBenchmark {
    @Param({"false", "true"})
    public boolean shuffle;

    private DataLoader loader;
    private Iterator<Batch> epoch;

    /** Counts tokens assembled; JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Tokens {
        /** Input tokens per second. */
        public long tokensPerSecond;
    }

    @Setup(Level.Trial)
    public void setUp() {
        int[] ids = new SplittableRandom(1).ints(8_000_000, 0, 50257).toArray();
        DataLoader.Builder b = DataLoader.builder(new SlidingWindowDataset(TokenSequence.of(ids), 1024, 1024))
                .batchSize(8)
                .backend(Backends.get("java"));
        loader = (shuffle ? b.shuffle(123) : b).build();
        epoch = loader.iterator();
    }

    @Benchmark
    public int assembleBatch(Tokens tokens) {
        if (!epoch.hasNext()) {
            epoch = loader.iterator();
        }
        try (Batch batch = epoch.next()) {
            tokens.tokensPerSecond += batch.input().numel();
            return batch.size();
        }
    }
}
