package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Dropout;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Module;

/**
 * The book's {@code CausalAttention(d_in, d_out, context_length, dropout, qkv_bias)}: inputs
 * {@code [B, T, d_in]}; scores above the diagonal are filled with {@code -inf} before the softmax, so a
 * token attends only to itself and earlier tokens; dropout on the attention weights.
 */
public class CausalAttention extends Module {
    private final Linear wQuery;
    private final Linear wKey;
    private final Linear wValue;
    private final Dropout dropout;
    private final int contextLength;
    private final int dIn;

    /** Draws the projections (query, key, value) from {@code generator}; dropout masks come from it too. */
    public CausalAttention(
            Backend backend,
            int dIn,
            int dOut,
            int contextLength,
            double dropout,
            boolean qkvBias,
            Generator generator) {
        Attention.checkDropout(dropout);
        this.dIn = dIn;
        this.wQuery = registerModule("W_query", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.wKey = registerModule("W_key", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.wValue = registerModule("W_value", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.dropout = registerModule("dropout", new Dropout(dropout, generator));
        this.contextLength = contextLength;
    }

    @Override
    public Tensor forward(Tensor x) {
        Attention.checkInput(x, dIn, contextLength);
        Tensor keys = wKey.forward(x);
        Tensor queries = wQuery.forward(x);
        Tensor values = wValue.forward(x);
        int t = x.size(-2);
        Tensor scores = queries.matmulTransposed(keys);
        try (Tensor mask = CausalMask.of(x.backend(), t)) {
            Tensor weights = scores.maskedFill(mask, Double.NEGATIVE_INFINITY)
                    .div(Math.sqrt(keys.size(-1)))
                    .softmax(-1);
            return dropout.forward(weights).matmul(values);
        }
    }
}
