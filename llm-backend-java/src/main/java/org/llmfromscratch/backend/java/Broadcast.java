package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.spi.BinaryOp;

/**
 * Element-wise {@code a op b} with NumPy broadcasting on row-major arrays. The output is walked row by
 * row (the last dimension); each operand's offset advances with its own stride, which is 0 along a
 * broadcast dimension, so no operand is ever expanded in memory.
 */
final class Broadcast {
    private Broadcast() {
    }

    /** Writes every element of {@code out} (sized to {@code outShape}). */
    static void apply(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, int[] outShape, float[] out,
            RowSplitter splitter) {
        int rank = outShape.length;
        long total = out.length;
        if (total == 0) {
            return;
        }
        if (rank == 0) {
            out[0] = op.apply(a[0], b[0]);
            return;
        }
        int[] as = strides(aShape, outShape);
        int[] bs = strides(bShape, outShape);
        int cols = outShape[rank - 1];
        int rows = (int) (total / cols);
        int sa = as[rank - 1];
        int sb = bs[rank - 1];
        splitter.forEachRow(rows, cols, (from, to) -> {
            for (int r = from; r < to; r++) {
                int ao = 0;
                int bo = 0;
                int rest = r;
                for (int d = rank - 2; d >= 0; d--) {
                    int i = rest % outShape[d];
                    rest /= outShape[d];
                    ao += i * as[d];
                    bo += i * bs[d];
                }
                row(op, out, r * cols, a, ao, sa, b, bo, sb, cols);
            }
        });
    }

    private static void row(BinaryOp op, float[] out, int o, float[] a, int ao, int sa, float[] b, int bo, int sb,
            int n) {
        switch (op) {
            case ADD -> {
                for (int k = 0; k < n; k++) {
                    out[o + k] = a[ao + k * sa] + b[bo + k * sb];
                }
            }
            case SUB -> {
                for (int k = 0; k < n; k++) {
                    out[o + k] = a[ao + k * sa] - b[bo + k * sb];
                }
            }
            case MUL -> {
                for (int k = 0; k < n; k++) {
                    out[o + k] = a[ao + k * sa] * b[bo + k * sb];
                }
            }
            case DIV -> {
                for (int k = 0; k < n; k++) {
                    out[o + k] = a[ao + k * sa] / b[bo + k * sb];
                }
            }
            default -> {
                for (int k = 0; k < n; k++) {
                    out[o + k] = op.apply(a[ao + k * sa], b[bo + k * sb]);
                }
            }
        }
    }

    /** Row-major strides of {@code shape}, with 0 where it is broadcast (size 1 against a larger output). */
    private static int[] strides(int[] shape, int[] out) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = shape[d] == 1 && out[d] != 1 ? 0 : stride;
            stride *= shape[d];
        }
        return s;
    }
}
