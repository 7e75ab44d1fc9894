package org.llmfromscratch.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.Storage;

/**
 * Kernels on PyTorch tensors through DJL. Each storage is one contiguous tensor; each kernel opens a
 * {@link KernelScope} whose sub-manager frees the views and scratch tensors it makes, so that nothing
 * but the results outlives a call. The embedding lookup is PyTorch's own {@code torch::embedding}
 * ({@code index_select} on the table), and the positional add is done in place on its output.
 */
final class DjlKernels implements Kernels {
    private final Engine engine;
    private final NDManager root;

    DjlKernels(Engine engine, NDManager root) {
        this.engine = engine;
        this.root = root;
    }

    /** The manager that owns every live storage's array (for interop and leak tests). */
    NDManager root() {
        return root;
    }

    @Override
    public String device() {
        return describe(engine, root.getDevice());
    }

    /** E.g. {@code CPU, PyTorch 2.7.1 through DJL 0.36.0, 2 intra-op threads}. */
    static String describe(Engine engine, ai.djl.Device device) {
        String where = NdBuffers.isCpu(device) ? "CPU" : device.toString();
        return where + ", PyTorch " + engine.getVersion() + " through DJL " + Engine.getDjlVersion() + ", "
                + JniUtils.getNumThreads() + " intra-op threads";
    }

    @Override
    public Storage fromFloats(float[] values) {
        return new DjlStorage(NdBuffers.of(root, new Shape(values.length), values), DType.FLOAT32);
    }

    @Override
    public Storage fromInts(int[] values) {
        return new DjlStorage(NdBuffers.of(root, new Shape(values.length), values), DType.INT32);
    }

    @Override
    public Storage fromLongs(long[] values) {
        return new DjlStorage(NdBuffers.of(root, new Shape(values.length), values), DType.INT64);
    }

    @Override
    public Storage zeros(DType dtype, long count) {
        return new DjlStorage(root.zeros(new Shape(count), DTypes.toDjl(dtype)), dtype);
    }

    @Override
    public float[] readFloats(Storage storage) {
        return NdBuffers.floats(nd(storage));
    }

    @Override
    public int[] readInts(Storage storage) {
        return NdBuffers.ints(nd(storage));
    }

    @Override
    public long[] readLongs(Storage storage) {
        return NdBuffers.longs(nd(storage));
    }

    @Override
    public Storage gatherRows(Storage table, int cols, Storage ids) {
        NDArray tok = nd(table);
        NDArray idx = nd(ids);
        if (cols == 0 || idx.size() == 0) {
            return zeros(DType.FLOAT32, 0);
        }
        try (KernelScope scope = new KernelScope(root, tok, idx)) {
            NDArray weight = scope.track(tok.reshape(tok.size() / cols, cols));
            return new DjlStorage(scope.keep(embedding(idx, weight)), DType.FLOAT32);
        }
    }

    @Override
    public Storage embed(Storage tokTable, Storage posTable, int cols, Storage ids, int batch, int seq) {
        NDArray tok = nd(tokTable);
        NDArray pos = nd(posTable);
        NDArray idx = nd(ids);
        if (cols == 0 || idx.size() == 0) {
            return zeros(DType.FLOAT32, 0);
        }
        try (KernelScope scope = new KernelScope(root, tok, pos, idx)) {
            NDArray weight = scope.track(tok.reshape(tok.size() / cols, cols));
            NDArray out = embedding(scope.track(idx.reshape(batch, seq)), weight);   // [batch, seq, cols]
            NDArray firstRows = scope.track(pos.get(new NDIndex().addSliceDim(0, (long) seq * cols)));
            out.addi(scope.track(firstRows.reshape(seq, cols)));                      // broadcast over batch
            return new DjlStorage(scope.keep(out), DType.FLOAT32);
        }
    }

    /** {@code torch::embedding(weight, ids)}; the result is in the weight's manager (the scope). */
    private static NDArray embedding(NDArray ids, NDArray weight) {
        return weight.getNDArrayInternal().embedding(ids, weight, SparseFormat.DENSE).singletonOrThrow();
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        NDArray x = nd(a);
        NDArray y = nd(b);
        try (KernelScope scope = new KernelScope(root, x, y)) {
            NDArray xs = scope.track(x.reshape(shape(aShape)));
            NDArray ys = scope.track(y.reshape(shape(bShape)));
            NDArray out = op == BinaryOp.ADD ? xs.add(ys) : xs.sub(ys);
            // Element-wise results of contiguous operands are contiguous; flattening keeps that a view.
            return new DjlStorage(scope.keep(scope.track(out).reshape(-1)), DType.FLOAT32);
        }
    }

    @Override
    public double sum(Storage storage) {
        NDArray x = nd(storage);
        try (KernelScope scope = new KernelScope(root, x)) {
            // FLOAT32 only (Tensor.sum adds integers on the host). Accumulate in double, as the contract
            // asks, by summing a float64 copy.
            return scope.track(scope.track(x.toType(DataType.FLOAT64, false)).sum()).toDoubleArray()[0];
        }
    }

    @Override
    public double sumOfSquares(Storage storage) {
        NDArray x = nd(storage);
        try (KernelScope scope = new KernelScope(root, x)) {
            NDArray d = scope.track(x.toType(DataType.FLOAT64, false));
            return scope.track(scope.track(d.mul(d)).sum()).toDoubleArray()[0];
        }
    }

    @Override
    public Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end) {
        NDArray x = nd(src);
        try (KernelScope scope = new KernelScope(root, x)) {
            NDArray blocks = scope.track(x.reshape(outer, dimSize, inner));
            NDArray view = blocks.get(new NDIndex().addAllDim().addSliceDim(start, end));
            // A narrowed view is not contiguous: clone it into a fresh contiguous tensor, as Tensor.slice
            // promises a copy and not a view of the source's memory. (toType(same, true) would not copy.)
            NDArray copy = JniUtils.clone((PtNDArray) view);
            return new DjlStorage(scope.keep(copy.reshape(-1)), src.dtype());
        }
    }

    private static Shape shape(int[] dims) {
        long[] s = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            s[i] = dims[i];
        }
        return new Shape(s);
    }

    static NDArray nd(Storage s) {
        if (!(s instanceof DjlStorage)) {
            throw new IllegalArgumentException("the djl backend got storage of another backend: "
                    + s.getClass().getName());
        }
        return ((DjlStorage) s).array();
    }
}
