package org.llmfromscratch.conformance;

/**
 * Plain, obviously-correct loops over Java arrays: the reference the differential tests compare every
 * backend with. Deliberately naive (index arithmetic spelled out, no fast paths) and independent of
 * every backend.
 */
public final class ReferenceKernels {
    private ReferenceKernels() {}

    /** {@code table[ids]} for a {@code [rows, cols]} table. */
    public static float[] gatherRows(float[] table, int cols, long[] ids) {
        float[] out = new float[ids.length * cols];
        for (int i = 0; i < ids.length; i++) {
            for (int c = 0; c < cols; c++) {
                out[i * cols + c] = table[(int) ids[i] * cols + c];
            }
        }
        return out;
    }

    /** {@code tok[ids[b, t]] + pos[t]} for ids {@code [batch, seq]}. */
    public static float[] inputEmbedding(float[] tok, float[] pos, int cols, long[] ids, int seq) {
        float[] out = new float[ids.length * cols];
        for (int i = 0; i < ids.length; i++) {
            int t = i % seq;
            for (int c = 0; c < cols; c++) {
                out[i * cols + c] = tok[(int) ids[i] * cols + c] + pos[t * cols + c];
            }
        }
        return out;
    }

    /** The broadcast shape of {@code a} and {@code b}, or null if they do not broadcast. */
    public static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromEnd(a, rank - 1 - i);
            int db = dimFromEnd(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = Math.max(da, db) == 1 ? 1 : (da == 1 ? db : da);
        }
        return out;
    }

    /** {@code a + b} (or {@code a - b} when {@code subtract}) with broadcasting, element by element. */
    public static float[] broadcast(float[] a, int[] aShape, float[] b, int[] bShape, boolean subtract) {
        int[] out = broadcastShape(aShape, bShape);
        int n = 1;
        for (int d : out) {
            n *= d;
        }
        float[] result = new float[n];
        int[] index = new int[out.length];
        for (int flat = 0; flat < n; flat++) {
            int rest = flat;
            for (int d = out.length - 1; d >= 0; d--) {
                index[d] = rest % out[d];
                rest /= out[d];
            }
            float x = a[offset(index, aShape)];
            float y = b[offset(index, bShape)];
            result[flat] = subtract ? x - y : x + y;
        }
        return result;
    }

    private static int offset(int[] outIndex, int[] shape) {
        int off = 0;
        int lead = outIndex.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            int i = shape[d] == 1 ? 0 : outIndex[lead + d];
            off = off * shape[d] + i;
        }
        return off;
    }

    private static int dimFromEnd(int[] shape, int k) {
        return k < shape.length ? shape[shape.length - 1 - k] : 1;
    }

    /** Sum in double. */
    public static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    /** L2 norm in double. */
    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.sqrt(s);
    }

    /** {@code src[..., start:end, ...]} along {@code dim} of {@code shape}. */
    public static float[] slice(float[] src, int[] shape, int dim, int start, int end) {
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < dim; d++) {
            outer *= shape[d];
        }
        for (int d = dim + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int len = end - start;
        float[] out = new float[outer * len * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < len; i++) {
                for (int k = 0; k < inner; k++) {
                    out[(o * len + i) * inner + k] = src[(o * shape[dim] + start + i) * inner + k];
                }
            }
        }
        return out;
    }
}
