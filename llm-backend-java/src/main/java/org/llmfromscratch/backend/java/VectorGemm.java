package org.llmfromscratch.backend.java;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM micro-kernel with the Vector API: 4 rows x 3 vectors of accumulators (12 registers), one
 * broadcast of A and three loads of the packed panel per step, FMAs throughout. Loaded only when
 * {@code jdk.incubator.vector} is in the boot layer (see {@link Gemm}).
 */
final class VectorGemm extends Gemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 3 * L;

    @Override
    int nr() {
        return NR;
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
        if (rows == MR) {
            four(a, a0, rs, ps, panel, po, kc, c, c0, ldc, first);
        } else {
            for (int r = 0; r < rows; r++) {
                one(a, a0 + r * rs, ps, panel, po, kc, c, c0 + r * ldc, first);
            }
        }
    }

    private static void four(
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
            boolean first) {
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00, x01, x02, x10, x11, x12, x20, x21, x22, x30, x31, x32;
        if (first) {
            FloatVector z = FloatVector.zero(S);
            x00 = z;
            x01 = z;
            x02 = z;
            x10 = z;
            x11 = z;
            x12 = z;
            x20 = z;
            x21 = z;
            x22 = z;
            x30 = z;
            x31 = z;
            x32 = z;
        } else {
            x00 = FloatVector.fromArray(S, c, c0);
            x01 = FloatVector.fromArray(S, c, c0 + L);
            x02 = FloatVector.fromArray(S, c, c0 + 2 * L);
            x10 = FloatVector.fromArray(S, c, c1);
            x11 = FloatVector.fromArray(S, c, c1 + L);
            x12 = FloatVector.fromArray(S, c, c1 + 2 * L);
            x20 = FloatVector.fromArray(S, c, c2);
            x21 = FloatVector.fromArray(S, c, c2 + L);
            x22 = FloatVector.fromArray(S, c, c2 + 2 * L);
            x30 = FloatVector.fromArray(S, c, c3);
            x31 = FloatVector.fromArray(S, c, c3 + L);
            x32 = FloatVector.fromArray(S, c, c3 + 2 * L);
        }
        int pa = a0;
        int pb = po;
        for (int p = 0; p < kc; p++, pa += ps, pb += NR) {
            FloatVector b0 = FloatVector.fromArray(S, panel, pb);
            FloatVector b1 = FloatVector.fromArray(S, panel, pb + L);
            FloatVector b2 = FloatVector.fromArray(S, panel, pb + 2 * L);
            FloatVector v = FloatVector.broadcast(S, a[pa]);
            x00 = b0.fma(v, x00);
            x01 = b1.fma(v, x01);
            x02 = b2.fma(v, x02);
            v = FloatVector.broadcast(S, a[pa + rs]);
            x10 = b0.fma(v, x10);
            x11 = b1.fma(v, x11);
            x12 = b2.fma(v, x12);
            v = FloatVector.broadcast(S, a[pa + 2 * rs]);
            x20 = b0.fma(v, x20);
            x21 = b1.fma(v, x21);
            x22 = b2.fma(v, x22);
            v = FloatVector.broadcast(S, a[pa + 3 * rs]);
            x30 = b0.fma(v, x30);
            x31 = b1.fma(v, x31);
            x32 = b2.fma(v, x32);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + L);
        x02.intoArray(c, c0 + 2 * L);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + L);
        x12.intoArray(c, c1 + 2 * L);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + L);
        x22.intoArray(c, c2 + 2 * L);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + L);
        x32.intoArray(c, c3 + 2 * L);
    }

    private static void one(
            float[] a, int a0, int ps, float[] panel, int po, int kc, float[] c, int c0, boolean first) {
        FloatVector x0;
        FloatVector x1;
        FloatVector x2;
        if (first) {
            x0 = FloatVector.zero(S);
            x1 = x0;
            x2 = x0;
        } else {
            x0 = FloatVector.fromArray(S, c, c0);
            x1 = FloatVector.fromArray(S, c, c0 + L);
            x2 = FloatVector.fromArray(S, c, c0 + 2 * L);
        }
        int pa = a0;
        int pb = po;
        for (int p = 0; p < kc; p++, pa += ps, pb += NR) {
            FloatVector v = FloatVector.broadcast(S, a[pa]);
            x0 = FloatVector.fromArray(S, panel, pb).fma(v, x0);
            x1 = FloatVector.fromArray(S, panel, pb + L).fma(v, x1);
            x2 = FloatVector.fromArray(S, panel, pb + 2 * L).fma(v, x2);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        x2.intoArray(c, c0 + 2 * L);
    }

    @Override
    float dot(float[] a, int ao, float[] b, int bo, int k) {
        FloatVector x0 = FloatVector.zero(S);
        FloatVector x1 = x0;
        int p = 0;
        for (; p + 2 * L <= k; p += 2 * L) {
            x0 = FloatVector.fromArray(S, a, ao + p).fma(FloatVector.fromArray(S, b, bo + p), x0);
            x1 = FloatVector.fromArray(S, a, ao + p + L).fma(FloatVector.fromArray(S, b, bo + p + L), x1);
        }
        float sum = x0.add(x1).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; p < k; p++) {
            sum += a[ao + p] * b[bo + p];
        }
        return sum;
    }

    @Override
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector a = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xo + i)
                    .fma(a, FloatVector.fromArray(S, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    @Override
    void addInto(float[] t, int to, float[] s, int so, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, t, to + i)
                    .add(FloatVector.fromArray(S, s, so + i))
                    .intoArray(t, to + i);
        }
        for (; i < n; i++) {
            t[to + i] += s[so + i];
        }
    }

    @Override
    String describe() {
        return "Vector API GEMM 4x" + NR;
    }
}
