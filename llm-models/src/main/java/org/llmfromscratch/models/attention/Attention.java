package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.Tensor;

/** The checks every attention module makes on its arguments, with messages that name the bad value. */
final class Attention {
    private Attention() {}

    static void checkDropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + p);
        }
    }

    /** {@code x} must be {@code [B, T, dIn]} with {@code T <= contextLength}. */
    static void checkInput(Tensor x, int dIn, int contextLength) {
        if (x.dim() != 3 || x.size(2) != dIn) {
            throw new IllegalArgumentException(
                    "attention expects inputs of shape [batch, tokens, " + dIn + "], got " + x.shape());
        }
        if (x.size(1) > contextLength) {
            throw new IllegalArgumentException(
                    "the input has " + x.size(1) + " tokens, more than the context length " + contextLength);
        }
    }
}
