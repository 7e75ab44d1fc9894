package org.llmfromscratch.backend.java;

import org.llmfromscratch.api.spi.BinaryOp;

/**
 * Element-wise {@code a op b} with NumPy broadcasting on row-major arrays. Dimensions of size 1 are
 * dropped and neighbouring dimensions that both operands walk contiguously (or both broadcast) are merged,
 * so that {@code [B, T, C] + [C]} is rows of {@code C} and {@code x * scalar} is one flat run. The output is
 * then walked in runs along the last merged dimension, each operand with its own stride (1, or 0 where it
 * is broadcast: the common cases get loops of their own), runs split across threads; no operand is ever
 * expanded in memory.
 */
final class Broadcast {
    /** Elements per unit of work when long runs are split across threads. */
    private static final int CHUNK = 1 << 14;

    private Broadcast() {}

    /** Writes every element of {@code out} (sized to {@code outShape}). */
    static void apply(
            BinaryOp op,
            float[] a,
            int[] aShape,
            float[] b,
            int[] bShape,
            int[] outShape,
            float[] out,
            RowSplitter splitter) {
        int total = out.length;
        if (total == 0) {
            return;
        }
        int[] as = strides(aShape, outShape);
        int[] bs = strides(bShape, outShape);
        // Merge dimensions, innermost first.
        int rank = outShape.length;
        int[] shape = new int[rank];
        int[] sa = new int[rank];
        int[] sb = new int[rank];
        int g = -1;
        for (int d = rank - 1; d >= 0; d--) {
            if (outShape[d] == 1) {
                continue;
            }
            if (g >= 0 && as[d] == sa[g] * shape[g] && bs[d] == sb[g] * shape[g]) {
                shape[g] *= outShape[d];
                continue;
            }
            g++;
            shape[g] = outShape[d];
            sa[g] = as[d];
            sb[g] = bs[d];
        }
        int dims = g + 1; // merged dims, innermost at index 0
        if (dims == 0) {
            out[0] = op.apply(a[0], b[0]);
            return;
        }
        int cols = shape[0];
        int rows = total / cols;
        int chunksPerRow = (cols + CHUNK - 1) / CHUNK;
        int unit = (cols + chunksPerRow - 1) / chunksPerRow;
        int sa0 = sa[0];
        int sb0 = sb[0];
        long items = (long) rows * chunksPerRow;
        splitter.forEach((int) items, splitter.worthSplitting(total), (from, to) -> {
            for (int it = from; it < to; it++) {
                int r = it / chunksPerRow;
                int c0 = (it % chunksPerRow) * unit;
                int c1 = Math.min(cols, c0 + unit);
                int ao = 0;
                int bo = 0;
                int rest = r;
                for (int d = 1; d < dims; d++) {
                    int i = rest % shape[d];
                    rest /= shape[d];
                    ao += i * sa[d];
                    bo += i * sb[d];
                }
                row(op, out, r * cols + c0, a, ao + c0 * sa0, sa0, b, bo + c0 * sb0, sb0, c1 - c0);
            }
        });
    }

    private static void row(
            BinaryOp op, float[] out, int o, float[] a, int ao, int sa, float[] b, int bo, int sb, int n) {
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] + b[bo + k];
                    }
                }
                case SUB -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] - b[bo + k];
                    }
                }
                case MUL -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] * b[bo + k];
                    }
                }
                case DIV -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] / b[bo + k];
                    }
                }
                default -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = op.apply(a[ao + k], b[bo + k]);
                    }
                }
            }
        } else if (sa == 1 && sb == 0) {
            float y = b[bo];
            switch (op) {
                case ADD -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] + y;
                    }
                }
                case SUB -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] - y;
                    }
                }
                case MUL -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] * y;
                    }
                }
                case DIV -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = a[ao + k] / y;
                    }
                }
                default -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = op.apply(a[ao + k], y);
                    }
                }
            }
        } else if (sa == 0 && sb == 1) {
            float x = a[ao];
            switch (op) {
                case ADD -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = x + b[bo + k];
                    }
                }
                case SUB -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = x - b[bo + k];
                    }
                }
                case MUL -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = x * b[bo + k];
                    }
                }
                case DIV -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = x / b[bo + k];
                    }
                }
                default -> {
                    for (int k = 0; k < n; k++) {
                        out[o + k] = op.apply(x, b[bo + k]);
                    }
                }
            }
        } else {
            for (int k = 0; k < n; k++) {
                out[o + k] = op.apply(a[ao + k * sa], b[bo + k * sb]);
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
