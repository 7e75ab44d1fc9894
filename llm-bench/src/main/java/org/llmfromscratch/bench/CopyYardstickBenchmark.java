package org.llmfromscratch.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The yardstick: {@code System.arraycopy} of as many bytes as one embedding forward writes, into a
 * preallocated array, on one thread. An embedding forward reads each output row once and writes it
 * once, exactly like this copy, so "ratio to the copy" is how close a backend gets to the memory
 * bandwidth this JVM reaches.
 *
 * <p>{@link #copy} reads a different window of an array as large as the GPT-2 token table on every call,
 * so that, like the forward, it reads from memory: the yardstick. {@link #copyCached} copies the same
 * window every time, which on this machine's large last-level cache is partly a cache copy; it is shown
 * beside it, not used for the ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyYardstickBenchmark {

    @Param({"GPT2", "TUTORIAL"})
    public Workload workload;

    private float[] src;
    private float[] dst;
    private int offset;

    @Setup
    public void setUp() {
        int n = (int) (workload.outputBytes() / 4);
        int table = Math.max(workload.config.vocabSize() * workload.config.embeddingDim(), 2 * n);
        src = new float[table];
        java.util.Arrays.fill(src, 1f);
        dst = new float[n];
    }

    @Benchmark
    public float[] copy() {
        offset += dst.length;
        if (offset + dst.length > src.length) {
            offset = 0;
        }
        System.arraycopy(src, offset, dst, 0, dst.length);
        return dst;
    }

    @Benchmark
    public float[] copyCached() {
        System.arraycopy(src, 0, dst, 0, dst.length);
        return dst;
    }
}
