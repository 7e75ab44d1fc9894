package org.llmfromscratch.backend.java;

/**
 * The GEMM micro-kernel without the Vector API: 4 rows x 64 columns accumulated in four scratch rows that
 * stay in L1. Each step copies one panel row to a scratch row, so that every array in the inner loop is
 * indexed by the loop variable alone: C2 vectorizes that loop (it does not when arrays are read at
 * different offsets, since it cannot prove they do not overlap).
 */
final class ScalarGemm extends Gemm {
    private static final int NR = 64;

    @Override
    int nr() {
        return NR;
    }

    @Override
    Object scratch() {
        return new float[MR + 1][NR];
    }

    @Override
    void kernel(
            float[] a,
            int a0,
            int rs,
            int ps,
            float[] panel,
            int po,
            int kc,
            float[] c,
            int c0,
            int ldc,
            int rows,
            boolean first,
            Object scratch) {
        float[][] s = (float[][]) scratch;
        float[] brow = s[MR];
        for (int r = 0; r < rows; r++) {
            if (first) {
                java.util.Arrays.fill(s[r], 0f);
            } else {
                System.arraycopy(c, c0 + r * ldc, s[r], 0, NR);
            }
        }
        int pa = a0;
        if (rows == MR) {
            float[] acc0 = s[0];
            float[] acc1 = s[1];
            float[] acc2 = s[2];
            float[] acc3 = s[3];
            for (int p = 0; p < kc; p++, pa += ps) {
                System.arraycopy(panel, po + p * NR, brow, 0, NR);
                float v0 = a[pa];
                float v1 = a[pa + rs];
                float v2 = a[pa + 2 * rs];
                float v3 = a[pa + 3 * rs];
                for (int j = 0; j < NR; j++) {
                    float bj = brow[j];
                    acc0[j] += v0 * bj;
                    acc1[j] += v1 * bj;
                    acc2[j] += v2 * bj;
                    acc3[j] += v3 * bj;
                }
            }
        } else {
            for (int r = 0; r < rows; r++) {
                float[] acc = s[r];
                int par = pa + r * rs;
                for (int p = 0; p < kc; p++, par += ps) {
                    System.arraycopy(panel, po + p * NR, brow, 0, NR);
                    float v = a[par];
                    for (int j = 0; j < NR; j++) {
                        acc[j] += v * brow[j];
                    }
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s[r], 0, c, c0 + r * ldc, NR);
        }
    }

    @Override
    String describe() {
        return "scalar GEMM 4x" + NR;
    }
}
