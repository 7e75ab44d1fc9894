package org.llmfromscratch.models.generate;

import org.llmfromscratch.api.Generator;

/**
 * The choice of the next token from one row of logits, as the book's {@code generate} makes it, on the
 * host in float32: top-k (logits below the k-th largest become {@code -inf}), top-p (the smallest set of
 * most likely tokens whose probability reaches p), division by the temperature, softmax, then
 * {@code torch.multinomial(probs, 1)}; or the arg-max when the temperature is 0.
 */
public final class Sampling {
    private Sampling() {}

    /** {@code torch.argmax(logits)}: the first largest. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best] || (Float.isNaN(logits[i]) && !Float.isNaN(logits[best]))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * {@code torch.multinomial(probs, 1)} with PyTorch's CPU algorithm: for each category in order one
     * 53-bit uniform {@code u}, {@code q = -log(1 - u)} rounded to float, and the sample is the first
     * arg-max of {@code probs[i] / q}.
     */
    public static int multinomial(float[] probs, Generator generator) {
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < probs.length; i++) {
            float q = (float) -Math.log(1 - generator.nextDouble());
            float v = probs[i] / q;
            if (best < 0 || v > bestValue) {
                best = i;
                bestValue = v;
            }
        }
        return best;
    }

    /** {@code torch.softmax(logits, 0)} in float32, computed as {@code exp(x - max) / sum} in double, rounded. */
    public static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            e[i] = Math.exp((double) logits[i] - max);
            sum += e[i];
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }

    /** Logits below the k-th largest set to {@code -inf}, as the book's top-k filter (ties at the k-th stay). */
    public static float[] topK(float[] logits, int k) {
        if (k < 1 || k > logits.length) {
            throw new IllegalArgumentException("topK must be in 1.." + logits.length + ", got " + k);
        }
        float[] sorted = logits.clone();
        java.util.Arrays.sort(sorted);
        float min = sorted[sorted.length - k];
        float[] out = logits.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < min) {
                out[i] = Float.NEGATIVE_INFINITY;
            }
        }
        return out;
    }

    /**
     * Nucleus filtering: keeps the most likely tokens whose cumulative probability first reaches {@code p}
     * (at least one), others set to {@code -inf}; as Hugging Face's {@code TopPLogitsWarper}.
     */
    public static float[] topP(float[] logits, double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + p);
        }
        float[] probs = softmax(logits);
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(probs[b], probs[a]));
        float[] out = logits.clone();
        double cumulative = 0;
        int kept = 0;
        for (Integer i : order) {
            if (kept > 0 && cumulative >= p) {
                out[i] = Float.NEGATIVE_INFINITY;
            } else {
                cumulative += probs[i];
                kept++;
            }
        }
        return out;
    }
}
