package org.llmfromscratch.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why the pure-Java backend's forward loop has the shape it has: one thread, GPT-2 sizes, output
 * preallocated, three ways to write {@code out[r] = tok[ids[r]] + pos[r % T]}:
 * one three-stream loop; {@code System.arraycopy} of the token row, then adding the positional row
 * while the 3 KB output row is still in L1; and the gather alone (a lower bound on any fused
 * version). Compare with {@link CopyYardstickBenchmark} on the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EmbedRowLoopBenchmark {
    private static final int VOCAB = 50257;
    private static final int DIM = 768;
    private static final int CONTEXT = 1024;
    private static final int ROWS = 8 * CONTEXT;

    private float[] tok;
    private float[] pos;
    private float[] out;
    private int[] ids;

    @Setup
    public void setUp() {
        Random r = new Random(1);
        tok = new float[VOCAB * DIM];
        for (int i = 0; i < tok.length; i++) {
            tok[i] = r.nextFloat();
        }
        pos = new float[CONTEXT * DIM];
        out = new float[ROWS * DIM];
        ids = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            ids[i] = r.nextInt(VOCAB);
        }
    }

    @Benchmark
    public float[] threeStreamLoop() {
        for (int row = 0; row < ROWS; row++) {
            int o = row * DIM;
            int t = ids[row] * DIM;
            int p = (row % CONTEXT) * DIM;
            for (int c = 0; c < DIM; c++) {
                out[o + c] = tok[t + c] + pos[p + c];
            }
        }
        return out;
    }

    @Benchmark
    public float[] copyThenAddInL1() {
        for (int row = 0; row < ROWS; row++) {
            int o = row * DIM;
            int p = (row % CONTEXT) * DIM;
            System.arraycopy(tok, ids[row] * DIM, out, o, DIM);
            for (int c = 0; c < DIM; c++) {
                out[o + c] += pos[p + c];
            }
        }
        return out;
    }

    @Benchmark
    public float[] addInScratchRow() {
        float[] row = new float[DIM];
        float[] posRow = new float[DIM];
        for (int t = 0; t < CONTEXT; t++) {
            System.arraycopy(pos, t * DIM, posRow, 0, DIM);
            for (int b = 0; b < ROWS / CONTEXT; b++) {
                int r = b * CONTEXT + t;
                System.arraycopy(tok, ids[r] * DIM, row, 0, DIM);
                for (int c = 0; c < DIM; c++) {
                    row[c] += posRow[c];
                }
                System.arraycopy(row, 0, out, r * DIM, DIM);
            }
        }
        return out;
    }

    @Benchmark
    public float[] gatherOnly() {
        for (int row = 0; row < ROWS; row++) {
            System.arraycopy(tok, ids[row] * DIM, out, row * DIM, DIM);
        }
        return out;
    }
}
