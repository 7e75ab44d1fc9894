package org.llmfromscratch.examples.train;

import org.llmfromscratch.api.Backend;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.nn.GPTConfig;
import org.llmfromscratch.api.nn.GPTEmbedding;
import org.llmfromscratch.api.nn.Linear;
import org.llmfromscratch.api.nn.Module;

/**
 * The smallest model that learns from next-token prediction: the tutorial's input embeddings followed by a
 * linear layer to the vocabulary, {@code logits = Linear(dim, vocab)(tok_emb(ids) + pos_emb(arange(T)))}.
 * Parameters: {@code embedding.tok_emb.weight}, {@code embedding.pos_emb.weight}, {@code out_head.weight},
 * {@code out_head.bias}.
 */
public final class NextTokenModel extends Module {
    private final GPTEmbedding embedding;
    private final Linear outHead;

    /** Draws the embeddings, then the output layer, from {@code generator}. */
    public NextTokenModel(Backend backend, GPTConfig config, Generator generator) {
        this.embedding = registerModule("embedding", new GPTEmbedding(backend, config, generator));
        this.outHead = registerModule(
                "out_head", new Linear(backend, config.embeddingDim(), config.vocabSize(), true, generator));
    }

    /** Logits {@code [B, T, vocab]} for ids {@code [B, T]}. */
    @Override
    public Tensor forward(Tensor ids) {
        return outHead.forward(embedding.forward(ids));
    }

    /** The input embeddings. */
    public GPTEmbedding embedding() {
        return embedding;
    }
}
