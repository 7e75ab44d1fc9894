package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * Every element-wise kernel in one class: {@code out = a op b} with NumPy broadcasting for every
 * {@link org.llmfromscratch.api.spi.BinaryOp} (codes 0-7, in the enum's order), masked fill (code
 * {@link #MASKED_FILL}: {@link #value} where {@code b != 0}, else {@code a}) and the unary operations
 * (codes {@link #UNARY} + {@link org.llmfromscratch.api.spi.UnaryOp#ordinal()}, {@code b} unused).
 *
 * <p>Work item {@code g} owns output row {@code g / segs} (the last dimension) and its contiguous segment
 * {@code g % segs} of {@link #seg} elements, so a long 1-D operand still spreads over many work items.
 * Each operand's offset is built from the row's multi-index and the operand's strides, 0 along a
 * broadcast dimension, so nothing is expanded in memory.
 *
 * <p>Rounding follows the Java reference ({@code BinaryOp.apply}, {@code UnaryOp.apply}): transcendental
 * functions, division, square root and {@code pow} are computed in double and rounded to float once (the
 * device needs {@code cl_khr_fp64}); every float multiply and add is its own statement, so the OpenCL
 * compiler does not contract them into an fma the reference does not do.
 */
final class BroadcastKernel extends Kernel {
    static final int MASKED_FILL = 8;
    static final int UNARY = 16;

    float[] out = new float[1];
    float[] a = new float[1];
    float[] b = new float[1];
    /** The output shape, rank {@link #rank} (at least 1). */
    int[] shape = new int[1];

    int[] aStrides = new int[1];
    int[] bStrides = new int[1];
    int rank = 1;
    int cols;
    int seg = 1;
    int segs = 1;
    int items;
    int op;
    float value;
    /** {@code UnaryOp.GELU_C}, passed in: a static field of another class cannot be read in OpenCL. */
    float geluC;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int r = g / segs;
            int s = g - r * segs;
            int ao = 0;
            int bo = 0;
            int rest = r;
            for (int d = rank - 2; d >= 0; d--) {
                int extent = shape[d];
                int i = rest % extent;
                rest = rest / extent;
                ao += i * aStrides[d];
                bo += i * bStrides[d];
            }
            int sa = aStrides[rank - 1];
            int sb = bStrides[rank - 1];
            int o = r * cols;
            int k0 = s * seg;
            int k1 = k0 + seg;
            if (k1 > cols) {
                k1 = cols;
            }
            for (int k = k0; k < k1; k++) {
                out[o + k] = apply(op, a[ao + k * sa], b[bo + k * sb]);
            }
        }
    }

    private float apply(int code, float x, float y) {
        float r = 0f;
        if (code == 0) {
            r = x + y;
        } else if (code == 1) {
            r = x - y;
        } else if (code == 2) {
            r = x * y;
        } else if (code == 3) {
            r = (float) ((double) x / (double) y);
        } else if (code == 4) {
            r = power(x, y);
        } else if (code == 5) {
            r = maximum(x, y);
        } else if (code == 6) {
            r = x == y ? 1f : 0f;
        } else if (code == 7) {
            r = x > y ? 1f : 0f;
        } else if (code == MASKED_FILL) {
            r = y != 0f ? value : x;
        } else {
            r = unary(code - UNARY, x);
        }
        return r;
    }

    private float power(float x, float y) {
        float r = 0f;
        if (y == 2f) {
            r = x * x;
        } else if (y == 3f) {
            float x2 = x * x;
            r = x2 * x;
        } else if (y == 1f) {
            r = x;
        } else if (y == 0.5f) {
            r = (float) sqrt((double) x);
        } else {
            r = (float) pow((double) x, (double) y);
        }
        return r;
    }

    /** {@code Math.max}: NaN if either is NaN, and +0 above -0. */
    private float maximum(float x, float y) {
        float r = 0f;
        if (x != x || y != y) {
            r = x + y;
        } else if (x > y) {
            r = x;
        } else if (y > x) {
            r = y;
        } else if (x == 0f) {
            r = x + y;
        } else {
            r = x;
        }
        return r;
    }

    private float unary(int code, float x) {
        float r = 0f;
        if (code == 0) {
            r = -x;
        } else if (code == 1) {
            r = x < 0f ? -x : (x == 0f ? 0f : x);
        } else if (code == 2) {
            r = x > 0f ? 1f : (x < 0f ? -1f : x);
        } else if (code == 3) {
            r = (float) exp((double) x);
        } else if (code == 4) {
            r = (float) log((double) x);
        } else if (code == 5) {
            r = (float) sqrt((double) x);
        } else if (code == 6) {
            r = (float) tanhD((double) x);
        } else if (code == 7) {
            r = x > 0f || x != x ? x : 0f;
        } else if (code == 8) {
            r = x > 0f ? 1f : 0f;
        } else if (code == 9) {
            r = gelu(x);
        } else {
            r = geluGrad(x);
        }
        return r;
    }

    private float geluTanh(float x) {
        float x2 = x * x;
        float x3 = x2 * x;
        float c3 = 0.044715f * x3;
        float inner = x + c3;
        float arg = geluC * inner;
        return (float) tanhD((double) arg);
    }

    private float gelu(float x) {
        float t = geluTanh(x);
        float halfOfX = 0.5f * x;
        float onePlus = 1f + t;
        return halfOfX * onePlus;
    }

    private float geluGrad(float x) {
        float t = geluTanh(x);
        float onePlus = 1f + t;
        float left = 0.5f * onePlus;
        float halfX = 0.5f * x;
        float t2 = t * t;
        float oneMinus = 1f - t2;
        float m1 = halfX * oneMinus;
        float m2 = m1 * geluC;
        float c = 3f * 0.044715f;
        float cx = c * x;
        float cxx = cx * x;
        float poly = 1f + cxx;
        float right = m2 * poly;
        return left + right;
    }

    /** {@code tanh} in double (OpenCL's is not exposed by Aparapi): a series near 0, else from exp. */
    private double tanhD(double y) {
        double r = 0;
        if (y != y) {
            r = y;
        } else {
            double ay = y < 0 ? -y : y;
            if (ay < 0.01) {
                double y2 = y * y;
                r = y * (1.0 - y2 * (1.0 / 3.0 - y2 * (2.0 / 15.0 - y2 * (17.0 / 315.0))));
            } else if (ay > 20.0) {
                r = y < 0 ? -1.0 : 1.0;
            } else {
                double e = exp(-2.0 * ay);
                double t = (1.0 - e) / (1.0 + e);
                r = y < 0 ? -t : t;
            }
        }
        return r;
    }
}
