package org.llmfromscratch.models.attention;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.Module;
import org.llmfromscratch.api.nn.Parameter;

/**
 * The book's {@code SelfAttention_v1}: three {@code [d_in, d_out]} weight matrices drawn with
 * {@code torch.rand} (query, key, value, in that order); for inputs {@code [T, d_in]},
 * {@code softmax(Q K^T / sqrt(d_out)) V}.
 */
public class SelfAttentionV1 extends Module {
    private final Parameter wQuery;
    private final Parameter wKey;
    private final Parameter wValue;

    /** {@code SelfAttention_v1(d_in, d_out)} drawing from {@code generator}. */
    public SelfAttentionV1(Backend backend, int dIn, int dOut, Generator generator) {
        this.wQuery = registerParameter("W_query", backend.rand(generator, dIn, dOut), true);
        this.wKey = registerParameter("W_key", backend.rand(generator, dIn, dOut), true);
        this.wValue = registerParameter("W_value", backend.rand(generator, dIn, dOut), true);
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor keys = x.matmul(wKey.value());
        Tensor queries = x.matmul(wQuery.value());
        Tensor values = x.matmul(wValue.value());
        Tensor scores = queries.matmulTransposed(keys);
        Tensor weights = scores.div(Math.sqrt(keys.size(-1))).softmax(-1);
        return weights.matmul(values);
    }
}
