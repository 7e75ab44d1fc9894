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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CopyYardstickBenchmark {

    @Param({"GPT2", "TUTORIAL"})
    public Workload workload;

    private float[] src;
    private float[] dst;

    @Setup
    public void setUp() {
        int n = (int) (workload.outputBytes() / 4);
        src = new float[n];
        java.util.Arrays.fill(src, 1f);
        dst = new float[n];
    }

    @Benchmark
    public float[] copy() {
        System.arraycopy(src, 0, dst, 0, src.length);
        return dst;
    }
}
