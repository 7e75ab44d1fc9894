package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * The kernels that write into an existing storage, element-wise over contiguous segments of {@link #seg}:
 * {@link #COPY} {@code t = s}, {@link #ACCUMULATE} {@code t += s}, and {@link #ADAM} one Adam/AdamW step of
 * parameter {@code t} with gradient {@code s} and moments {@code m}, {@code v}, in the float operations and
 * order of the default composite (each scalar rounded to float on the host; division and square root in
 * double, rounded once, which is the correctly rounded float result).
 */
final class InPlaceKernel extends Kernel {
    static final int COPY = 0;
    static final int ACCUMULATE = 1;
    static final int ADAM = 2;

    float[] t = new float[1];
    float[] s = new float[1];
    float[] m = new float[1];
    float[] v = new float[1];
    int n;
    int seg = 1;
    int items;
    int mode;
    int decay;
    int l2;
    float decayFactor;
    float l2Factor;
    float beta1;
    float oneMinusBeta1;
    float beta2;
    float oneMinusBeta2;
    float biasCorrection2Sqrt;
    float eps;
    float negStepSize;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int k0 = g * seg;
            int k1 = k0 + seg;
            if (k1 > n) {
                k1 = n;
            }
            if (mode == COPY) {
                for (int i = k0; i < k1; i++) {
                    t[i] = s[i];
                }
            } else if (mode == ACCUMULATE) {
                for (int i = k0; i < k1; i++) {
                    t[i] = t[i] + s[i];
                }
            } else {
                for (int i = k0; i < k1; i++) {
                    adam(i);
                }
            }
        }
    }

    private void adam(int i) {
        float p = t[i];
        if (decay == 1) {
            p = p * decayFactor;
        }
        float grad = s[i];
        if (l2 == 1) {
            float pl = p * l2Factor;
            grad = grad + pl;
        }
        float m1 = m[i] * beta1;
        float m2 = grad * oneMinusBeta1;
        float mNew = m1 + m2;
        float v1 = v[i] * beta2;
        float v2 = grad * oneMinusBeta2;
        float v3 = v2 * grad;
        float vNew = v1 + v3;
        float root = (float) sqrt((double) vNew);
        float scaled = (float) ((double) root / (double) biasCorrection2Sqrt);
        float denom = scaled + eps;
        float stepped = mNew * negStepSize;
        float update = (float) ((double) stepped / (double) denom);
        t[i] = p + update;
        m[i] = mNew;
        v[i] = vNew;
    }
}
