package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Module;

/**
 * The book's {@code SelfAttention_v2}: the projections are {@code nn.Linear(d_in, d_out, bias=qkv_bias)}
 * (query, key, value); for inputs {@code [T, d_in]}, {@code softmax(Q K^T / sqrt(d_out)) V}.
 */
public class SelfAttentionV2 extends Module {
    private final Linear wQuery;
    private final Linear wKey;
    private final Linear wValue;

    /** {@code SelfAttention_v2(d_in, d_out, qkv_bias)} drawing from {@code generator}. */
    public SelfAttentionV2(Backend backend, int dIn, int dOut, boolean qkvBias, Generator generator) {
        this.wQuery = registerModule("W_query", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.wKey = registerModule("W_key", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.wValue = registerModule("W_value", new Linear(backend, dIn, dOut, qkvBias, generator));
    }

    @Override
    public Tensor forward(Tensor x) {
        return attentionWeights(x).matmul(wValue.forward(x));
    }

    /** The attention weights {@code softmax(Q K^T / sqrt(d_out))}, {@code [T, T]}. */
    public Tensor attentionWeights(Tensor x) {
        Tensor keys = wKey.forward(x);
        Tensor queries = wQuery.forward(x);
        return queries.matmulTransposed(keys).div(Math.sqrt(keys.size(-1))).softmax(-1);
    }

    /** The query projection. */
    public Linear query() {
        return wQuery;
    }

    /** The key projection. */
    public Linear key() {
        return wKey;
    }

    /** The value projection. */
    public Linear value() {
        return wValue;
    }
}
