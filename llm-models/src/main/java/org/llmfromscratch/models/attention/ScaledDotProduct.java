package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Dropout;

/**
 * Causal scaled dot-product attention as the book computes it: {@code scores = Q K^T}, masked above the
 * diagonal with {@code -inf}, divided by {@code sqrt(head_dim)}, softmax over the keys, dropout, times
 * {@code V}. Queries are the last {@code Tq} positions of {@code Tk = offset + Tq} keys (with a cache).
 * Without active dropout this is {@link org.llmfromscratch.api.Functional#scaledDotProductAttention}, one
 * operation a backend may fuse; with dropout the weights must exist to be dropped, so it is composed.
 */
public final class ScaledDotProduct {
    private ScaledDotProduct() {}

    /** {@code q} {@code [..., Tq, D]}, {@code k} and {@code v} {@code [..., Tk, D]}; queries start at position {@code offset}. */
    public static Tensor causal(Tensor q, Tensor k, Tensor v, int offset, Dropout dropout) {
        if (dropout == null || !dropout.isTraining() || dropout.p() == 0) {
            // No dropout on the weights: one fused operation, which a backend may run without the [Tq, Tk] matrix.
            return org.llmfromscratch.api.Functional.scaledDotProductAttention(q, k, v, offset);
        }
        int tq = q.size(-2);
        int tk = k.size(-2);
        Tensor scores = q.matmulTransposed(k);
        try (Tensor mask = CausalMask.of(q.backend(), tq, tk, offset)) {
            Tensor weights = scores.maskedFill(mask, Double.NEGATIVE_INFINITY)
                    .div(Math.sqrt(k.size(-1)))
                    .softmax(-1);
            return (dropout == null ? weights : dropout.forward(weights)).matmul(v);
        }
    }
}
