package org.llmfromscratch.backend.aparapi;

import com.aparapi.Kernel;

/**
 * Softmax or log-softmax along the middle dimension of {@code [outer, dim, inner]}, fused: work item
 * {@code g} owns line {@code (o, j)} and makes three passes, with the composite's roundings (the float
 * maximum, {@code x - max} in float, {@code exp} in double rounded to float, their sum in double rounded
 * to float, then {@code exp / sum} or {@code (x - max) - log(sum)}).
 */
final class SoftmaxKernel extends Kernel {
    float[] a = new float[1];
    float[] out = new float[1];
    int dim;
    int inner;
    int items;
    int logMode;

    @Override
    public void run() {
        int g = getGlobalId();
        if (g < items) {
            int o = g / inner;
            int j = g - o * inner;
            int base = o * dim * inner + j;
            float m = a[base];
            for (int d = 1; d < dim; d++) {
                float v = a[base + d * inner];
                if (v > m || v != v) {
                    if (m == m) {
                        m = v;
                    }
                }
            }
            double s = 0;
            for (int d = 0; d < dim; d++) {
                float shifted = a[base + d * inner] - m;
                float e = (float) exp((double) shifted);
                s += e;
            }
            float sum = (float) s;
            if (logMode == 1) {
                float logSum = (float) log((double) sum);
                for (int d = 0; d < dim; d++) {
                    float shifted = a[base + d * inner] - m;
                    out[base + d * inner] = shifted - logSum;
                }
            } else {
                for (int d = 0; d < dim; d++) {
                    float shifted = a[base + d * inner] - m;
                    float e = (float) exp((double) shifted);
                    out[base + d * inner] = (float) ((double) e / (double) sum);
                }
            }
        }
    }
}
