package org.llmfromscratch.backend.java;

/**
 * The GEMM micro-kernel without the Vector API: 4 rows x 16 columns accumulated in a scratch block that
 * stays in L1, the column loop written over two arrays at the same index so that C2 vectorizes it.
 */
final class ScalarGemm extends Gemm {
    private static final int NR = 16;

    @Override
    int nr() {
        return NR;
    }

    @Override
    void kernel(float[] a, int a0, int rs, int ps, float[] panel, int po, int kc, float[] c, int c0, int ldc,
            int rows, boolean first) {
        float[] acc = new float[MR * NR];
        if (!first) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, c0 + r * ldc, acc, r * NR, NR);
            }
        }
        float[] brow = new float[NR];
        int pa = a0;
        for (int p = 0; p < kc; p++, pa += ps) {
            System.arraycopy(panel, po + p * NR, brow, 0, NR);
            for (int r = 0; r < rows; r++) {
                float av = a[pa + r * rs];
                int o = r * NR;
                for (int j = 0; j < NR; j++) {
                    acc[o + j] += av * brow[j];
                }
            }
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(acc, r * NR, c, c0 + r * ldc, NR);
        }
    }

    @Override
    String describe() {
        return "scalar GEMM 4x" + NR;
    }
}
