package org.llmfromscratch.api.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * The default implementations of {@link Kernels}' composite methods, built only from its primitives, so a
 * backend gets softmax, gradient accumulation and optimizer steps by implementing the primitives alone.
 * Every temporary storage is released before returning.
 */
final class Composites {
    private Composites() {}

    static Storage softmax(Kernels k, Storage a, long outer, long dim, long inner, boolean log) {
        int[] full = {Math.toIntExact(outer), Math.toIntExact(dim), Math.toIntExact(inner)};
        int[] reduced = {full[0], 1, full[2]};
        try (Temps t = new Temps()) {
            Storage max = t.add(k.reduce(ReduceOp.MAX, a, outer, dim, inner));
            Storage shifted = t.add(k.broadcast(BinaryOp.SUB, a, full, max, reduced, full));
            Storage exp = t.add(k.unary(UnaryOp.EXP, shifted));
            Storage sum = t.add(k.reduce(ReduceOp.SUM, exp, outer, dim, inner));
            if (log) {
                Storage logSum = t.add(k.unary(UnaryOp.LOG, sum));
                return k.broadcast(BinaryOp.SUB, shifted, full, logSum, reduced, full);
            }
            return k.broadcast(BinaryOp.DIV, exp, full, sum, reduced, full);
        }
    }

    static void copyIntoRows(
            Kernels k, Storage target, long outer, long rows, long inner, long start, Storage src, long srcRows) {
        try (Temps t = new Temps()) {
            List<Storage> parts = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            if (start > 0) {
                parts.add(t.add(k.slice(target, outer, rows, inner, 0, start)));
                sizes.add(start);
            }
            parts.add(src);
            sizes.add(srcRows);
            if (start + srcRows < rows) {
                parts.add(t.add(k.slice(target, outer, rows, inner, start + srcRows, rows)));
                sizes.add(rows - start - srcRows);
            }
            Storage whole = t.add(k.concat(
                    parts.toArray(new Storage[0]),
                    outer,
                    sizes.stream().mapToLong(Long::longValue).toArray(),
                    inner));
            k.copyInto(target, whole);
        }
    }

    static Storage cachedAttention(Kernels k, Storage q, Storage kk, Storage v, int capacity, AttentionSpec s) {
        if (capacity == s.keys()) {
            return k.attention(q, kk, v, s);
        }
        try (Temps t = new Temps()) {
            long bh = s.batchHeads();
            long d = s.headDim();
            Storage keys = t.add(k.slice(kk, bh, capacity, d, 0, s.keys()));
            Storage values = t.add(k.slice(v, bh, capacity, d, 0, s.keys()));
            return k.attention(q, keys, values, s);
        }
    }

    static void accumulate(Kernels k, Storage target, Storage src) {
        int[] shape = {Math.toIntExact(target.size())};
        Storage sum = k.broadcast(BinaryOp.ADD, target, shape, src, shape, shape);
        try {
            k.copyInto(target, sum);
        } finally {
            sum.release();
        }
    }

    static void adamStep(Kernels k, Storage param, Storage grad, Storage expAvg, Storage expAvgSq, AdamStep s) {
        int[] shape = {Math.toIntExact(param.size())};
        try (Temps t = new Temps()) {
            Ops o = new Ops(k, shape, t);
            Storage p = s.decayFactor() == 1.0 ? param : o.scale(param, s.decayFactor());
            Storage g = s.l2() == 0.0 ? grad : o.bin(BinaryOp.ADD, grad, o.scale(p, s.l2()));
            Storage m = o.bin(BinaryOp.ADD, o.scale(expAvg, s.beta1()), o.scale(g, 1 - s.beta1()));
            Storage v = o.bin(
                    BinaryOp.ADD, o.scale(expAvgSq, s.beta2()), o.bin(BinaryOp.MUL, o.scale(g, 1 - s.beta2()), g));
            Storage denom = o.scalarOp(
                    BinaryOp.ADD,
                    o.scalarOp(BinaryOp.DIV, t.add(k.unary(UnaryOp.SQRT, v)), s.biasCorrection2Sqrt()),
                    s.eps());
            Storage update = o.bin(BinaryOp.DIV, o.scale(m, -s.stepSize()), denom);
            Storage next = o.bin(BinaryOp.ADD, p, update);
            k.copyInto(param, next);
            k.copyInto(expAvg, m);
            k.copyInto(expAvgSq, v);
        }
    }

    /** The attention weights {@code softmax(mask(Q K^T) / sqrt(D))}, {@code [BH, Tq, Tk]}. */
    private static Storage weights(Kernels k, Storage q, Storage kk, AttentionSpec s, Temps t) {
        int bh = s.batchHeads();
        int tq = s.queries();
        int tk = s.keys();
        int[] full = {bh, tq, tk};
        Storage scores = t.add(k.matmul(q, kk, new MatmulSpec(bh, tq, s.headDim(), tk, false, true, true, true)));
        if (s.causal()) {
            float[] mask = new float[tq * tk];
            for (int i = 0; i < tq; i++) {
                for (int j = i + s.causalOffset() + 1; j < tk; j++) {
                    mask[i * tk + j] = 1f;
                }
            }
            Storage m = t.add(k.fromFloats(mask));
            scores = t.add(k.maskedFill(scores, full, m, new int[] {1, tq, tk}, Float.NEGATIVE_INFINITY));
        }
        Storage divisor = t.add(k.fromFloats(new float[] {(float) Math.sqrt(s.headDim())}));
        Storage scaled = t.add(k.broadcast(BinaryOp.DIV, scores, full, divisor, new int[] {1, 1, 1}, full));
        return t.add(k.softmax(scaled, (long) bh * tq, tk, 1));
    }

    static Storage attention(Kernels k, Storage q, Storage kk, Storage v, AttentionSpec s) {
        try (Temps t = new Temps()) {
            Storage w = weights(k, q, kk, s, t);
            return k.matmul(
                    w, v, new MatmulSpec(s.batchHeads(), s.queries(), s.keys(), s.headDim(), false, false, true, true));
        }
    }

    static Storage[] attentionBackward(Kernels k, Storage q, Storage kk, Storage v, Storage dOut, AttentionSpec s) {
        int bh = s.batchHeads();
        int tq = s.queries();
        int tk = s.keys();
        int d = s.headDim();
        int[] full = {bh, tq, tk};
        int[] rows = {bh, tq, 1};
        try (Temps t = new Temps()) {
            Storage p = weights(k, q, kk, s, t);
            Storage dv = k.matmul(p, dOut, new MatmulSpec(bh, tk, tq, d, true, false, true, true));
            Storage dp = t.add(k.matmul(dOut, v, new MatmulSpec(bh, tq, d, tk, false, true, true, true)));
            Storage dpp = t.add(k.broadcast(BinaryOp.MUL, dp, full, p, full, full));
            Storage rowSum = t.add(k.reduce(ReduceOp.SUM, dpp, (long) bh * tq, tk, 1));
            Storage centered = t.add(k.broadcast(BinaryOp.SUB, dp, full, rowSum, rows, full));
            Storage ds = t.add(k.broadcast(BinaryOp.MUL, p, full, centered, full, full));
            Storage divisor = t.add(k.fromFloats(new float[] {(float) Math.sqrt(d)}));
            Storage dsScaled = t.add(k.broadcast(BinaryOp.DIV, ds, full, divisor, new int[] {1, 1, 1}, full));
            Storage dq = k.matmul(dsScaled, kk, new MatmulSpec(bh, tq, tk, d, false, false, true, true));
            Storage dk = k.matmul(dsScaled, q, new MatmulSpec(bh, tk, tq, d, true, false, true, true));
            return new Storage[] {dq, dk, dv};
        }
    }

    /** Element-wise helpers over one flat shape, each result registered as a temporary. */
    private static final class Ops {
        private static final int[] ONE = {1};
        private final Kernels k;
        private final int[] shape;
        private final Temps temps;

        Ops(Kernels k, int[] shape, Temps temps) {
            this.k = k;
            this.shape = shape;
            this.temps = temps;
        }

        Storage scalar(double value) {
            return temps.add(k.fromFloats(new float[] {(float) value}));
        }

        Storage scale(Storage a, double factor) {
            return scalarOp(BinaryOp.MUL, a, factor);
        }

        Storage scalarOp(BinaryOp op, Storage a, double value) {
            return temps.add(k.broadcast(op, a, shape, scalar(value), ONE, shape));
        }

        Storage bin(BinaryOp op, Storage a, Storage b) {
            return temps.add(k.broadcast(op, a, shape, b, shape, shape));
        }
    }

    /** Storages to release together. */
    private static final class Temps implements AutoCloseable {
        private final List<Storage> all = new ArrayList<>();

        Storage add(Storage s) {
            all.add(s);
            return s;
        }

        @Override
        public void close() {
            all.forEach(Storage::release);
        }
    }
}
