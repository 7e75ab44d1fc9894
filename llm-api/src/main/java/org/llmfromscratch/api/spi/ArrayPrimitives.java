package org.llmfromscratch.api.spi;

/**
 * Plain single-threaded loops for the primitive kernels on Java arrays: the reference semantics of
 * {@link Kernels}, used by {@link ArrayKernels} and overridden by backends with faster versions.
 */
public final class ArrayPrimitives {
    private ArrayPrimitives() {}

    /** {@code out[i] = op(a[i])}. */
    public static void unary(UnaryOp op, float[] a, float[] out, int from, int to) {
        switch (op) {
            case NEG -> {
                for (int i = from; i < to; i++) {
                    out[i] = -a[i];
                }
            }
            case EXP -> {
                for (int i = from; i < to; i++) {
                    out[i] = (float) Math.exp(a[i]);
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    out[i] = op.apply(a[i]);
                }
            }
        }
    }

    /** Element-wise {@code a op b} with broadcasting, by the generic stride walk. */
    public static void broadcast(
            BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, int[] outShape, float[] out) {
        int rank = outShape.length;
        int[] as = broadcastStrides(aShape, outShape);
        int[] bs = broadcastStrides(bShape, outShape);
        int[] idx = new int[rank];
        int ao = 0;
        int bo = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(a[ao], b[bo]);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                ao += as[d];
                bo += bs[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                ao -= as[d] * idx[d];
                bo -= bs[d] * idx[d];
                idx[d] = 0;
            }
        }
    }

    /** Row-major strides of {@code shape}, with 0 where it is broadcast against {@code out}. */
    public static int[] broadcastStrides(int[] shape, int[] out) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = shape[d] == 1 && out[d] != 1 ? 0 : stride;
            stride *= shape[d];
        }
        return s;
    }

    /** A reduction of {@code [outer, dim, inner]} to {@code [outer, inner]} for outer rows {@code [from, to)}. */
    public static void reduce(ReduceOp op, float[] a, int dim, int inner, float[] out, int from, int to) {
        for (int o = from; o < to; o++) {
            int base = o * dim * inner;
            for (int j = 0; j < inner; j++) {
                if (op == ReduceOp.SUM) {
                    double s = 0;
                    for (int d = 0; d < dim; d++) {
                        s += a[base + d * inner + j];
                    }
                    out[o * inner + j] = (float) s;
                } else {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int d = 0; d < dim; d++) {
                        float v = a[base + d * inner + j];
                        if (v > m || Float.isNaN(v)) {
                            m = v;
                            if (Float.isNaN(v)) {
                                break;
                            }
                        }
                    }
                    out[o * inner + j] = m;
                }
            }
        }
    }

    /** Matrix products for batches {@code [from, to)}, each output row accumulated in float as i-k-j loops. */
    public static void matmul(float[] a, float[] b, MatmulSpec s, float[] out, int from, int to) {
        int m = s.m();
        int k = s.k();
        int n = s.n();
        float[] row = new float[n];
        for (int bt = from; bt < to; bt++) {
            int aOff = s.aBatched() ? bt * m * k : 0;
            int bOff = s.bBatched() ? bt * k * n : 0;
            int oOff = bt * m * n;
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(row, 0f);
                for (int p = 0; p < k; p++) {
                    float av = s.transA() ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    if (s.transB()) {
                        for (int j = 0; j < n; j++) {
                            row[j] += av * b[bOff + j * k + p];
                        }
                    } else {
                        int bRow = bOff + p * n;
                        for (int j = 0; j < n; j++) {
                            row[j] += av * b[bRow + j];
                        }
                    }
                }
                System.arraycopy(row, 0, out, oOff + i * n, n);
            }
        }
    }

    /** {@code a.permute(perm).contiguous()} for floats; the innermost output dimension is the inner loop. */
    public static void permute(float[] src, int[] shape, int[] perm, float[] dst) {
        int[] map = sourceIndices(shape, perm);
        for (int i = 0; i < map.length; i++) {
            dst[i] = src[map[i]];
        }
    }

    /** {@code a.permute(perm).contiguous()} for int or long arrays. */
    public static void permute(Object src, int[] shape, int[] perm, Object dst) {
        int[] map = sourceIndices(shape, perm);
        for (int i = 0; i < map.length; i++) {
            System.arraycopy(src, map[i], dst, i, 1);
        }
    }

    /** The source index of every element of the permuted output, in output order. */
    public static int[] sourceIndices(int[] shape, int[] perm) {
        int rank = shape.length;
        int[] srcStrides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            srcStrides[d] = stride;
            stride *= shape[d];
        }
        int[] outShape = new int[rank];
        int[] walk = new int[rank];
        for (int d = 0; d < rank; d++) {
            outShape[d] = shape[perm[d]];
            walk[d] = srcStrides[perm[d]];
        }
        int[] map = new int[stride];
        int[] idx = new int[rank];
        int so = 0;
        for (int i = 0; i < map.length; i++) {
            map[i] = so;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                so += walk[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                so -= walk[d] * idx[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    /** {@code torch.cat} of {@code [outer, sizes[p], inner]} parts along the middle dimension. */
    public static void concat(float[][] parts, int outer, long[] sizes, int inner, float[] out) {
        long total = 0;
        for (long s : sizes) {
            total += s;
        }
        int o = 0;
        for (int i = 0; i < outer; i++) {
            for (int p = 0; p < parts.length; p++) {
                int len = (int) (sizes[p] * inner);
                System.arraycopy(parts[p], i * len, out, o, len);
                o += len;
            }
        }
        assert o == outer * total * inner;
    }

    /** {@code out[ids[i], :] += src[i, :]} in the order of {@code i} (ids of -1 skipped). */
    public static void scatterAddRows(float[] src, int cols, int[] ids, float[] out) {
        for (int i = 0; i < ids.length; i++) {
            int r = ids[i];
            if (r < 0) {
                continue;
            }
            int so = i * cols;
            int oo = r * cols;
            for (int c = 0; c < cols; c++) {
                out[oo + c] += src[so + c];
            }
        }
    }

    /** {@code value} where the broadcast mask is non-zero, else {@code a}. */
    public static void maskedFill(float[] a, int[] shape, float[] mask, int[] maskShape, float value, float[] out) {
        int rank = shape.length;
        int[] ms = broadcastStrides(maskShape, shape);
        int[] idx = new int[rank];
        int mo = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = mask[mo] != 0f ? value : a[i];
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                mo += ms[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                mo -= ms[d] * idx[d];
                idx[d] = 0;
            }
        }
    }
}
