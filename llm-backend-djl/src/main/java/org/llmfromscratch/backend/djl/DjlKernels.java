package org.llmfromscratch.backend.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;

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
            NDArray out = embedding(scope.track(idx.reshape(batch, seq)), weight); // [batch, seq, cols]
            NDArray firstRows = scope.track(pos.get(new NDIndex().addSliceDim(0, (long) seq * cols)));
            out.addi(scope.track(firstRows.reshape(seq, cols))); // broadcast over batch
            return new DjlStorage(scope.keep(out), DType.FLOAT32);
        }
    }

    /** {@code torch::embedding(weight, ids)}; the result is in the weight's manager (the scope). */
    private static NDArray embedding(NDArray ids, NDArray weight) {
        return weight.getNDArrayInternal()
                .embedding(ids, weight, SparseFormat.DENSE)
                .singletonOrThrow();
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        NDArray x = nd(a);
        NDArray y = nd(b);
        try (KernelScope scope = new KernelScope(root, x, y)) {
            NDArray xs = scope.track(x.reshape(shape(aShape)));
            NDArray ys = scope.track(y.reshape(shape(bShape)));
            NDArray out =
                    switch (op) {
                        case ADD -> xs.add(ys);
                        case SUB -> xs.sub(ys);
                        case MUL -> xs.mul(ys);
                        case DIV -> xs.div(ys);
                        case POW -> pow(scope, xs, ys);
                        case MAXIMUM -> xs.maximum(ys); // torch.maximum: NaN propagates
                        case EQ -> scope.track(xs.eq(ys)).toType(DataType.FLOAT32, false);
                        case GT -> scope.track(xs.gt(ys)).toType(DataType.FLOAT32, false);
                    };
            Shape target = shape(outShape);
            if (!out.getShape().equals(target)) {
                // Both operands are 1 along some output dimension (Tensor.expand adds a scalar 0): repeat.
                NDArray expanded = scope.track(scope.track(out).broadcast(target));
                out = contiguousCopy(scope, expanded);
            }
            return floats(scope, out);
        }
    }

    /**
     * {@code torch.pow}; a single exponent of 2, 3, 1 or 0.5 is computed as PyTorch's tensor-scalar pow
     * special-cases it (and as {@link BinaryOp#apply} does): a product, a copy or a square root.
     */
    private static NDArray pow(KernelScope scope, NDArray xs, NDArray ys) {
        if (ys.size() == 1) {
            float e = NdBuffers.floats(ys)[0];
            if (e == 2f) {
                return xs.mul(xs);
            }
            if (e == 3f) {
                return scope.track(xs.mul(xs)).mul(xs);
            }
            if (e == 1f) {
                return JniUtils.clone((PtNDArray) xs);
            }
            if (e == 0.5f) {
                return xs.sqrt();
            }
        }
        return xs.pow(ys);
    }

    @Override
    public double sum(Storage storage) {
        NDArray x = nd(storage);
        try (KernelScope scope = new KernelScope(root, x)) {
            // FLOAT32 only (Tensor.sum adds integers on the host). Accumulate in double, as the contract
            // asks, by summing a float64 copy.
            return scope.track(scope.track(x.toType(DataType.FLOAT64, false)).sum())
                    .toDoubleArray()[0];
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

    // ---- primitives ---------------------------------------------------------------------------------

    @Override
    public Storage unary(UnaryOp op, Storage a) {
        NDArray x = nd(a);
        try (KernelScope scope = new KernelScope(root, x)) {
            NDArray out =
                    switch (op) {
                        case NEG -> x.neg();
                        case ABS -> x.abs();
                        case SIGN -> where(x.isNaN(), x, scope.track(x.sign()), scope); // sign(NaN) is NaN
                        case EXP -> x.exp();
                        case LOG -> x.log();
                        case SQRT -> x.sqrt();
                        case TANH -> x.tanh();
                        case RELU -> x.getNDArrayInternal().relu(); // torch.relu: NaN stays NaN
                        case STEP -> scope.track(x.gt(scope.scalar(0f))).toType(DataType.FLOAT32, false);
                        case GELU -> gelu(scope, x);
                        case GELU_GRAD -> geluGrad(scope, x);
                    };
            return floats(scope, out);
        }
    }

    /**
     * The book's GELU in its float32 order of operations, as {@link UnaryOp#gelu}:
     * {@code 0.5 * x * (1 + tanh(c * (x + 0.044715 * (x * x * x))))}. (PyTorch's own
     * {@code gelu(approximate='tanh')} is not reachable through DJL, whose {@code gelu} is the erf form.)
     */
    private static NDArray gelu(KernelScope scope, NDArray x) {
        NDArray t = tanhTerm(scope, x);
        NDArray half = scope.track(x.mul(scope.scalar(0.5f)));
        return half.muli(t.addi(scope.scalar(1f)));
    }

    /** {@code tanh(c * (x + 0.044715 * (x * x * x)))}, a new array of the scope. */
    private static NDArray tanhTerm(KernelScope scope, NDArray x) {
        NDArray cube = scope.track(scope.track(x.mul(x)).mul(x));
        NDArray inner = cube.muli(scope.scalar(0.044715f)).addi(x); // 0.044715 * x^3 + x == x + 0.044715 * x^3
        return scope.track(inner.muli(scope.scalar(UnaryOp.GELU_C)).tanh());
    }

    /**
     * {@link UnaryOp#geluGrad}'s expression with its float32 association:
     * {@code 0.5 * (1 + t) + ((((0.5 * x) * (1 - t * t)) * c) * (1 + (0.134145 * x) * x))}.
     */
    private static NDArray geluGrad(KernelScope scope, NDArray x) {
        NDArray t = tanhTerm(scope, x);
        NDArray left = scope.track(t.add(scope.scalar(1f))).muli(scope.scalar(0.5f));
        NDArray oneMinusT2 = scope.track(scope.scalar(1f).sub(scope.track(t.mul(t))));
        NDArray right = scope.track(x.mul(scope.scalar(0.5f))).muli(oneMinusT2).muli(scope.scalar(UnaryOp.GELU_C));
        NDArray poly = scope.track(x.mul(scope.scalar(3f * 0.044715f))).muli(x).addi(scope.scalar(1f));
        return right.muli(poly).addi(left);
    }

    @Override
    public Storage reduce(ReduceOp op, Storage a, long outer, long dim, long inner) {
        NDArray x = nd(a);
        try (KernelScope scope = new KernelScope(root, x)) {
            NDArray blocks = scope.track(x.reshape(outer, dim, inner));
            NDArray out;
            if (op == ReduceOp.SUM) {
                // Accumulated in double, as the contract asks, then rounded to float once.
                NDArray wide = scope.track(blocks.toType(DataType.FLOAT64, false));
                out = scope.track(wide.sum(new int[] {1})).toType(DataType.FLOAT32, false);
            } else if (dim == 0) {
                out = scope.manager().full(new Shape(outer * inner), Float.NEGATIVE_INFINITY); // torch: an error
            } else {
                out = blocks.max(new int[] {1}); // NaN propagates, as torch.amax
            }
            return floats(scope, out);
        }
    }

    @Override
    public Storage matmul(Storage a, Storage b, MatmulSpec s) {
        NDArray x = nd(a);
        NDArray y = nd(b);
        try (KernelScope scope = new KernelScope(root, x, y)) {
            // Transposes are strided views: torch.matmul hands them to BLAS as they are.
            NDArray left = operand(scope, x, s.aBatched(), s.batch(), s.m(), s.k(), s.transA());
            NDArray right = operand(scope, y, s.bBatched(), s.batch(), s.k(), s.n(), s.transB());
            NDArray out = scope.track(left.matMul(right));
            if (!s.aBatched() && !s.bBatched() && s.batch() != 1) {
                // One shared product for every batch entry: repeat it.
                out = scope.track(out.broadcast(s.batch(), s.m(), s.n()));
                return floats(scope, contiguousCopy(scope, out));
            }
            return floats(scope, out);
        }
    }

    /** {@code op(x)} as a {@code [rows, cols]} (or {@code [batch, rows, cols]}) view. */
    private static NDArray operand(
            KernelScope scope, NDArray x, boolean batched, int batch, int rows, int cols, boolean trans) {
        Shape stored = trans ? new Shape(cols, rows) : new Shape(rows, cols);
        NDArray v = scope.track(x.reshape(batched ? new Shape(batch).addAll(stored) : stored));
        if (!trans) {
            return v;
        }
        return scope.track(batched ? v.transpose(0, 2, 1) : v.transpose(1, 0));
    }

    @Override
    public Storage permute(Storage a, int[] dims, int[] perm) {
        NDArray x = nd(a);
        try (KernelScope scope = new KernelScope(root, x)) {
            NDArray view = scope.track(scope.track(x.reshape(shape(dims))).transpose(perm));
            return new DjlStorage(scope.keep(flat(scope, contiguousCopy(scope, view))), a.dtype());
        }
    }

    @Override
    public Storage concat(Storage[] parts, long outer, long[] sizes, long inner) {
        NDArray[] arrays = new NDArray[parts.length];
        for (int p = 0; p < parts.length; p++) {
            arrays[p] = nd(parts[p]);
        }
        try (KernelScope scope = new KernelScope(root, arrays)) {
            if (parts.length == 0) {
                return new DjlStorage(scope.keep(scope.manager().zeros(new Shape(0))), DType.FLOAT32);
            }
            NDList blocks = new NDList(parts.length);
            for (int p = 0; p < parts.length; p++) {
                blocks.add(scope.track(arrays[p].reshape(outer, sizes[p], inner)));
            }
            return floats(scope, NDArrays.concat(blocks, 1)); // torch.cat: always a new tensor
        }
    }

    @Override
    public Storage scatterAddRows(Storage src, int cols, Storage ids, int rows) {
        NDArray s = nd(src);
        NDArray idx = nd(ids);
        try (KernelScope scope = new KernelScope(root, s, idx)) {
            return floats(scope, scatterAdd(scope, s, cols, idx, rows));
        }
    }

    @Override
    public void scatterAddRowsInto(Storage target, int rows, int cols, Storage ids, Storage src) {
        NDArray t = nd(target);
        NDArray s = nd(src);
        NDArray idx = nd(ids);
        try (KernelScope scope = new KernelScope(root, t, s, idx)) {
            NDArray dense = scatterAdd(scope, s, cols, idx, rows);
            t.addi(scope.track(dense.reshape(-1)));
        }
    }

    /**
     * {@code out[ids[i], :] += src[i, :]} as a sparse-dense product {@code S @ src}, with {@code S} the
     * {@code [rows, n]} COO matrix holding 1 at {@code (ids[i], i)} for every {@code ids[i] != -1}.
     * PyTorch's CPU kernel for it coalesces {@code S} (sorting by row, then column) and adds, row by row in
     * parallel, {@code 1 * src[i, :]} in increasing {@code i}: exactly the reference's sums in its order,
     * so the bits are the same on every run and thread count. (DJL exposes no {@code index_add_}.)
     */
    private NDArray scatterAdd(KernelScope scope, NDArray s, int cols, NDArray idx, int rows) {
        long n = idx.size();
        NDManager m = scope.manager();
        if (n == 0 || cols == 0 || rows == 0) {
            return m.zeros(new Shape(rows, cols));
        }
        NDArray ids64 = scope.track(idx.toType(DataType.INT64, false));
        NDArray keep = scope.track(ids64.gte(scope.scalar(0L)));
        NDArray rowsOf = scope.track(ids64.booleanMask(keep));
        NDArray positions =
                scope.track(scope.track(m.arange(0L, n, 1L, DataType.INT64)).booleanMask(keep));
        NDArray indices = scope.track(NDArrays.stack(new NDList(rowsOf, positions)));
        NDArray ones = m.ones(new Shape(rowsOf.size()));
        NDArray sparse =
                scope.track(JniUtils.createSparseCoo((PtNDArray) indices, (PtNDArray) ones, new Shape(rows, n)));
        NDArray dense = scope.track(s.reshape(n, cols));
        return scope.track(sparse.matMul(dense));
    }

    @Override
    public Storage maskedFill(Storage a, int[] dims, Storage mask, int[] maskShape, float value) {
        NDArray x = nd(a);
        NDArray mk = nd(mask);
        try (KernelScope scope = new KernelScope(root, x, mk)) {
            NDArray xs = scope.track(x.reshape(shape(dims)));
            NDArray cond = scope.track(scope.track(mk.reshape(shape(maskShape))).neq(scope.scalar(0f)));
            NDArray out = where(cond, scope.scalar(value), xs, scope); // broadcasts the mask
            return floats(scope, out);
        }
    }

    @Override
    public void copyInto(Storage target, Storage src) {
        NDArray t = nd(target);
        NDArray s = nd(src);
        if (t.size() == 0) {
            return;
        }
        try (KernelScope scope = new KernelScope(root, t, s)) {
            copy(scope, t, s);
        }
    }

    // ---- composites, fused -------------------------------------------------------------------------

    @Override
    public Storage softmax(Storage a, long outer, long dim, long inner) {
        NDArray x = nd(a);
        try (KernelScope scope = new KernelScope(root, x)) {
            return floats(scope, scope.track(x.reshape(outer, dim, inner)).softmax(1));
        }
    }

    @Override
    public Storage logSoftmax(Storage a, long outer, long dim, long inner) {
        NDArray x = nd(a);
        try (KernelScope scope = new KernelScope(root, x)) {
            return floats(scope, scope.track(x.reshape(outer, dim, inner)).logSoftmax(1));
        }
    }

    @Override
    public void accumulate(Storage target, Storage src) {
        nd(target).addi(nd(src)); // add_ in place: no temporaries
    }

    /** In place, in the float32 order of {@link Kernels#adamStep}; each scalar a 0-d float32 tensor. */
    @Override
    public void adamStep(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, AdamStep st) {
        NDArray p = nd(param);
        NDArray g = nd(grad);
        NDArray m = nd(expAvg);
        NDArray v = nd(expAvgSq);
        try (KernelScope scope = new KernelScope(root, p, g, m, v)) {
            if (st.decayFactor() != 1.0) {
                p.muli(scope.scalar((float) st.decayFactor()));
            }
            NDArray gp = st.l2() == 0.0 ? g : scope.track(g.add(scope.track(p.mul(scope.scalar((float) st.l2())))));
            m.muli(scope.scalar((float) st.beta1())).addi(scope.track(gp.mul(scope.scalar((float) (1 - st.beta1())))));
            v.muli(scope.scalar((float) st.beta2()))
                    .addi(scope.track(gp.mul(scope.scalar((float) (1 - st.beta2()))))
                            .muli(gp));
            NDArray denom = scope.track(v.sqrt())
                    .divi(scope.scalar((float) st.biasCorrection2Sqrt()))
                    .addi(scope.scalar((float) st.eps()));
            NDArray update =
                    scope.track(m.mul(scope.scalar((float) -st.stepSize()))).divi(denom);
            p.addi(update);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /**
     * {@code torch.where(cond, a, b)} with broadcasting (DJL's {@code NDArrays.where} insists on equal
     * shapes); {@code cond} is tracked here.
     */
    private static NDArray where(NDArray cond, NDArray a, NDArray b, KernelScope scope) {
        scope.track(cond);
        return scope.track(JniUtils.where((PtNDArray) cond, (PtNDArray) a, (PtNDArray) b));
    }

    /** A new FLOAT32 storage of {@code out} (an array made in this call), flattened. */
    private static Storage floats(KernelScope scope, NDArray out) {
        return new DjlStorage(scope.keep(flat(scope, out)), DType.FLOAT32);
    }

    /** {@code out} as a flat contiguous array; {@code out} itself becomes an intermediate. */
    private static NDArray flat(KernelScope scope, NDArray out) {
        scope.track(out);
        // Results of these kernels are fresh tensors; reshape copies if one is not contiguous.
        return out.reshape(-1);
    }

    /** A new contiguous array of the scope holding {@code view}'s elements in row-major order. */
    private static NDArray contiguousCopy(KernelScope scope, NDArray view) {
        NDArray out = scope.manager().create(view.getShape(), view.getDataType());
        if (out.size() > 0) {
            copy(scope, out, view);
        }
        return out;
    }

    /** {@code target.copy_(src)} (same element count; {@code src} read in row-major order). */
    private static void copy(KernelScope scope, NDArray target, NDArray src) {
        NDArray same = src.getShape().equals(target.getShape()) ? src : scope.track(src.reshape(target.getShape()));
        target.set(new NDIndex("..."), same);
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
