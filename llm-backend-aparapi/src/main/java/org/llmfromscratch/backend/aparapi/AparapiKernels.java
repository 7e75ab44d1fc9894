package org.llmfromscratch.backend.aparapi;

import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.ArrayKernels;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.Storage;

/**
 * Kernels on OpenCL through Aparapi. One instance of each kernel class, launched under its monitor: an
 * Aparapi kernel's fields are its arguments, so two threads must not set them at once, and a single
 * device gains nothing from concurrent launches. Creation, zeros and reads are host work: storage is a
 * Java array that Aparapi uploads when a kernel first sees it.
 */
final class AparapiKernels extends ArrayKernels {
    /** Reduction work items: enough partial sums to fill a GPU, few enough to add on the host. */
    static final int REDUCE_WORKERS = 4096;

    private final ClDevice device;
    private final Launcher launcher;
    final EmbedKernel embed;
    private final GatherRowsKernel gather;
    private final BroadcastKernel broadcast;
    private final ReduceKernel reduce;
    private final SliceKernel slice;
    /** Recycled embedding outputs (why recycled inputs are then always put: {@link ArrayStorage#isPooled}). */
    private final FloatArrayPool pool = new FloatArrayPool(2, Long.MAX_VALUE);

    AparapiKernels(ClDevice device) {
        this.device = device;
        this.launcher = new Launcher(device);
        this.embed = launcher.prepare(new EmbedKernel());
        this.gather = launcher.prepare(new GatherRowsKernel());
        this.broadcast = launcher.prepare(new BroadcastKernel());
        this.reduce = launcher.prepare(new ReduceKernel());
        this.slice = launcher.prepare(new SliceKernel());
    }

    @Override
    public String device() {
        return device.describe();
    }

    @Override
    public Storage gatherRows(Storage table, int cols, Storage ids) {
        int[] idx = array(ids).idsAsInts();
        float[] out = new float[Math.multiplyExact(idx.length, cols)];
        if (out.length == 0) {
            return ArrayStorage.of(out);
        }
        int lanes = launcher.lanes(cols, idx.length);
        synchronized (gather) {
            gather.out = out;
            gather.table = input(gather, table);
            gather.ids = idx;
            gather.cols = cols;
            gather.lanes = lanes;
            gather.items = idx.length * lanes;
            launcher.launch(gather, gather.items);
            fetch(gather, out);
        }
        return ArrayStorage.of(out);
    }

    @Override
    public Storage embed(Storage tokTable, Storage posTable, int cols, Storage ids, int batch, int seq) {
        int rows = Math.multiplyExact(batch, seq);
        int n = Math.multiplyExact(rows, cols);
        if (n == 0) {
            return ArrayStorage.of(new float[0]);
        }
        int[] idx = array(ids).idsAsInts();
        // Every element is written below, so a recycled array's old contents never show.
        float[] out = n >= FloatArrayPool.MIN_LENGTH ? pool.take(n) : new float[n];
        int lanes = launcher.lanes(cols, rows);
        synchronized (embed) {
            embed.out = out;
            embed.tok = input(embed, tokTable);
            embed.pos = input(embed, posTable);
            embed.ids = idx;
            embed.cols = cols;
            embed.seq = seq;
            embed.lanes = lanes;
            embed.items = rows * lanes;
            launcher.launch(embed, embed.items);
            fetch(embed, out);
        }
        return n >= FloatArrayPool.MIN_LENGTH ? ArrayStorage.pooled(out, pool) : ArrayStorage.of(out);
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        StridedShapes s = StridedShapes.of(aShape, bShape, outShape);
        float[] out = new float[Math.toIntExact(s.total)];
        if (out.length == 0) {
            return ArrayStorage.of(out);
        }
        synchronized (broadcast) {
            broadcast.out = out;
            broadcast.a = input(broadcast, a);
            broadcast.b = input(broadcast, b);
            broadcast.shape = s.shape;
            broadcast.aStrides = s.aStrides;
            broadcast.bStrides = s.bStrides;
            broadcast.rank = s.shape.length;
            broadcast.cols = s.cols;
            broadcast.rows = (int) (s.total / s.cols);
            broadcast.subtract = op == BinaryOp.SUB ? 1 : 0;
            launcher.launch(broadcast, broadcast.rows);
            fetch(broadcast, out);
        }
        return ArrayStorage.of(out);
    }

    /** FLOAT32 only: {@code Tensor.sum} adds integer tensors itself, exactly, on the host. */
    @Override
    public double sum(Storage storage) {
        return reduce(ReduceKernel.SUM_FLOATS, array(storage));
    }

    @Override
    public double sumOfSquares(Storage storage) {
        return reduce(ReduceKernel.SUM_SQUARES, array(storage));
    }

    private double reduce(int mode, ArrayStorage s) {
        int n = (int) s.size();
        if (n == 0) {
            return 0;
        }
        int workers = Math.min(n, REDUCE_WORKERS);
        double[] partial = new double[workers];
        synchronized (reduce) {
            reduce.floats = input(reduce, s);
            reduce.partial = partial;
            reduce.n = n;
            reduce.workers = workers;
            reduce.mode = mode;
            launcher.launch(reduce, workers);
            reduce.get(partial);
        }
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    @Override
    public Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end) {
        ArrayStorage s = array(src);
        int blocks = Math.toIntExact(outer);
        int len = Math.toIntExact((end - start) * inner);
        int count = Math.multiplyExact(blocks, len);
        ArrayStorage out = (ArrayStorage) zeros(s.dtype(), count);
        if (count == 0) {
            return out;
        }
        int lanes = launcher.lanes(len, blocks);
        synchronized (slice) {
            if (s.floats != null) {
                slice.floatSrc = input(slice, s);
                slice.floatDst = out.floats;
                slice.dtype = SliceKernel.FLOATS;
            } else if (s.ints != null) {
                slice.intSrc = s.ints;
                slice.intDst = out.ints;
                slice.dtype = SliceKernel.INTS;
            } else {
                slice.longSrc = s.longs;
                slice.longDst = out.longs;
                slice.dtype = SliceKernel.LONGS;
            }
            slice.len = len;
            slice.srcBlock = Math.toIntExact(dimSize * inner);
            slice.off = Math.toIntExact(start * inner);
            slice.lanes = lanes;
            slice.items = blocks * lanes;
            launcher.launch(slice, slice.items);
            if (out.floats != null) {
                slice.get(out.floats);
            } else if (out.ints != null) {
                slice.get(out.ints);
            } else {
                slice.get(out.longs);
            }
        }
        return out;
    }

    /**
     * The float array of input {@code s} for {@code kernel}, uploaded again when it is recycled: the kernel
     * may hold a device copy of the same array from when it carried an earlier tensor's values, and with
     * explicit buffers Aparapi does not upload a bound array again by itself. Call under the kernel's monitor.
     */
    float[] input(com.aparapi.Kernel kernel, Storage storage) {
        ArrayStorage s = array(storage);
        if (s.isPooled()) {
            kernel.put(s.floats);
        }
        return s.floats;
    }

    private static void fetch(com.aparapi.Kernel kernel, float[] out) {
        kernel.get(out);
    }

}
