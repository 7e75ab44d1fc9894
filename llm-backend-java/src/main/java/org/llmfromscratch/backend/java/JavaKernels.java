package org.llmfromscratch.backend.java;

import java.util.Arrays;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.ArrayKernels;
import org.llmfromscratch.api.spi.ArrayPrimitives;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.AttentionSpec;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;

/**
 * Pure-Java kernels on heap arrays. The embedding forward is one fused pass per output row (token row
 * plus positional row, written once; see {@link EmbedRows}), rows split across cores for large batches;
 * tiny work stays on the calling thread. Matrix products are a packed, register-blocked GEMM ({@link Gemm});
 * element-wise, reduction, softmax, scatter and optimizer kernels are one pass each, split across the
 * backend's one thread pool, with the reference's float operations in the reference's order, so that they
 * give the reference's bits on every thread count. Outputs come from a {@link FloatArrayPool}: a training
 * loop that closes its tensors allocates nothing proportional to its activations.
 */
final class JavaKernels extends ArrayKernels {
    private final RowSplitter splitter;
    // Up to 32 arrays of a length: a training step frees many activation-sized arrays at once (the logits, their
    // log-softmax, exp and gradient...), and each one the pool drops is allocated again next step. Arrays from 64
    // floats: generating a token runs some 500 kernels on vectors of a few kilobytes, and allocating their outputs
    // fresh (1.9 MB a token) cost about 490 page faults a token, several milliseconds of a 25 ms token.
    private final FloatArrayPool pool =
            new FloatArrayPool(32, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 6), 64);

    private final EmbedRows embedRows;
    private final Gemm gemm;
    private final FusedAttention attention;
    private final DecodeAttention decode;

    JavaKernels(int threads) {
        this(threads, EmbedRows.INSTANCE);
    }

    JavaKernels(int threads, EmbedRows embedRows) {
        this(new RowSplitter(threads), embedRows);
    }

    /** Kernels over a given splitter: tests force the split on small inputs with a threshold of 0. */
    JavaKernels(RowSplitter splitter, EmbedRows embedRows) {
        this(splitter, embedRows, embedRows == EmbedRows.INSTANCE ? Gemm.INSTANCE : new ScalarGemm());
    }

    JavaKernels(RowSplitter splitter, EmbedRows embedRows, Gemm gemm) {
        this.splitter = splitter;
        this.embedRows = embedRows;
        this.gemm = gemm;
        this.attention = new FusedAttention(gemm, splitter);
        this.decode = new DecodeAttention(gemm, splitter);
    }

    @Override
    protected ArrayStorage newFloats(int length) {
        return output(length);
    }

    /**
     * Large float zeros come from the pool, zero-filled on all threads: {@code zeroGrad(false)} of a
     * GPT-2 token-embedding gradient (154 MB) otherwise allocates a fresh array every call.
     */
    @Override
    public Storage zeros(org.llmfromscratch.api.DType dtype, long count) {
        if (dtype != org.llmfromscratch.api.DType.FLOAT32 || count < FloatArrayPool.MIN_LENGTH) {
            return super.zeros(dtype, count);
        }
        ArrayStorage result = output(Math.toIntExact(count));
        float[] out = result.floats;
        elements(out.length, (from, to) -> Arrays.fill(out, from, to, 0f));
        return result;
    }

    /** Floats handed to this backend go back to the pool when their tensor is closed. */
    @Override
    protected ArrayStorage floatStorage(float[] values) {
        return ArrayStorage.pooled(values, pool);
    }

    /** Float storage for a kernel that overwrites every element (so a recycled array will do). */
    private ArrayStorage output(int length) {
        return ArrayStorage.pooled(pool.take(length), pool);
    }

    @Override
    public String device() {
        return describe(splitter.threads(), embedRows);
    }

    RowSplitter splitter() {
        return splitter;
    }

    /** {@code CPU, Java heap, 2 threads, Vector API, 512-bit}. */
    static String describe(int threads, EmbedRows rows) {
        return "CPU, Java heap, " + threads + " thread" + (threads == 1 ? "" : "s") + ", " + rows.describe();
    }

    /** Runs {@code body} over {@code [0, n)} in one contiguous range per thread when {@code n} is large. */
    private void elements(int n, RowSplitter.RowRange body) {
        splitter.forEach(n, splitter.worthSplitting(n), body);
    }

    // ---- primitives -----------------------------------------------------------------------------------

    @Override
    public Storage matmul(Storage a, Storage b, MatmulSpec spec) {
        ArrayStorage out = output(Math.toIntExact((long) spec.batch() * spec.m() * spec.n()));
        gemm.multiply(array(a).floats, array(b).floats, spec, out.floats, splitter, pool);
        return out;
    }

    @Override
    public Storage unary(UnaryOp op, Storage a) {
        float[] x = array(a).floats;
        ArrayStorage out = output(x.length);
        float[] y = out.floats;
        // The reference loop itself on each range: the same bits; transcendental ops weigh more per element.
        boolean heavy = op != UnaryOp.NEG && op != UnaryOp.ABS && op != UnaryOp.RELU && op != UnaryOp.STEP;
        splitter.forEach(
                x.length,
                // One token's GELU (3,072 elements) stays on one thread: splitting it measured slower when generating
                // (19.4-20.7 ms a token against 16.3-17.5).
                splitter.worthSplitting(heavy ? 16L * x.length : x.length),
                (from, to) -> ArrayPrimitives.unary(op, x, y, from, to));
        return out;
    }

    @Override
    public Storage reduce(ReduceOp op, Storage a, long outer, long dim, long inner) {
        float[] x = array(a).floats;
        int o = Math.toIntExact(outer);
        int d = Math.toIntExact(dim);
        int in = Math.toIntExact(inner);
        ArrayStorage result = output(Math.toIntExact(outer * inner));
        float[] out = result.floats;
        boolean parallel = splitter.worthSplitting((long) x.length);
        if (in == 1) {
            splitter.forEach(o, parallel, (from, to) -> ArrayPrimitives.reduce(op, x, d, 1, out, from, to));
        } else if (o >= splitter.threads() || !parallel) {
            splitter.forEach(o, parallel, (from, to) -> {
                for (int r = from; r < to; r++) {
                    reduceColumns(op, x, r, d, in, 0, in, out);
                }
            });
        } else {
            // Few outer rows (a bias gradient: [1, N, C]): split the columns instead.
            splitter.forEach(in, true, (from, to) -> {
                for (int r = 0; r < o; r++) {
                    reduceColumns(op, x, r, d, in, from, to, out);
                }
            });
        }
        return result;
    }

    /** Columns {@code [j0, j1)} of outer row {@code r}: the reference's order per column, rows in the inner loop. */
    private static void reduceColumns(ReduceOp op, float[] x, int r, int dim, int inner, int j0, int j1, float[] out) {
        int base = r * dim * inner;
        int w = j1 - j0;
        if (op == ReduceOp.SUM) {
            double[] acc = new double[w];
            for (int d = 0; d < dim; d++) {
                int off = base + d * inner + j0;
                for (int j = 0; j < w; j++) {
                    acc[j] += x[off + j];
                }
            }
            for (int j = 0; j < w; j++) {
                out[r * inner + j0 + j] = (float) acc[j];
            }
        } else {
            float[] m = new float[w];
            Arrays.fill(m, Float.NEGATIVE_INFINITY);
            for (int d = 0; d < dim; d++) {
                int off = base + d * inner + j0;
                for (int j = 0; j < w; j++) {
                    float v = x[off + j];
                    float cur = m[j];
                    if (cur == cur && (v > cur || v != v)) {
                        m[j] = v;
                    }
                }
            }
            System.arraycopy(m, 0, out, r * inner + j0, w);
        }
    }

    @Override
    public Storage permute(Storage a, int[] shape, int[] perm) {
        ArrayStorage h = array(a);
        if (h.floats == null) {
            return super.permute(a, shape, perm);
        }
        float[] src = h.floats;
        int n = src.length;
        ArrayStorage result = output(n);
        float[] dst = result.floats;
        if (n == 0) {
            return result;
        }
        int rank = shape.length;
        int[] srcStrides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            srcStrides[d] = stride;
            stride *= shape[d];
        }
        // Output dimensions (innermost first) with their source strides, size-1 dims dropped, runs merged.
        int[] size = new int[rank];
        int[] walk = new int[rank];
        int g = -1;
        for (int d = rank - 1; d >= 0; d--) {
            int sz = shape[perm[d]];
            int st = srcStrides[perm[d]];
            if (sz == 1) {
                continue;
            }
            if (g >= 0 && st == walk[g] * size[g]) {
                size[g] *= sz;
                continue;
            }
            g++;
            size[g] = sz;
            walk[g] = st;
        }
        int dims = g + 1;
        if (dims <= 1) {
            copyFloats(src, dst, n);
            return result;
        }
        int cols = size[0];
        int w0 = walk[0];
        int rows = n / cols;
        int s1 = size[1];
        boolean transpose = w0 != 1 && walk[1] == 1;
        splitter.forEachRow(rows, cols, (from, to) -> {
            int r = from;
            while (r < to) {
                int so = 0;
                int rest = r;
                for (int d = 1; d < dims; d++) {
                    so += (rest % size[d]) * walk[d];
                    rest /= size[d];
                }
                int o = r * cols;
                if (w0 == 1) {
                    System.arraycopy(src, so, dst, o, cols);
                    r++;
                } else if (transpose) {
                    // A transpose of the last two merged dims: output rows r.. read consecutive source
                    // elements, so a tile of up to 16 rows reads whole cache lines and writes 16 rows.
                    int tile = Math.min(Math.min(16, to - r), s1 - r % s1);
                    for (int c = 0; c < cols; c++) {
                        int sc = so + c * w0;
                        for (int t = 0; t < tile; t++) {
                            dst[o + t * cols + c] = src[sc + t];
                        }
                    }
                    r += tile;
                } else {
                    for (int c = 0; c < cols; c++) {
                        dst[o + c] = src[so + c * w0];
                    }
                    r++;
                }
            }
        });
        return result;
    }

    @Override
    public Storage scatterAddRows(Storage src, int cols, Storage ids, int rows) {
        ArrayStorage result = output(Math.multiplyExact(rows, cols));
        float[] out = result.floats;
        elements(out.length, (from, to) -> Arrays.fill(out, from, to, 0f));
        scatterInto(out, cols, array(ids).idsAsInts(), array(src).floats);
        return result;
    }

    @Override
    public void scatterAddRowsInto(Storage target, int rows, int cols, Storage ids, Storage src) {
        scatterInto(array(target).floats, cols, array(ids).idsAsInts(), array(src).floats);
    }

    /**
     * {@code out[ids[i], :] += src[i, :]}, split by columns: each thread adds every row, in the order of
     * {@code i}, into its own columns, so each element sees the same additions in the same order (the
     * reference's) on any thread count, and no two threads touch one element.
     */
    private void scatterInto(float[] out, int cols, int[] ids, float[] src) {
        int units = (cols + 15) / 16;
        boolean parallel = units >= 2 && splitter.worthSplitting((long) ids.length * cols);
        splitter.forEach(units, parallel, (from, to) -> {
            int c0 = from * 16;
            int w = Math.min(cols, to * 16) - c0;
            for (int i = 0; i < ids.length; i++) {
                int r = ids[i];
                if (r >= 0) {
                    gemm.addInto(out, r * cols + c0, src, i * cols + c0, w);
                }
            }
        });
    }

    @Override
    public void copyInto(Storage target, Storage src) {
        ArrayStorage t = array(target);
        ArrayStorage s = array(src);
        if (t.floats != null && s.floats != null) {
            copyFloats(s.floats, t.floats, s.floats.length);
        } else {
            super.copyInto(target, src);
        }
    }

    private void copyFloats(float[] src, float[] dst, int n) {
        elements(n, (from, to) -> System.arraycopy(src, from, dst, from, to - from));
    }

    // ---- composites, fused ----------------------------------------------------------------------------

    @Override
    public void accumulate(Storage target, Storage src) {
        float[] t = array(target).floats;
        float[] s = array(src).floats;
        elements(t.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                t[i] += s[i];
            }
        });
    }

    @Override
    public Storage softmax(Storage a, long outer, long dim, long inner) {
        return softmax(a, outer, dim, inner, false);
    }

    @Override
    public Storage logSoftmax(Storage a, long outer, long dim, long inner) {
        return softmax(a, outer, dim, inner, true);
    }

    /**
     * Softmax in one pass per row (max, then exp and its double sum, then normalize), with the composite's
     * float operations: {@code e = (float) exp(x - max)}, {@code sum} in double rounded to float,
     * {@code e / sum} or {@code (x - max) - (float) log(sum)}: the same bits as the composition.
     */
    private Storage softmax(Storage a, long outer, long dim, long inner, boolean log) {
        float[] x = array(a).floats;
        int d = Math.toIntExact(dim);
        int in = Math.toIntExact(inner);
        int rowsTotal = Math.toIntExact(outer * inner);
        ArrayStorage result = output(x.length);
        float[] out = result.floats;
        splitter.forEachRow(rowsTotal, 8L * d, (from, to) -> {
            for (int row = from; row < to; row++) {
                int base = (row / in) * d * in + row % in;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0, p = base; i < d; i++, p += in) {
                    float v = x[p];
                    if (v > max || v != v) {
                        max = v;
                        if (v != v) {
                            break;
                        }
                    }
                }
                double sum = 0;
                for (int i = 0, p = base; i < d; i++, p += in) {
                    float e = (float) Math.exp(x[p] - max);
                    out[p] = e;
                    sum += e;
                }
                float s = (float) sum;
                if (log) {
                    float ls = (float) Math.log(s);
                    for (int i = 0, p = base; i < d; i++, p += in) {
                        out[p] = (x[p] - max) - ls;
                    }
                } else {
                    for (int i = 0, p = base; i < d; i++, p += in) {
                        out[p] = out[p] / s;
                    }
                }
            }
        });
        return result;
    }

    /** Adam/AdamW in one pass, each element with the composite's float operations in its order. */
    @Override
    public void adamStep(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, AdamStep st) {
        float[] p = array(param).floats;
        float[] g = array(grad).floats;
        float[] m = array(expAvg).floats;
        float[] v = array(expAvgSq).floats;
        boolean decay = st.decayFactor() != 1.0;
        boolean l2 = st.l2() != 0.0;
        float decayF = (float) st.decayFactor();
        float l2F = (float) st.l2();
        float b1 = (float) st.beta1();
        float oneMinusB1 = (float) (1 - st.beta1());
        float b2 = (float) st.beta2();
        float oneMinusB2 = (float) (1 - st.beta2());
        float bc2 = (float) st.biasCorrection2Sqrt();
        float eps = (float) st.eps();
        float negStep = (float) -st.stepSize();
        splitter.forEach(p.length, splitter.worthSplitting(4L * p.length), (from, to) -> {
            for (int i = from; i < to; i++) {
                float pi = decay ? p[i] * decayF : p[i];
                float gi = l2 ? g[i] + pi * l2F : g[i];
                float mi = m[i] * b1 + gi * oneMinusB1;
                float vi = v[i] * b2 + (gi * oneMinusB2) * gi;
                float denom = (float) Math.sqrt(vi) / bc2 + eps;
                p[i] = pi + (mi * negStep) / denom;
                m[i] = mi;
                v[i] = vi;
            }
        });
    }

    /**
     * Fused: never makes the {@code [BH, Tq, Tk]} weights ({@link FusedAttention}; with a few queries per head,
     * {@link DecodeAttention}).
     */
    @Override
    public Storage attention(Storage q, Storage k, Storage v, AttentionSpec spec) {
        return cachedAttention(q, k, v, spec.keys(), spec);
    }

    /** {@link #attention} reading the filled rows of a cache buffer where they are. */
    @Override
    public Storage cachedAttention(Storage q, Storage k, Storage v, int capacity, AttentionSpec spec) {
        if (spec.keys() == 0 || spec.queries() == 0 || spec.headDim() == 0 || spec.batchHeads() == 0) {
            return super.cachedAttention(q, k, v, capacity, spec);
        }
        ArrayStorage out = output(Math.toIntExact((long) spec.batchHeads() * spec.queries() * spec.headDim()));
        float[] qa = array(q).floats;
        float[] ka = array(k).floats;
        float[] va = array(v).floats;
        if (DecodeAttention.suits(spec)) {
            decode.forward(qa, ka, va, spec, capacity, out.floats);
        } else {
            attention.forward(qa, ka, va, spec, capacity, out.floats, null, null);
        }
        return out;
    }

    /** One {@code System.arraycopy} per outer block: only the new rows are written. */
    @Override
    public void copyIntoRows(Storage target, long outer, long rows, long inner, long start, Storage src, long srcRows) {
        float[] t = array(target).floats;
        float[] s = array(src).floats;
        int block = Math.toIntExact(srcRows * inner);
        for (long o = 0; o < outer; o++) {
            System.arraycopy(s, Math.toIntExact(o * block), t, Math.toIntExact((o * rows + start) * inner), block);
        }
    }

    @Override
    public Storage[] attentionBackward(Storage q, Storage k, Storage v, Storage dOut, AttentionSpec spec) {
        if (spec.keys() == 0 || spec.queries() == 0 || spec.headDim() == 0 || spec.batchHeads() == 0) {
            return super.attentionBackward(q, k, v, dOut, spec);
        }
        int qn = Math.toIntExact((long) spec.batchHeads() * spec.queries() * spec.headDim());
        int kn = Math.toIntExact((long) spec.batchHeads() * spec.keys() * spec.headDim());
        ArrayStorage dq = output(qn);
        ArrayStorage dk = output(kn);
        ArrayStorage dv = output(kn);
        float[] o = pool.take(qn);
        try {
            attention.backward(
                    array(q).floats,
                    array(k).floats,
                    array(v).floats,
                    array(dOut).floats,
                    spec,
                    o,
                    dq.floats,
                    dk.floats,
                    dv.floats);
        } finally {
            pool.give(o);
        }
        return new Storage[] {dq, dk, dv};
    }

    @Override
    public Storage gatherRows(Storage table, int cols, Storage ids) {
        float[] tok = array(table).floats;
        ArrayStorage idx = array(ids);
        int rows = (int) idx.size();
        ArrayStorage result = output(Math.multiplyExact(rows, cols));
        float[] out = result.floats;
        splitter.forEachRow(rows, cols, (from, to) -> {
            for (int r = from; r < to; r++) {
                System.arraycopy(tok, idx.id(r) * cols, out, r * cols, cols);
            }
        });
        return result;
    }

    @Override
    public Storage embed(Storage tokTable, Storage posTable, int cols, Storage ids, int batch, int seq) {
        float[] tok = array(tokTable).floats;
        float[] pos = array(posTable).floats;
        ArrayStorage idx = array(ids);
        int rows = batch * seq;
        ArrayStorage result = output(Math.multiplyExact(rows, cols));
        float[] out = result.floats;
        // Split by position: each thread handles some positions of every sequence (see EmbedRows).
        splitter.forEachRow(
                seq, (long) batch * cols, (from, to) -> embedRows.run(out, tok, pos, idx, cols, seq, batch, from, to));
        return result;
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        long total = 1;
        for (int d : outShape) {
            total *= d;
        }
        ArrayStorage result = output(Math.toIntExact(total));
        Broadcast.apply(op, array(a).floats, aShape, array(b).floats, bShape, outShape, result.floats, splitter);
        return result;
    }

    /** FLOAT32 only: {@code Tensor.sum} adds integer tensors itself, exactly, on the host. */
    @Override
    public double sum(Storage storage) {
        double s = 0;
        for (float v : array(storage).floats) {
            s += v;
        }
        return s;
    }

    @Override
    public double sumOfSquares(Storage storage) {
        double s = 0;
        for (float v : array(storage).floats) {
            s += (double) v * v;
        }
        return s;
    }

    @Override
    public Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end) {
        ArrayStorage h = array(src);
        int o = (int) outer;
        int in = (int) inner;
        int len = (int) ((end - start) * inner);
        int srcBlock = (int) (dimSize * inner);
        int off = (int) (start * inner);
        Object from = h.floats != null ? h.floats : h.ints != null ? h.ints : h.longs;
        Object to = java.lang.reflect.Array.newInstance(from.getClass().getComponentType(), o * len);
        for (int i = 0; i < o; i++) {
            System.arraycopy(from, i * srcBlock + off, to, i * len, len);
        }
        return switch (h.dtype()) {
            case FLOAT32 -> ArrayStorage.of((float[]) to);
            case INT32 -> ArrayStorage.of((int[]) to);
            case INT64 -> ArrayStorage.of((long[]) to);
        };
    }
}
