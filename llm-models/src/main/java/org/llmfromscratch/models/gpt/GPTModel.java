package org.llmfromscratch.models.gpt;

import java.util.List;
import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.api.nn.Dropout;
import org.llmfromscratch.api.nn.Embedding;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.LayerNorm;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Module;
import org.llmfromscratch.api.nn.ModuleList;
import org.llmfromscratch.models.attention.KeyValueCache;

/**
 * The book's {@code GPTModel(cfg)}: {@code tok_emb}, {@code pos_emb}, {@code drop_emb},
 * {@code trf_blocks} ({@code n_layers} {@link TransformerBlock}s), {@code final_norm} and
 * {@code out_head = Linear(d, vocab, bias=False)}; {@code forward(ids [B, T])} gives logits
 * {@code [B, T, vocab]}. Weights are drawn from the generator in PyTorch's order, so with
 * {@code new Generator(123)} this is {@code torch.manual_seed(123); GPTModel(cfg)}, and training-mode
 * forwards draw their dropout masks from the same generator, in PyTorch's order.
 *
 * <p>With a tied output head ({@link #tied}) the logits use {@code tok_emb.weight} (GPT-2's published
 * checkpoints do this): 124,412,160 parameters for GPT-2 124M instead of 163,009,536.
 */
public class GPTModel extends Module {
    private final GPTConfig config;
    private final Embedding tokEmb;
    private final Embedding posEmb;
    private final Dropout dropEmb;
    private final ModuleList<TransformerBlock> blocks = new ModuleList<>();
    private final LayerNorm finalNorm;
    private final Linear outHead;

    /** {@code GPTModel(cfg)} drawing from {@code generator}, with its own output head (as the book's). */
    public GPTModel(Backend backend, GPTConfig config, Generator generator) {
        this(backend, config, generator, false);
    }

    private GPTModel(Backend backend, GPTConfig config, Generator generator, boolean tiedHead) {
        this.config = config;
        this.tokEmb =
                registerModule("tok_emb", new Embedding(backend, config.vocabSize(), config.embeddingDim(), generator));
        this.posEmb = registerModule(
                "pos_emb", new Embedding(backend, config.contextLength(), config.embeddingDim(), generator));
        this.dropEmb = registerModule("drop_emb", new Dropout(config.dropRate(), generator));
        registerModule("trf_blocks", blocks);
        for (int i = 0; i < config.numLayers(); i++) {
            blocks.add(new TransformerBlock(backend, config, generator));
        }
        this.finalNorm = registerModule("final_norm", new LayerNorm(backend, config.embeddingDim()));
        this.outHead = tiedHead
                ? null
                : registerModule(
                        "out_head", new Linear(backend, config.embeddingDim(), config.vocabSize(), false, generator));
    }

    /**
     * A model whose output head is {@code tok_emb.weight} (no {@code out_head} parameter), as GPT-2's
     * published weights; drawn from {@code generator} like the untied model without the head.
     */
    public static GPTModel tied(Backend backend, GPTConfig config, Generator generator) {
        return new GPTModel(backend, config, generator, true);
    }

    /** The configuration. */
    public GPTConfig config() {
        return config;
    }

    /** True when the output head is the token-embedding table. */
    public boolean isTied() {
        return outHead == null;
    }

    @Override
    public Tensor forward(Tensor ids) {
        return forward(ids, null);
    }

    /**
     * Logits for {@code ids} {@code [B, T]} placed after the positions already in {@code caches} (one
     * {@link KeyValueCache} per block, or null for no cache).
     *
     * @throws IllegalArgumentException for ids outside the vocabulary, or more positions than the context
     */
    public Tensor forward(Tensor ids, List<KeyValueCache> caches) {
        if (ids.dim() != 2) {
            throw new IllegalArgumentException("GPTModel expects token ids [batch, tokens], got shape " + ids.shape());
        }
        int offset = caches == null || caches.isEmpty() ? 0 : caches.get(0).length();
        int t = ids.size(1);
        if (offset + t > config.contextLength()) {
            throw new IllegalArgumentException("the input has " + (offset + t) + " tokens"
                    + (offset > 0 ? " (" + offset + " cached + " + t + " new)" : "") + ", more than the context length "
                    + config.contextLength()
                    + "; keep the last " + config.contextLength() + " tokens");
        }
        try (TensorScope scope = TensorScope.open()) { // frees the intermediates; the graph keeps what it needs
            Tensor pos = offset == 0
                    ? posEmb.weight().value()
                    : posEmb.weight().value().slice(0, offset, offset + t);
            Tensor x = dropEmb.forward(
                    Functional.inputEmbedding(ids, tokEmb.weight().value(), pos));
            for (int i = 0; i < blocks.size(); i++) {
                Tensor next = blocks.get(i).forward(x, caches == null ? null : caches.get(i));
                x.close(); // each block's input is freed as soon as the next block's output exists
                x = next;
            }
            x = finalNorm.forward(x);
            return scope.keep(
                    outHead == null ? Functional.linear(x, tokEmb.weight().value(), null) : outHead.forward(x));
        }
    }

    /** The transformer blocks. */
    public List<TransformerBlock> blocks() {
        return blocks.modules();
    }

    /** The token-embedding table. */
    public Embedding tokenEmbedding() {
        return tokEmb;
    }
}
