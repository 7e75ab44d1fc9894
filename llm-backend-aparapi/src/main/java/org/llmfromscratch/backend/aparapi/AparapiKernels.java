package org.llmfromscratch.backend.aparapi;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.ArrayKernels;
import org.llmfromscratch.api.spi.ArrayStorage;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.FloatArrayPool;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;

/**
 * Kernels on OpenCL through Aparapi. One instance of each kernel class, launched under its monitor: an
 * Aparapi kernel's fields are its arguments, so two threads must not set them at once, and a single
 * device gains nothing from concurrent launches. Creation, zeros and reads are host work: storage is a
 * Java array that Aparapi uploads when a kernel first sees it.
 *
 * <p>Every training primitive and composite runs as its own kernel (only integer {@link #copyInto} is a host
 * copy). Outputs are new arrays, read back after each launch. Explicit mode uploads an input only when a
 * kernel first binds it, so an array whose values change after that is put again before the next launch
 * that reads it: a recycled one always, one written in place (copyInto, accumulate, scatterAddRowsInto,
 * adamStep; integer arrays by copyInto) when the kernel last uploaded it before that write; in-place targets are put before, and read
 * back after, the kernel that writes them.
 */
final class AparapiKernels extends ArrayKernels {
    /** Reduction work items: enough partial sums to fill a GPU, few enough to add on the host. */
    static final int REDUCE_WORKERS = 4096;

    private final ClDevice device;
    private final Launcher launcher;
    final EmbedKernel embed;
    private final GatherRowsKernel gather;
    private final ReduceKernel reduce;
    private final SliceKernel slice;
    final BroadcastKernel elementwise;
    final ReduceAxisKernel reduceAxis;
    final MatmulKernel matmul;
    final PermuteKernel permute;
    final CopyBlocksKernel copyBlocks;
    final ScatterRowsKernel scatter;
    final SoftmaxKernel softmax;
    final InPlaceKernel inPlace;
    /**
     * Arrays written in place (copyInto, accumulate, scatterAddRowsInto, adamStep) and the tick of their
     * last write; {@link #uploaded} is, per kernel, the tick at which it last uploaded each of them. A
     * kernel holding an older device copy uploads the array again (explicit mode would not by itself).
     * Weak keys: arrays identify by identity, and a dropped array leaves both maps.
     */
    private final Map<Object, Long> written = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<com.aparapi.Kernel, Map<Object, Long>> uploaded =
            Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final AtomicLong tick = new AtomicLong();
    /** Recycled embedding outputs (why recycled inputs are then always put: {@link ArrayStorage#isPooled}). */
    private final FloatArrayPool pool = new FloatArrayPool(2, Long.MAX_VALUE);

    AparapiKernels(ClDevice device) {
        this.device = device;
        this.launcher = new Launcher(device);
        this.embed = launcher.prepare(new EmbedKernel());
        this.gather = launcher.prepare(new GatherRowsKernel());
        this.reduce = launcher.prepare(new ReduceKernel());
        this.slice = launcher.prepare(new SliceKernel());
        this.elementwise = launcher.prepare(new BroadcastKernel());
        this.elementwise.geluC = UnaryOp.GELU_C;
        this.reduceAxis = launcher.prepare(new ReduceAxisKernel());
        this.matmul = launcher.prepare(new MatmulKernel());
        this.permute = launcher.prepare(new PermuteKernel());
        this.copyBlocks = launcher.prepare(new CopyBlocksKernel());
        this.scatter = launcher.prepare(new ScatterRowsKernel());
        this.softmax = launcher.prepare(new SoftmaxKernel());
        this.inPlace = launcher.prepare(new InPlaceKernel());
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
            gather.ids = ints(gather, idx);
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
            embed.ids = ints(embed, idx);
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
        return elementwise(op.ordinal(), a, aShape, b, bShape, outShape, 0f);
    }

    @Override
    public Storage unary(UnaryOp op, Storage a) {
        int[] shape = {Math.toIntExact(a.size())};
        return elementwise(BroadcastKernel.UNARY + op.ordinal(), a, shape, null, new int[] {1}, shape, 0f);
    }

    @Override
    public Storage maskedFill(Storage a, int[] shape, Storage mask, int[] maskShape, float value) {
        return elementwise(BroadcastKernel.MASKED_FILL, a, shape, mask, maskShape, shape, value);
    }

    /** One launch of {@link BroadcastKernel}; {@code b == null} for a unary op (a placeholder is bound). */
    private Storage elementwise(
            int code, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape, float value) {
        StridedShapes s = StridedShapes.of(aShape, bShape, outShape);
        float[] out = new float[Math.toIntExact(s.total)];
        if (out.length == 0) {
            return ArrayStorage.of(out);
        }
        int rows = (int) (s.total / s.cols);
        int seg = segment(s.cols, rows);
        int segs = (s.cols + seg - 1) / seg;
        synchronized (elementwise) {
            elementwise.out = out;
            elementwise.a = input(elementwise, a);
            elementwise.b = b == null ? PLACEHOLDER : input(elementwise, b);
            elementwise.shape = s.shape;
            elementwise.aStrides = s.aStrides;
            elementwise.bStrides = b == null ? new int[s.shape.length] : s.bStrides;
            elementwise.rank = s.shape.length;
            elementwise.cols = s.cols;
            elementwise.seg = seg;
            elementwise.segs = segs;
            elementwise.items = Math.multiplyExact(rows, segs);
            elementwise.op = code;
            elementwise.value = value;
            launcher.launch(elementwise, elementwise.items);
            fetch(elementwise, out);
        }
        return ArrayStorage.of(out);
    }

    /** Bound to unused array arguments: Aparapi needs every array field non-null. */
    private static final float[] PLACEHOLDER = new float[1];

    /** Work items a launch aims for: enough to fill the device, few enough that each has a useful run. */
    private int targetItems() {
        return launcher.gpu() ? 1 << 16 : 256;
    }

    /** Elements per work item within rows of {@code cols}, so that {@code rows * segments} fills the device. */
    int segment(int cols, int rows) {
        int perRow = Math.max(1, targetItems() / Math.max(1, rows));
        int seg = Math.max(launcher.gpu() ? 1 : 64, (cols + perRow - 1) / perRow);
        return Math.max(1, Math.min(seg, cols));
    }

    @Override
    public Storage reduce(ReduceOp op, Storage a, long outer, long dim, long inner) {
        int outs = Math.toIntExact(outer * inner);
        float[] out = new float[outs];
        if (outs == 0) {
            return ArrayStorage.of(out);
        }
        if (dim == 0) {
            java.util.Arrays.fill(out, op == ReduceOp.SUM ? 0f : Float.NEGATIVE_INFINITY);
            return ArrayStorage.of(out);
        }
        int d = Math.toIntExact(dim);
        // Few outputs over a long dimension: split it into parts, combined on the host in order.
        int parts = Math.max(1, Math.min(d / 64, targetItems() / outs));
        int partLen = (d + parts - 1) / parts;
        parts = (d + partLen - 1) / partLen;
        int items = Math.multiplyExact(outs, parts);
        synchronized (reduceAxis) {
            reduceAxis.a = input(reduceAxis, a);
            reduceAxis.out = parts == 1 ? out : PLACEHOLDER;
            double[] sums = parts > 1 && op == ReduceOp.SUM ? new double[items] : null;
            float[] maxes = parts > 1 && op == ReduceOp.MAX ? new float[items] : null;
            reduceAxis.partialSum = sums != null ? sums : PLACEHOLDER_D;
            reduceAxis.partialMax = maxes != null ? maxes : PLACEHOLDER;
            reduceAxis.dim = d;
            reduceAxis.inner = Math.toIntExact(inner);
            reduceAxis.parts = parts;
            reduceAxis.partLen = partLen;
            reduceAxis.items = items;
            reduceAxis.op = op == ReduceOp.SUM ? ReduceAxisKernel.SUM : ReduceAxisKernel.MAX;
            launcher.launch(reduceAxis, items);
            if (parts == 1) {
                fetch(reduceAxis, out);
            } else if (sums != null) {
                reduceAxis.get(sums);
                for (int e = 0; e < outs; e++) {
                    double t = 0;
                    for (int p = 0; p < parts; p++) {
                        t += sums[e * parts + p];
                    }
                    out[e] = (float) t;
                }
            } else {
                fetch(reduceAxis, maxes);
                for (int e = 0; e < outs; e++) {
                    float m = maxes[e * parts];
                    for (int p = 1; p < parts && !Float.isNaN(m); p++) {
                        float v = maxes[e * parts + p];
                        if (v > m || Float.isNaN(v)) {
                            m = v;
                        }
                    }
                    out[e] = m;
                }
            }
            // Drop references to big temporaries from the kernel's fields.
            reduceAxis.partialSum = PLACEHOLDER_D;
            reduceAxis.partialMax = PLACEHOLDER;
        }
        return ArrayStorage.of(out);
    }

    private static final double[] PLACEHOLDER_D = new double[1];

    @Override
    public Storage matmul(Storage a, Storage b, MatmulSpec spec) {
        int m = spec.m();
        int k = spec.k();
        int n = spec.n();
        float[] out = new float[Math.toIntExact((long) spec.batch() * m * n)];
        if (out.length == 0) {
            return ArrayStorage.of(out);
        }
        if (k == 0) {
            return ArrayStorage.of(out);
        }
        boolean rowMode = !spec.transB() && !launcher.gpu();
        int seg = rowMode ? Math.min(n, 64) : MatmulKernel.BLOCK;
        int nBlocks = (n + seg - 1) / seg;
        synchronized (matmul) {
            matmul.a = input(matmul, a);
            matmul.b = input(matmul, b);
            matmul.out = out;
            if (rowMode) {
                matmul.put(out); // row mode adds into it: the device copy must be the zeros
            }
            matmul.m = m;
            matmul.k = k;
            matmul.n = n;
            matmul.aRow = spec.transA() ? 1 : k;
            matmul.aCol = spec.transA() ? m : 1;
            matmul.aBatch = spec.aBatched() ? m * k : 0;
            matmul.bRow = spec.transB() ? 1 : n;
            matmul.bCol = spec.transB() ? k : 1;
            matmul.bBatch = spec.bBatched() ? k * n : 0;
            matmul.nBlocks = nBlocks;
            matmul.rowMode = rowMode ? 1 : 0;
            matmul.seg = seg;
            matmul.items = Math.multiplyExact(spec.batch() * m, nBlocks);
            launcher.launch(matmul, matmul.items);
            fetch(matmul, out);
        }
        return ArrayStorage.of(out);
    }

    @Override
    public Storage permute(Storage a, int[] shape, int[] perm) {
        ArrayStorage s = array(a);
        int count = Math.toIntExact(s.size());
        ArrayStorage out = (ArrayStorage) zeros(s.dtype(), count);
        if (count == 0) {
            return out;
        }
        int rank = Math.max(1, shape.length);
        int[] outShape = new int[rank];
        int[] walk = new int[rank];
        if (shape.length == 0) {
            outShape[0] = 1;
            walk[0] = 1;
        } else {
            int[] srcStrides = new int[rank];
            int stride = 1;
            for (int d = rank - 1; d >= 0; d--) {
                srcStrides[d] = stride;
                stride *= shape[d];
            }
            for (int d = 0; d < rank; d++) {
                outShape[d] = shape[perm[d]];
                walk[d] = srcStrides[perm[d]];
            }
        }
        int cols = outShape[rank - 1];
        synchronized (permute) {
            if (s.floats != null) {
                permute.floatSrc = input(permute, s);
                permute.floatDst = out.floats;
                permute.dtype = 0;
            } else if (s.ints != null) {
                permute.intSrc = ints(permute, s.ints);
                permute.intDst = out.ints;
                permute.dtype = 1;
            } else {
                permute.longSrc = longs(permute, s.longs);
                permute.longDst = out.longs;
                permute.dtype = 2;
            }
            permute.shape = outShape;
            permute.walk = walk;
            permute.rank = rank;
            permute.cols = cols;
            permute.rows = count / cols;
            launcher.launch(permute, permute.rows);
            if (out.floats != null) {
                permute.get(out.floats);
            } else if (out.ints != null) {
                permute.get(out.ints);
            } else {
                permute.get(out.longs);
            }
        }
        return out;
    }

    @Override
    public Storage concat(Storage[] parts, long outer, long[] sizes, long inner) {
        long total = 0;
        for (long size : sizes) {
            total += size;
        }
        int blocks = Math.toIntExact(outer);
        int dstBlock = Math.toIntExact(total * inner);
        float[] out = new float[Math.multiplyExact(blocks, dstBlock)];
        if (out.length == 0) {
            return ArrayStorage.of(out);
        }
        synchronized (copyBlocks) {
            copyBlocks.dst = out;
            int off = 0;
            for (int p = 0; p < parts.length; p++) {
                int len = Math.toIntExact(sizes[p] * inner);
                if (len > 0) {
                    copy(copyBlocks, parts[p], blocks, len, off, dstBlock);
                }
                off += len;
            }
            fetch(copyBlocks, out);
        }
        return ArrayStorage.of(out);
    }

    /** One launch of {@link CopyBlocksKernel} into its bound {@code dst}; call under its monitor. */
    private void copy(CopyBlocksKernel kernel, Storage src, int blocks, int len, int dstOff, int dstBlock) {
        int seg = segment(len, blocks);
        int segs = (len + seg - 1) / seg;
        kernel.src = input(kernel, src);
        kernel.len = len;
        kernel.dstOff = dstOff;
        kernel.dstBlock = dstBlock;
        kernel.seg = seg;
        kernel.segs = segs;
        kernel.items = Math.multiplyExact(blocks, segs);
        launcher.launch(kernel, kernel.items);
    }

    @Override
    public Storage scatterAddRows(Storage src, int cols, Storage ids, int rows) {
        float[] out = new float[Math.multiplyExact(rows, cols)];
        scatter(out, src, cols, ids);
        return ArrayStorage.of(out);
    }

    @Override
    public void scatterAddRowsInto(Storage target, int rows, int cols, Storage ids, Storage src) {
        scatter(target(target), src, cols, ids);
        wrote(target);
    }

    private void scatter(float[] out, Storage src, int cols, Storage ids) {
        int[] idx = array(ids).idsAsInts();
        if (out.length == 0 || idx.length == 0 || cols == 0) {
            return;
        }
        synchronized (scatter) {
            scatter.out = out;
            scatter.put(out);
            scatter.src = input(scatter, src);
            scatter.ids = idx;
            scatter.put(idx);
            scatter.count = idx.length;
            scatter.cols = cols;
            launcher.launch(scatter, cols);
            fetch(scatter, out);
        }
    }

    @Override
    public Storage softmax(Storage a, long outer, long dim, long inner) {
        return softmax(a, outer, dim, inner, false);
    }

    @Override
    public Storage logSoftmax(Storage a, long outer, long dim, long inner) {
        return softmax(a, outer, dim, inner, true);
    }

    private Storage softmax(Storage a, long outer, long dim, long inner, boolean log) {
        float[] out = new float[Math.toIntExact(outer * dim * inner)];
        if (out.length == 0) {
            return ArrayStorage.of(out);
        }
        synchronized (softmax) {
            softmax.a = input(softmax, a);
            softmax.out = out;
            softmax.dim = Math.toIntExact(dim);
            softmax.inner = Math.toIntExact(inner);
            softmax.items = Math.toIntExact(outer * inner);
            softmax.logMode = log ? 1 : 0;
            launcher.launch(softmax, softmax.items);
            fetch(softmax, out);
        }
        return ArrayStorage.of(out);
    }

    @Override
    public void copyInto(Storage target, Storage src) {
        ArrayStorage t = array(target);
        if (t.floats == null) {
            // Integer copies are bookkeeping, never in a training step's hot path: a host copy.
            super.copyInto(target, src);
            written.put(t.ints != null ? t.ints : t.longs, tick.incrementAndGet());
            return;
        }
        inPlace(InPlaceKernel.COPY, target, src, null, null, null);
    }

    @Override
    public void accumulate(Storage target, Storage src) {
        inPlace(InPlaceKernel.ACCUMULATE, target, src, null, null, null);
    }

    @Override
    public void adamStep(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, AdamStep step) {
        inPlace(InPlaceKernel.ADAM, param, grad, expAvg, expAvgSq, step);
    }

    private void inPlace(int mode, Storage target, Storage src, Storage m, Storage v, AdamStep step) {
        float[] t = target(target);
        int n = t.length;
        if (n == 0) {
            return;
        }
        int seg = segment(n, 1);
        synchronized (inPlace) {
            inPlace.t = t;
            inPlace.s = input(inPlace, src);
            inPlace.m = m == null ? PLACEHOLDER : target(m);
            inPlace.v = v == null ? PLACEHOLDER : target(v);
            if (mode != InPlaceKernel.COPY) {
                inPlace.put(t);
            }
            if (m != null) {
                inPlace.put(inPlace.m);
                inPlace.put(inPlace.v);
            }
            inPlace.n = n;
            inPlace.seg = seg;
            inPlace.items = (n + seg - 1) / seg;
            inPlace.mode = mode;
            if (step != null) {
                inPlace.decay = step.decayFactor() == 1.0 ? 0 : 1;
                inPlace.l2 = step.l2() == 0.0 ? 0 : 1;
                inPlace.decayFactor = (float) step.decayFactor();
                inPlace.l2Factor = (float) step.l2();
                inPlace.beta1 = (float) step.beta1();
                inPlace.oneMinusBeta1 = (float) (1 - step.beta1());
                inPlace.beta2 = (float) step.beta2();
                inPlace.oneMinusBeta2 = (float) (1 - step.beta2());
                inPlace.biasCorrection2Sqrt = (float) step.biasCorrection2Sqrt();
                inPlace.eps = (float) step.eps();
                inPlace.negStepSize = (float) (-step.stepSize());
            }
            launcher.launch(inPlace, inPlace.items);
            fetch(inPlace, t);
            if (m != null) {
                fetch(inPlace, inPlace.m);
                fetch(inPlace, inPlace.v);
            }
            inPlace.m = PLACEHOLDER;
            inPlace.v = PLACEHOLDER;
        }
        wrote(target);
        if (m != null) {
            wrote(m);
            wrote(v);
        }
    }

    /** The float array of an in-place target. */
    private static float[] target(Storage storage) {
        return array(storage).floats;
    }

    /** Records that {@code storage}'s array changed on the host, so kernels holding a device copy upload it again. */
    private void wrote(Storage storage) {
        written.put(array(storage).floats, tick.incrementAndGet());
    }

    @Override
    public double sum(Storage storage) {
        ArrayStorage s = array(storage);
        return reduce(ReduceKernel.SUM_FLOATS, s); // FLOAT32 only: Tensor.sum adds integers itself, on the host
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
                slice.intSrc = ints(slice, s.ints);
                slice.intDst = out.ints;
                slice.dtype = SliceKernel.INTS;
            } else {
                slice.longSrc = longs(slice, s.longs);
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
     * may hold a device copy of the same array from when it carried an earlier tensor's values, and in
     * explicit mode Aparapi would not upload a bound array again by itself. Call under the kernel's monitor.
     */
    float[] input(com.aparapi.Kernel kernel, Storage storage) {
        ArrayStorage s = array(storage);
        if (s.isPooled()) {
            kernel.put(s.floats);
        } else if (stale(kernel, s.floats)) {
            kernel.put(s.floats);
        }
        return s.floats;
    }

    /** An int input: put again when written in place (an integer copyInto) since {@code kernel} uploaded it. */
    private int[] ints(com.aparapi.Kernel kernel, int[] array) {
        if (stale(kernel, array)) {
            kernel.put(array);
        }
        return array;
    }

    /** A long input, as {@link #ints}. */
    private long[] longs(com.aparapi.Kernel kernel, long[] array) {
        if (stale(kernel, array)) {
            kernel.put(array);
        }
        return array;
    }

    /**
     * True when {@code array} was written in place after {@code kernel} last uploaded it (the caller puts
     * it now, and this records that). Call under the kernel's monitor.
     */
    private boolean stale(com.aparapi.Kernel kernel, Object array) {
        Long changed = written.get(array);
        if (changed == null) {
            return false;
        }
        Map<Object, Long> seen = uploaded.computeIfAbsent(kernel, x -> new WeakHashMap<>());
        if (changed.equals(seen.get(array))) {
            return false;
        }
        seen.put(array, changed);
        return true;
    }

    void fetch(com.aparapi.Kernel kernel, float[] out) {
        kernel.get(out);
    }
}
