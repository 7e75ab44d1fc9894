package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * {@code out[b] = op(a[b]) @ op(b[b])}: work item {@code g} owns {@link #block} neighbouring output
 * elements of one row, {@code out[bt, i, j0 .. j0 + block)}, and adds {@code op(a)[i, p] * op(b)[p, j]}
 * over {@code p = 0 .. k-1} in float, in the order of the reference (each product rounded, then added:
 * separate statements, so no fma contraction). Transposes, batching and a shared operand are strides:
 * {@code op(a)[i, p] = a[aOff + i * aRow + p * aCol]}, {@code op(b)[p, j] = b[bOff + p * bRow + j * bCol]},
 * with a batch stride of 0 for a shared operand. Blocking reuses each {@code op(a)[i, p]} for
 * {@code block} columns, which PoCL keeps in a register.
 */
final class MatmulKernel extends Kernel {
    static final int BLOCK = 4;

    float[] a = new float[1];
    float[] b = new float[1];
    float[] out = new float[1];
    int m;
    int k;
    int n;
    int aRow;
    int aCol;
    int aBatch;
    int bRow;
    int bCol;
    int bBatch;
    /** Column blocks per output row: {@code ceil(n / BLOCK)}, or {@code ceil(n / seg)} in row mode. */
    int nBlocks;

    int items;
    /**
     * 1: row mode, for an untransposed {@code b} on a CPU device: work item {@code g} owns {@link #seg}
     * neighbouring outputs of one row and adds {@code op(a)[i, p] * b[p, j0 ..]} into them for each
     * {@code p} in turn (the reference's i-k-j loop, unit stride, which PoCL vectorizes); {@link #out}
     * must hold zeros.
     */
    int rowMode;

    int seg = 1;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items && rowMode == 1) {
            int rowIndex = g / nBlocks;
            int jb = g - rowIndex * nBlocks;
            int bt = rowIndex / m;
            int i = rowIndex - bt * m;
            int j0 = jb * seg;
            int j1 = j0 + seg;
            if (j1 > n) {
                j1 = n;
            }
            int aBase = bt * aBatch + i * aRow;
            int bBase = bt * bBatch;
            int o = rowIndex * n;
            for (int p = 0; p < k; p++) {
                float av = a[aBase + p * aCol];
                int bp = bBase + p * bRow;
                for (int j = j0; j < j1; j++) {
                    float prod = av * b[bp + j];
                    out[o + j] = out[o + j] + prod;
                }
            }
        } else if (g < items) {
            int rowIndex = g / nBlocks;
            int jb = g - rowIndex * nBlocks;
            int bt = rowIndex / m;
            int i = rowIndex - bt * m;
            int j0 = jb * BLOCK;
            int aBase = bt * aBatch + i * aRow;
            int bBase = bt * bBatch + j0 * bCol;
            int o = rowIndex * n + j0;
            if (j0 + BLOCK <= n) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int p = 0; p < k; p++) {
                    float av = a[aBase + p * aCol];
                    int bp = bBase + p * bRow;
                    float p0 = av * b[bp];
                    float p1 = av * b[bp + bCol];
                    float p2 = av * b[bp + 2 * bCol];
                    float p3 = av * b[bp + 3 * bCol];
                    s0 = s0 + p0;
                    s1 = s1 + p1;
                    s2 = s2 + p2;
                    s3 = s3 + p3;
                }
                out[o] = s0;
                out[o + 1] = s1;
                out[o + 2] = s2;
                out[o + 3] = s3;
            } else {
                for (int j = j0; j < n; j++) {
                    float s = 0f;
                    int bj = bBase + (j - j0) * bCol;
                    for (int p = 0; p < k; p++) {
                        float prod = a[aBase + p * aCol] * b[bj + p * bRow];
                        s = s + prod;
                    }
                    out[o + j - j0] = s;
                }
            }
        }
    }
}
