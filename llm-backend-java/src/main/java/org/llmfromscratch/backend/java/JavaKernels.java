package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.spi.ArrayKernels;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.Storage;

/**
 * Pure-Java kernels on heap arrays. The embedding forward is one fused pass per output row (token row
 * plus positional row, written once; see {@link EmbedRows}), rows split across cores for large batches;
 * tiny work stays on the calling thread.
 */
final class JavaKernels extends ArrayKernels {
    private final RowSplitter splitter;
    private final FloatArrayPool pool = new FloatArrayPool(4, Math.min(512L << 20, Runtime.getRuntime().maxMemory() / 8));

    private final EmbedRows embedRows;

    JavaKernels(int threads) {
        this(threads, EmbedRows.INSTANCE);
    }

    JavaKernels(int threads, EmbedRows embedRows) {
        this(new RowSplitter(threads), embedRows);
    }

    /** Kernels over a given splitter: tests force the split on small inputs with a threshold of 0. */
    JavaKernels(RowSplitter splitter, EmbedRows embedRows) {
        this.splitter = splitter;
        this.embedRows = embedRows;
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
        splitter.forEachRow(seq, (long) batch * cols,
                (from, to) -> embedRows.run(out, tok, pos, idx, cols, seq, batch, from, to));
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
