package org.llmfromscratch.backend.nd4j;

import java.nio.FloatBuffer;
import org.llmfromscratch.api.DType;
import org.llmfromscratch.api.spi.AdamStep;
import org.llmfromscratch.api.spi.ArrayPrimitives;
import org.llmfromscratch.api.spi.BinaryOp;
import org.llmfromscratch.api.spi.Kernels;
import org.llmfromscratch.api.spi.MatmulSpec;
import org.llmfromscratch.api.spi.ReduceOp;
import org.llmfromscratch.api.spi.Storage;
import org.llmfromscratch.api.spi.UnaryOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Kernels on ND4J arrays. Every result is allocated once, uninitialized, at its final size, and the
 * native op writes straight into it ({@code gather} and {@code add}/{@code subtract} with an output
 * argument): gathering into a preallocated output measured 2-5x faster than ND4J's allocating gather.
 * Intermediate views are never closed (they do not own memory); intermediate copies are.
 */
final class Nd4jKernels implements Kernels {
    private final String device;

    Nd4jKernels(String device) {
        this.device = device;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public Storage fromFloats(float[] values) {
        return values.length == 0
                ? Nd4jStorage.empty(DType.FLOAT32)
                : Nd4jStorage.owning(DType.FLOAT32, Nd4j.createFromArray(values));
    }

    @Override
    public Storage fromInts(int[] values) {
        return values.length == 0
                ? Nd4jStorage.empty(DType.INT32)
                : Nd4jStorage.owning(DType.INT32, Nd4j.createFromArray(values));
    }

    @Override
    public Storage fromLongs(long[] values) {
        return values.length == 0
                ? Nd4jStorage.empty(DType.INT64)
                : Nd4jStorage.owning(DType.INT64, Nd4j.createFromArray(values));
    }

    @Override
    public Storage zeros(DType dtype, long count) {
        // Nd4j.create zero-fills, unlike createUninitialized.
        return count == 0
                ? Nd4jStorage.empty(dtype)
                : Nd4jStorage.owning(dtype, Nd4j.create(DTypes.toNd4j(dtype), count));
    }

    @Override
    public float[] readFloats(Storage storage) {
        Nd4jStorage s = nd4j(storage);
        return s.size() == 0 ? new float[0] : s.array().data().asFloat();
    }

    @Override
    public int[] readInts(Storage storage) {
        Nd4jStorage s = nd4j(storage);
        return s.size() == 0 ? new int[0] : s.array().data().asInt();
    }

    @Override
    public long[] readLongs(Storage storage) {
        Nd4jStorage s = nd4j(storage);
        return s.size() == 0 ? new long[0] : s.array().data().asLong();
    }

    @Override
    public Storage gatherRows(Storage table, int cols, Storage ids) {
        Nd4jStorage t = nd4j(table);
        Nd4jStorage idx = nd4j(ids);
        long rows = idx.size();
        if (rows * cols == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows * cols);
        gatherInto(out.reshape(rows, cols), t, cols, idx);
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    @Override
    public Storage embed(Storage tokTable, Storage posTable, int cols, Storage ids, int batch, int seq) {
        Nd4jStorage tok = nd4j(tokTable);
        Nd4jStorage pos = nd4j(posTable);
        Nd4jStorage idx = nd4j(ids);
        long rows = (long) batch * seq;
        if (rows * cols == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows * cols);
        gatherInto(out.reshape(rows, cols), tok, cols, idx);
        // [batch, seq * cols] += [1, seq * cols]: the positional rows as one row vector added to every
        // sequence. Measured at GPT-2 size on 2 cores: 1.0-1.3 ms, against 2.6-3.2 ms for the 3-D implicit
        // broadcast [batch, seq, cols] + [seq, cols]; INDArray.broadcast(...) crashes in native code here.
        long width = (long) seq * cols;
        out.reshape(batch, width).addiRowVector(pos.leadingRows(seq, cols).reshape(1, width));
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    private static void gatherInto(INDArray out, Nd4jStorage table, int cols, Nd4jStorage ids) {
        Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(table.leadingRows(table.size() / cols, cols), ids.array())
                .addOutputs(out)
                .addIntegerArguments(0)
                .build());
    }

    @Override
    public double sum(Storage storage) {
        Nd4jStorage s = nd4j(storage);
        if (s.size() == 0) {
            return 0;
        }
        // The contract accumulates in double; ND4J would accumulate a FLOAT array in float.
        try (INDArray d = s.array().castTo(DataType.DOUBLE)) {
            return d.sumNumber().doubleValue();
        }
    }

    @Override
    public double sumOfSquares(Storage storage) {
        Nd4jStorage s = nd4j(storage);
        if (s.size() == 0) {
            return 0;
        }
        try (INDArray d = s.array().castTo(DataType.DOUBLE)) {
            return d.muli(d).sumNumber().doubleValue();
        }
    }

    @Override
    public Storage slice(Storage src, long outer, long dimSize, long inner, long start, long end) {
        Nd4jStorage s = nd4j(src);
        if (outer * (end - start) * inner == 0) {
            return Nd4jStorage.empty(s.dtype());
        }
        INDArray block = s.array()
                .reshape(outer, dimSize, inner)
                .get(NDArrayIndex.all(), NDArrayIndex.interval(start, end), NDArrayIndex.all());
        return Nd4jStorage.owning(s.dtype(), block.dup('c'));
    }

    // ---- training primitives ------------------------------------------------------------------------

    @Override
    public Storage unary(UnaryOp op, Storage a) {
        Nd4jStorage s = nd4j(a);
        if (s.size() == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        INDArray x = s.array();
        INDArray out = x.ulike();
        try {
            switch (op) {
                case NEG -> Nd4j.exec(new Negative(x, out));
                case ABS -> Nd4j.exec(new Abs(x, out));
                case SIGN -> {
                    // libnd4j's sign gives 0 for NaN and -0; Math.signum keeps both: put x back wherever sign is 0.
                    Nd4j.exec(new Sign(x, out));
                    BooleanIndexing.replaceWhere(out, x, Conditions.equals(0));
                }
                case EXP -> Nd4j.exec(new Exp(x, out));
                case LOG -> Nd4j.exec(new Log(x, out));
                case SQRT -> Nd4j.exec(new Sqrt(x, out));
                case TANH -> Nd4j.exec(new Tanh(x, out));
                case RELU -> {
                    // libnd4j keeps -0 (and NaN); the reference gives +0 for -0: adding +0 turns -0 into +0 only.
                    Nd4j.exec(new RectifiedLinear(x, out, 0.0));
                    out.addi(0f);
                }
                case STEP -> Nd4j.exec(new Step(x, out, 0.0)); // x > 0 ? 1 : 0, NaN gives 0
                case GELU -> gelu(x, out);
                case GELU_GRAD -> geluGrad(x, out);
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    private static final float GELU_K = 0.044715f;

    /**
     * The book's tanh GELU, composed of ND4J ops in the reference's float order: libnd4j's own GELU
     * (sigmoid approximation) and PreciseGELU differ from the tanh formula by up to 0.02-0.03.
     */
    private static void gelu(INDArray x, INDArray out) {
        try (INDArray u = x.mul(x)) {
            u.muli(x).muli(GELU_K).addi(x).muli(UnaryOp.GELU_C); // c * (x + k * x^3)
            Nd4j.exec(new Tanh(u, u));
            u.addi(1f);
            x.mul(0.5f, out).muli(u); // (0.5 x) (1 + t)
        }
    }

    /** {@code 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3k x^2)} in the reference's order of float operations. */
    private static void geluGrad(INDArray x, INDArray out) {
        try (INDArray u = x.mul(x);
                INDArray w = x.mul(3f * GELU_K)) {
            u.muli(x).muli(GELU_K).addi(x).muli(UnaryOp.GELU_C);
            Nd4j.exec(new Tanh(u, u)); // t
            u.mul(u, out).rsubi(1f).muli(x).muli(0.5f).muli(UnaryOp.GELU_C); // ((0.5 x)(1 - t^2)) c
            w.muli(x).addi(1f); // 1 + (3k x) x
            out.muli(w);
            u.addi(1f).muli(0.5f);
            out.addi(u);
        }
    }

    @Override
    public Storage broadcast(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, int[] outShape) {
        long total = 1;
        for (int d : outShape) {
            total *= d;
        }
        if (total == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        Nd4jStorage sa = nd4j(a);
        Nd4jStorage sb = nd4j(b);
        INDArray x = view(sa, aShape);
        INDArray y = view(sb, bShape);
        if (op == BinaryOp.MAXIMUM && (hasNaN(sa.array()) || hasNaN(sb.array()))) {
            // libnd4j's maximum returns the other operand when the first is NaN; torch.maximum gives NaN.
            // (Its one other difference from Math.max: maximum(+0, -0) is -0; max(x, 0) with a literal 0 is exact.)
            return referenceBroadcast(op, sa, aShape, sb, bShape, outShape, total);
        }
        if (op == BinaryOp.POW) {
            Storage special = powSpecialCase(sa, x, sb, outShape, total);
            if (special != null) {
                return special;
            }
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, total);
        INDArray z = view(out, outShape);
        try {
            if (!coversOutput(aShape, bShape, outShape)) {
                // libnd4j sizes its output from the inputs: when neither operand spans some output dimension
                // (the API's expand), broadcast a into the output first and compute in place, a still first.
                try (INDArray shapeArg = Nd4j.createFromArray(z.shape())) {
                    Nd4j.exec(DynamicCustomOp.builder("broadcast_to")
                            .addInputs(x, shapeArg)
                            .addOutputs(z)
                            .build());
                }
                x = z;
            }
            if (op == BinaryOp.EQ || op == BinaryOp.GT) {
                // libnd4j's comparisons write BOOL only: compare into a byte mask, then convert to 0/1 floats.
                try (INDArray mask = Nd4j.createUninitialized(DataType.BOOL, z.shape())) {
                    Nd4j.exec(DynamicCustomOp.builder(op == BinaryOp.EQ ? "equals" : "greater")
                            .addInputs(x, y)
                            .addOutputs(mask)
                            .build());
                    z.assign(mask);
                }
            } else {
                Nd4j.exec(DynamicCustomOp.builder(binaryOpName(op))
                        .addInputs(x, y)
                        .addOutputs(z)
                        .build());
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    /** Whether every output dimension is spanned by a or b, so that libnd4j's own broadcast gives outShape. */
    private static boolean coversOutput(int[] aShape, int[] bShape, int[] outShape) {
        for (int d = 0; d < outShape.length; d++) {
            if (aShape[d] != outShape[d] && bShape[d] != outShape[d]) {
                return false;
            }
        }
        return true;
    }

    private static String binaryOpName(BinaryOp op) {
        return switch (op) {
            case ADD -> "add";
            case SUB -> "subtract";
            case MUL -> "multiply";
            case DIV -> "divide";
            case POW -> "Pow";
            case MAXIMUM -> "maximum";
            default -> throw new IllegalStateException("no libnd4j op for " + op);
        };
    }

    /**
     * {@code a ** s} for one scalar exponent that PyTorch computes exactly (1, 2, 3, 0.5), as the
     * reference does; null for any other exponent, which libnd4j's pow computes (within an ulp or two).
     */
    private static Storage powSpecialCase(Nd4jStorage a, INDArray x, Nd4jStorage b, int[] outShape, long total) {
        if (b.size() != 1 || a.size() != total) {
            return null;
        }
        float e = b.array().getFloat(0L);
        INDArray src = a.array();
        INDArray out = src.ulike();
        if (e == 1f) {
            out.assign(src);
        } else if (e == 2f) {
            src.mul(src, out);
        } else if (e == 3f) {
            src.mul(src, out).muli(src);
        } else if (e == 0.5f) {
            Nd4j.exec(new Sqrt(src, out));
        } else {
            out.close();
            return null;
        }
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    private static boolean hasNaN(INDArray array) {
        // A NaN anywhere makes the sum NaN; a NaN sum without one (inf - inf) only sends us to the exact path.
        return Double.isNaN(array.sumNumber().doubleValue());
    }

    private static Storage referenceBroadcast(
            BinaryOp op, Nd4jStorage a, int[] aShape, Nd4jStorage b, int[] bShape, int[] outShape, long total) {
        float[] out = new float[Math.toIntExact(total)];
        ArrayPrimitives.broadcast(
                op, a.array().data().asFloat(), aShape, b.array().data().asFloat(), bShape, outShape, out);
        return Nd4jStorage.owning(DType.FLOAT32, Nd4j.createFromArray(out));
    }

    @Override
    public Storage reduce(ReduceOp op, Storage a, long outer, long dim, long inner) {
        Nd4jStorage s = nd4j(a);
        long n = outer * inner;
        if (n == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        if (dim == 0) {
            // torch.sum over an empty dimension is 0, amax is an error the API reports first.
            return zeros(DType.FLOAT32, n);
        }
        INDArray x = s.array();
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, n);
        try {
            if (op == ReduceOp.SUM) {
                // Accumulated in double as the reference does (libnd4j would sum a FLOAT array in float), rounded once.
                try (INDArray d = x.castTo(DataType.DOUBLE);
                        INDArray sum = d.reshape(outer, dim, inner).sum(1)) {
                    out.reshape(outer, inner).assign(sum);
                }
            } else {
                if (hasNaN(x)) {
                    // libnd4j's max skips NaN; torch.amax propagates it: the reference loop does.
                    out.close();
                    float[] r = new float[Math.toIntExact(n)];
                    ArrayPrimitives.reduce(op, x.data().asFloat(), (int) dim, (int) inner, r, 0, (int) outer);
                    return Nd4jStorage.owning(DType.FLOAT32, Nd4j.createFromArray(r));
                }
                Nd4j.exec(new org.nd4j.linalg.api.ops.impl.reduce.same.Max(
                        x.reshape(outer, dim, inner), out.reshape(outer, inner), 1));
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    @Override
    public Storage matmul(Storage a, Storage b, MatmulSpec spec) {
        int batch = spec.batch();
        int m = spec.m();
        int k = spec.k();
        int n = spec.n();
        long total = (long) batch * m * n;
        if (total == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        if (k == 0) {
            return zeros(DType.FLOAT32, total);
        }
        boolean ta = spec.transA();
        boolean tb = spec.transB();
        INDArray x = nd4j(a).array();
        INDArray y = nd4j(b).array();
        long ar = ta ? k : m;
        long ac = ta ? m : k;
        long br = tb ? n : k;
        long bc = tb ? k : n;
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, total);
        try {
            if (batch == 1 || !spec.aBatched() && !spec.bBatched()) {
                // One product (or the same product repeated, which the API never asks for but is cheap to honour).
                INDArray first = out.reshape(batch, m, n);
                INDArray z = batch == 1 ? out.reshape(m, n) : first.slice(0);
                Nd4j.gemm(x.reshape(ar, ac), y.reshape(br, bc), z, ta, tb, 1.0, 0.0);
                for (int i = 1; i < batch; i++) {
                    first.slice(i).assign(z);
                }
            } else if (spec.aBatched() && !spec.bBatched() && !ta) {
                // A weight shared by every batch (nn.Linear): one GEMM over all batch * m rows, no loop.
                Nd4j.gemm(
                        x.reshape((long) batch * m, k),
                        y.reshape(br, bc),
                        out.reshape((long) batch * m, n),
                        false,
                        tb,
                        1.0,
                        0.0);
            } else if (spec.aBatched() && spec.bBatched()) {
                // libnd4j's batched matmul, transposes as flags (attention's Q K^T and A V).
                Nd4j.exec(DynamicCustomOp.builder("matmul")
                        .addInputs(x.reshape(batch, ar, ac), y.reshape(batch, br, bc))
                        .addOutputs(out.reshape(batch, m, n))
                        .addIntegerArguments(ta ? 1 : 0, tb ? 1 : 0)
                        .build());
            } else {
                // One operand shared by every product: a GEMM per batch on views, nothing copied.
                INDArray xs = spec.aBatched() ? x.reshape(batch, ar, ac) : x.reshape(ar, ac);
                INDArray ys = spec.bBatched() ? y.reshape(batch, br, bc) : y.reshape(br, bc);
                INDArray zs = out.reshape(batch, m, n);
                for (int i = 0; i < batch; i++) {
                    Nd4j.gemm(
                            spec.aBatched() ? xs.slice(i) : xs,
                            spec.bBatched() ? ys.slice(i) : ys,
                            zs.slice(i),
                            ta,
                            tb,
                            1.0,
                            0.0);
                }
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    @Override
    public Storage permute(Storage a, int[] shape, int[] perm) {
        Nd4jStorage s = nd4j(a);
        if (s.size() == 0) {
            return Nd4jStorage.empty(s.dtype());
        }
        if (shape.length < 2) {
            return Nd4jStorage.owning(s.dtype(), s.array().dup('c'));
        }
        return Nd4jStorage.owning(s.dtype(), view(s, shape).permute(perm).dup('c'));
    }

    @Override
    public Storage concat(Storage[] parts, long outer, long[] sizes, long inner) {
        long total = 0;
        int nonEmpty = 0;
        for (int p = 0; p < parts.length; p++) {
            total += sizes[p];
            if (sizes[p] * outer * inner > 0) {
                nonEmpty++;
            }
        }
        if (outer * total * inner == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        INDArray[] inputs = new INDArray[nonEmpty];
        int j = 0;
        for (int p = 0; p < parts.length; p++) {
            if (sizes[p] * outer * inner > 0) {
                inputs[j++] = nd4j(parts[p]).array().reshape(outer, sizes[p], inner);
            }
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, outer * total * inner);
        try {
            if (nonEmpty == 1) {
                out.reshape(outer, total, inner).assign(inputs[0]);
            } else {
                Nd4j.exec(DynamicCustomOp.builder("concat")
                        .addInputs(inputs)
                        .addOutputs(out.reshape(outer, total, inner))
                        .addIntegerArguments(1)
                        .build());
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    @Override
    public Storage scatterAddRows(Storage src, int cols, Storage ids, int rows) {
        Storage out = zeros(DType.FLOAT32, (long) rows * cols);
        try {
            scatterAddRowsInto(out, rows, cols, ids, src);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return out;
    }

    /**
     * Straight into the target's native memory through a direct buffer, one row at a time in the order
     * of {@code i}: the reference's order, so the same bits on every run. libnd4j's scatter_add may race
     * on repeated ids when it runs threads, and unsorted_segment_sum makes a view per row.
     */
    @Override
    public void scatterAddRowsInto(Storage target, int rows, int cols, Storage ids, Storage src) {
        Nd4jStorage idx = nd4j(ids);
        Nd4jStorage s = nd4j(src);
        if (idx.size() == 0 || cols == 0) {
            return;
        }
        int[] r = idx.dtype() == DType.INT64
                ? toInts(idx.array().data().asLong())
                : idx.array().data().asInt();
        FloatBuffer from = s.array().data().asNioFloat();
        FloatBuffer to = nd4j(target).array().data().asNioFloat();
        float[] row = new float[cols];
        float[] acc = new float[cols];
        for (int i = 0; i < r.length; i++) {
            if (r[i] < 0) {
                continue;
            }
            from.get(i * cols, row);
            int oo = r[i] * cols;
            to.get(oo, acc);
            for (int c = 0; c < cols; c++) {
                acc[c] += row[c];
            }
            to.put(oo, acc);
        }
    }

    private static int[] toInts(long[] ids) {
        int[] r = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            r[i] = (int) ids[i];
        }
        return r;
    }

    @Override
    public Storage maskedFill(Storage a, int[] shape, Storage mask, int[] maskShape, float value) {
        Nd4jStorage s = nd4j(a);
        if (s.size() == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        INDArray x = view(s, shape);
        long[] full = x.shape();
        INDArray cond = Nd4j.createUninitialized(
                DataType.BOOL, view(nd4j(mask), maskShape).shape());
        try (INDArray zero = Nd4j.scalar(0f)) {
            Nd4j.exec(DynamicCustomOp.builder("not_equals")
                    .addInputs(view(nd4j(mask), maskShape), zero)
                    .addOutputs(cond)
                    .build());
            if (!java.util.Arrays.equals(cond.shape(), full)) {
                INDArray expanded = Nd4j.createUninitialized(DataType.BOOL, full);
                try (INDArray shapeArg = Nd4j.createFromArray(full)) {
                    Nd4j.exec(DynamicCustomOp.builder("broadcast_to")
                            .addInputs(cond, shapeArg)
                            .addOutputs(expanded)
                            .build());
                } finally {
                    cond.close();
                    cond = expanded;
                }
            }
            // A copy of x with value where the mask holds: owned by the new storage.
            return Nd4jStorage.owning(DType.FLOAT32, x.putWhereWithMask(cond, value));
        } finally {
            cond.close();
        }
    }

    @Override
    public void copyInto(Storage target, Storage src) {
        Nd4jStorage t = nd4j(target);
        if (t.size() == 0) {
            return;
        }
        flat(t.array()).assign(flat(nd4j(src).array()));
    }

    // ---- composites, fused ------------------------------------------------------------------------

    /** libnd4j's softmax along dimension 1 of {@code [outer, dim, inner]}: -inf gives weight 0, an all -inf row NaN. */
    @Override
    public Storage softmax(Storage a, long outer, long dim, long inner) {
        return softmaxOp("softmax", a, outer, dim, inner);
    }

    @Override
    public Storage logSoftmax(Storage a, long outer, long dim, long inner) {
        return softmaxOp("log_softmax", a, outer, dim, inner);
    }

    private Storage softmaxOp(String name, Storage a, long outer, long dim, long inner) {
        Nd4jStorage s = nd4j(a);
        if (s.size() == 0) {
            return Nd4jStorage.empty(DType.FLOAT32);
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, s.size());
        try {
            Nd4j.exec(DynamicCustomOp.builder(name)
                    .addInputs(s.array().reshape(outer, dim, inner))
                    .addOutputs(out.reshape(outer, dim, inner))
                    .addIntegerArguments(1)
                    .build());
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return Nd4jStorage.owning(DType.FLOAT32, out);
    }

    @Override
    public void accumulate(Storage target, Storage src) {
        Nd4jStorage t = nd4j(target);
        if (t.size() == 0) {
            return;
        }
        flat(t.array()).addi(flat(nd4j(src).array()));
    }

    /**
     * Adam in place with libnd4j's in-place ops, in the SPI's order of float operations (every scalar
     * rounded to float first); two temporaries of the parameter's size, freed before returning.
     */
    @Override
    public void adamStep(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, AdamStep st) {
        Nd4jStorage ps = nd4j(param);
        if (ps.size() == 0) {
            return;
        }
        INDArray p = flat(ps.array());
        INDArray g = flat(nd4j(grad).array());
        INDArray m = flat(nd4j(expAvg).array());
        INDArray v = flat(nd4j(expAvgSq).array());
        if (st.decayFactor() != 1.0) {
            p.muli((float) st.decayFactor());
        }
        try (INDArray t = p.ulike();
                INDArray u = p.ulike()) {
            INDArray gg = g;
            if (st.l2() != 0.0) {
                p.mul((float) st.l2(), u).addi(g); // g + l2 * p
                gg = u;
            }
            m.muli((float) st.beta1()).addi(gg.mul((float) (1 - st.beta1()), t));
            gg.mul((float) (1 - st.beta2()), t).muli(gg);
            v.muli((float) st.beta2()).addi(t);
            Nd4j.exec(new Sqrt(v, t));
            t.divi((float) st.biasCorrection2Sqrt()).addi((float) st.eps()); // denom
            m.mul((float) -st.stepSize(), u).divi(t);
            p.addi(u);
        }
    }

    /** The array as a vector (a view, no copy). */
    private static INDArray flat(INDArray array) {
        return array.rank() == 1 ? array : array.reshape(array.length());
    }

    /** {@code storage}'s array seen in {@code shape}; a 0-d shape is seen as {@code [1]}. */
    private static INDArray view(Nd4jStorage storage, int[] shape) {
        return view(storage.array(), shape);
    }

    private static INDArray view(INDArray array, int[] shape) {
        if (shape.length == 0) {
            return array.reshape(1L);
        }
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = shape[i];
        }
        return array.reshape(s);
    }

    private static Nd4jStorage nd4j(Storage s) {
        if (!(s instanceof Nd4jStorage)) {
            throw new IllegalArgumentException("the nd4j backend got storage of another backend: "
                    + s.getClass().getName());
        }
        return (Nd4jStorage) s;
    }
}
