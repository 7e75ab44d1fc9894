package org.llmfromscratch.models.attention;

import java.util.List;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Dropout;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Module;

/**
 * The book's {@code MultiHeadAttention(d_in, d_out, context_length, dropout, num_heads, qkv_bias)}: one
 * projection each for queries, keys and values ({@code W_query}, {@code W_key}, {@code W_value}) split into
 * {@code num_heads} heads of {@code d_out / num_heads} with view and transpose, causal scores scaled by
 * {@code 1 / sqrt(head_dim)}, dropout on the weights, heads merged back and projected by {@code out_proj}
 * (with bias). Weights are drawn in that order, as PyTorch does.
 *
 * <p>{@link #forward(Tensor, KeyValueCache)} appends the new positions' keys and values to a cache and
 * attends over all of them, for generation one token at a time.
 */
public class MultiHeadAttention extends Module {
    private final Linear wQuery;
    private final Linear wKey;
    private final Linear wValue;
    private final Linear outProj;
    private final Dropout dropout;
    private final int dIn;
    private final int dOut;
    private final int numHeads;
    private final int headDim;
    private final int contextLength;

    /** Draws {@code W_query}, {@code W_key}, {@code W_value}, {@code out_proj} from {@code generator}. */
    public MultiHeadAttention(
            Backend backend,
            int dIn,
            int dOut,
            int contextLength,
            double dropout,
            int numHeads,
            boolean qkvBias,
            Generator generator) {
        if (numHeads < 1 || dOut % numHeads != 0) {
            throw new IllegalArgumentException(
                    "d_out must be divisible by num_heads: d_out " + dOut + ", num_heads " + numHeads);
        }
        Attention.checkDropout(dropout);
        this.dIn = dIn;
        this.dOut = dOut;
        this.numHeads = numHeads;
        this.headDim = dOut / numHeads;
        this.contextLength = contextLength;
        this.wQuery = registerModule("W_query", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.wKey = registerModule("W_key", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.wValue = registerModule("W_value", new Linear(backend, dIn, dOut, qkvBias, generator));
        this.outProj = registerModule("out_proj", new Linear(backend, dOut, dOut, true, generator));
        this.dropout = registerModule("dropout", new Dropout(dropout, generator));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * Attention of {@code x} ({@code [B, T, d_in]}) over the cached positions and itself; the new keys and
     * values are appended to {@code cache} (null: no cache). With a cache, {@code T} plus the cached length
     * must not exceed the context length.
     */
    public Tensor forward(Tensor x, KeyValueCache cache) {
        Attention.checkInput(x, dIn, Integer.MAX_VALUE);
        int cached = cache == null ? 0 : cache.length();
        int b = x.size(0);
        int t = x.size(1);
        if (cached + t > contextLength) {
            throw new IllegalArgumentException("the input has " + (cached + t) + " tokens"
                    + (cached > 0 ? " (" + cached + " cached + " + t + " new)" : "") + ", more than the context length "
                    + contextLength);
        }
        try (TensorScope scope = TensorScope.open()) { // frees the intermediates; the graph keeps what it needs
            return scope.keep(attend(x, cache, cached, b, t));
        }
    }

    private Tensor attend(Tensor x, KeyValueCache cache, int cached, int b, int t) {
        Tensor keys = heads(wKey.forward(x), b, t);
        Tensor queries = heads(wQuery.forward(x), b, t);
        Tensor values = heads(wValue.forward(x), b, t);
        Tensor context;
        if (cache == null) {
            context = ScaledDotProduct.causal(queries, keys, values, 0, dropout);
        } else if (dropout.isTraining() && dropout.p() > 0 || NoGrad.isGradEnabled() && keys.requiresGrad()) {
            // Dropout on the weights or a gradient to the new keys: attend over a copy of the cached positions
            // followed by the new ones, so the graph reaches them; the cache gets them without a graph.
            Tensor allKeys =
                    cached == 0 ? keys : Tensor.cat(List.of(cache.keys().slice(2, 0, cached), keys), 2);
            Tensor allValues =
                    cached == 0 ? values : Tensor.cat(List.of(cache.values().slice(2, 0, cached), values), 2);
            cache.append(keys.detach(), values.detach(), contextLength);
            context = ScaledDotProduct.causal(queries, allKeys, allValues, cached, dropout);
        } else {
            // Generation: the new keys and values are written into the cache, and attention reads it in place.
            cache.append(keys, values, contextLength);
            context =
                    Functional.scaledDotProductAttention(queries, cache.keys(), cache.values(), cached, cache.length());
        }
        Tensor merged = context.transpose(1, 2).contiguous().view(b, t, dOut);
        return outProj.forward(merged);
    }

    /** {@code [B, T, d_out]} viewed as {@code [B, T, heads, head_dim]} and transposed to {@code [B, heads, T, head_dim]}. */
    private Tensor heads(Tensor projected, int b, int t) {
        return projected.view(b, t, numHeads, headDim).transpose(1, 2);
    }

    /** {@code num_heads}. */
    public int numHeads() {
        return numHeads;
    }

    /** The output projection. */
    public Linear outProj() {
        return outProj;
    }
}
