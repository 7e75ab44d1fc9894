package org.llmfromscratch.api.nn;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Functional;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;

/**
 * The input layer of a GPT model: token embeddings plus positional embeddings,
 * {@code tok_emb(ids) + pos_emb(arange(T))}, broadcast over the batch. For ids {@code [B, T]} the
 * result is {@code [B, T, embeddingDim]}; ids {@code [T]} give {@code [T, embeddingDim]}.
 *
 * <p>Parameters are {@code tok_emb.weight} {@code [vocab, dim]} and {@code pos_emb.weight}
 * {@code [context, dim]}, drawn in that order from one generator, as the tutorial's
 * {@code torch.manual_seed(123)} followed by two {@code nn.Embedding}s does. The backend computes the
 * lookup and the add in one fused pass.
 *
 * <pre>{@code
 * GPTEmbedding embedding = new GPTEmbedding(backend, GPTConfig.GPT2_124M, 123L);
 * Tensor x = embedding.forward(backend.tensor(new int[][] {{40, 367, 2885, 1464}}));   // [1, 4, 768]
 * }</pre>
 *
 * <p>A sequence longer than the context length is an {@link IllegalArgumentException} naming both.
 */
public class GPTEmbedding extends Module {
    private final Embedding tokEmb;
    private final Embedding posEmb;

    /** Token and positional tables for {@code config}, drawn from {@code new Generator(seed)}. */
    public GPTEmbedding(Backend backend, GPTConfig config, long seed) {
        this(backend, config, new Generator(seed));
    }

    /** Token and positional tables for {@code config}, drawn from {@code generator} (token table first). */
    public GPTEmbedding(Backend backend, GPTConfig config, Generator generator) {
        this(
                new Embedding(backend, config.vocabSize(), config.embeddingDim(), generator),
                new Embedding(backend, config.contextLength(), config.embeddingDim(), generator));
    }

    /**
     * A GPT embedding over existing layers (it takes ownership of both): for example the very layers a
     * learner built by hand, so that the module's output can be checked against the manual sum.
     */
    public GPTEmbedding(Embedding tokenEmbedding, Embedding positionalEmbedding) {
        if (tokenEmbedding.embeddingDim() != positionalEmbedding.embeddingDim()) {
            throw new IllegalArgumentException("token embeddings are " + tokenEmbedding.embeddingDim()
                    + " wide but positional embeddings are " + positionalEmbedding.embeddingDim());
        }
        if (tokenEmbedding.weight().value().backend()
                != positionalEmbedding.weight().value().backend()) {
            throw new IllegalArgumentException("token and positional embeddings are on different backends");
        }
        this.tokEmb = registerModule("tok_emb", tokenEmbedding);
        this.posEmb = registerModule("pos_emb", positionalEmbedding);
    }

    /** {@code tok_emb(ids) + pos_emb(arange(T))} for ids {@code [B, T]} or {@code [T]}, in one fused pass. */
    @Override
    public Tensor forward(Tensor ids) {
        return Functional.inputEmbedding(
                ids, tokEmb.weight().value(), posEmb.weight().value());
    }

    /** The token-embedding layer ({@code tok_emb}). */
    public Embedding tokenEmbedding() {
        return tokEmb;
    }

    /** The positional-embedding layer ({@code pos_emb}). */
    public Embedding positionalEmbedding() {
        return posEmb;
    }

    /** The longest sequence it accepts. */
    public int contextLength() {
        return posEmb.numEmbeddings();
    }

    @Override
    public String toString() {
        return "GPTEmbedding(\n  (tok_emb): " + tokEmb + "\n  (pos_emb): " + posEmb + "\n)";
    }
}
