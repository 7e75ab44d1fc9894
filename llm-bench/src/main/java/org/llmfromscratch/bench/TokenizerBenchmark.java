package org.llmfromscratch.bench;

import com.knuddels.jtokkit.api.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.llmfromscratch.data.CorpusEncoder;
import org.llmfromscratch.data.Gpt2Tokenizer;
import org.llmfromscratch.data.SyntheticText;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GPT-2 encoding throughput in MB/s (the {@code mbPerSecond} secondary result) of a 10.5 MB generated
 * English text with accents, curly quotes, dashes and emoji: jtokkit's own single-thread
 * {@code encodeOrdinary} against our {@link CorpusEncoder} on 1 and 2 threads, in the same run.
 * The heap is fixed at 2 GB because jtokkit slows 3-4x while G1 grows a small heap.
 *
 * <pre>java -cp $(cat /tmp/cp.txt):llm-bench/target/classes org.openjdk.jmh.Main TokenizerBenchmark -f 1 -wi 2 -i 3</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class TokenizerBenchmark {
    private String text;
    private double megabytes;
    private Encoding jtokkit;
    private CorpusEncoder oneThread;
    private CorpusEncoder twoThreads;

    /** Counts megabytes encoded; JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** MB encoded, reported as MB/s. */
        public double mbPerSecond;
    }

    @Setup(Level.Trial)
    public void setUp() {
        text = SyntheticText.generate(10_500_000, 1);
        megabytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        jtokkit = Gpt2Tokenizer.instance().jtokkit();
        oneThread = CorpusEncoder.builder()
                .threads(1)
                .progress(null)
                .cacheDirectory(null)
                .build();
        twoThreads = CorpusEncoder.builder()
                .threads(2)
                .progress(null)
                .cacheDirectory(null)
                .build();
        int[] expected = jtokkit.encodeOrdinary(text).toArray();
        if (!java.util.Arrays.equals(expected, twoThreads.encode(text))) {
            throw new IllegalStateException("the corpus encoder's ids differ from jtokkit's on the benchmark text");
        }
        System.out.printf("%n%.2f MB of text, %d ids, the same from both encoders%n", megabytes, expected.length);
    }

    @Benchmark
    public int jtokkitEncodeOrdinary1Thread(Bytes bytes) {
        bytes.mbPerSecond += megabytes;
        return jtokkit.encodeOrdinary(text).size();
    }

    @Benchmark
    public int corpusEncoder1Thread(Bytes bytes) {
        bytes.mbPerSecond += megabytes;
        return oneThread.encode(text).length;
    }

    @Benchmark
    public int corpusEncoder2Threads(Bytes bytes) {
        bytes.mbPerSecond += megabytes;
        return twoThreads.encode(text).length;
    }
}
