package org.llmfromscratch.models.gpt;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Dropout;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.LayerNorm;
import org.llmfromscratch.api.nn.Module;
import org.llmfromscratch.models.attention.KeyValueCache;
import org.llmfromscratch.models.attention.MultiHeadAttention;

/**
 * The book's pre-norm {@code TransformerBlock}: {@code x = x + drop_shortcut(att(norm1(x)))}, then
 * {@code x = x + drop_shortcut(ff(norm2(x)))}. Children: {@code att}, {@code ff}, {@code norm1},
 * {@code norm2}, {@code drop_shortcut}.
 */
public class TransformerBlock extends Module {
    private final MultiHeadAttention att;
    private final FeedForward ff;
    private final LayerNorm norm1;
    private final LayerNorm norm2;
    private final Dropout dropShortcut;

    /** Draws the attention's weights, then the feed-forward's, from {@code generator}. */
    public TransformerBlock(Backend backend, GPTConfig cfg, Generator generator) {
        int d = cfg.embeddingDim();
        this.att = registerModule(
                "att",
                new MultiHeadAttention(
                        backend, d, d, cfg.contextLength(), cfg.dropRate(), cfg.numHeads(), cfg.qkvBias(), generator));
        this.ff = registerModule("ff", new FeedForward(backend, d, generator));
        this.norm1 = registerModule("norm1", new LayerNorm(backend, d));
        this.norm2 = registerModule("norm2", new LayerNorm(backend, d));
        this.dropShortcut = registerModule("drop_shortcut", new Dropout(cfg.dropRate(), generator));
    }

    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** The block with the attention's key-value cache (null for none). */
    public Tensor forward(Tensor x, KeyValueCache cache) {
        try (TensorScope scope = TensorScope.open()) { // frees the intermediates; the graph keeps what it needs
            Tensor h = x.add(dropShortcut.forward(att.forward(norm1.forward(x), cache)));
            return scope.keep(h.add(dropShortcut.forward(ff.forward(norm2.forward(h)))));
        }
    }

    /** The attention layer. */
    public MultiHeadAttention attention() {
        return att;
    }
}
