package org.llmfromscratch.api.nn;

/**
 * A GPT model's hyper-parameters, the {@code GPT_CONFIG_124M} dictionary of the tutorial.
 *
 * <pre>{@code
 * GPTConfig gpt2 = GPTConfig.GPT2_124M;                                  // vocab 50257, context 1024, dim 768
 * GPTConfig tutorial = GPT2_124M.withContextLength(4).withEmbeddingDim(256);  // chapter 2's small setting
 * }</pre>
 *
 * @param vocabSize     rows of the token-embedding table ({@code vocab_size})
 * @param contextLength rows of the positional table, the longest input ({@code context_length})
 * @param embeddingDim  width of every embedding ({@code emb_dim})
 * @param numHeads      attention heads ({@code n_heads}), for the layers after the embedding
 * @param numLayers     transformer blocks ({@code n_layers})
 * @param dropRate      dropout probability ({@code drop_rate})
 * @param qkvBias       whether query/key/value projections have a bias ({@code qkv_bias})
 */
public record GPTConfig(int vocabSize, int contextLength, int embeddingDim, int numHeads, int numLayers,
        double dropRate, boolean qkvBias) {

    /** GPT-2 small: vocab 50257, context 1024, dim 768, 12 heads, 12 layers, dropout 0.1, no qkv bias. */
    public static final GPTConfig GPT2_124M = new GPTConfig(50257, 1024, 768, 12, 12, 0.1, false);

    public GPTConfig {
        positive("vocabSize", vocabSize);
        positive("contextLength", contextLength);
        positive("embeddingDim", embeddingDim);
        positive("numHeads", numHeads);
        positive("numLayers", numLayers);
        if (!(dropRate >= 0 && dropRate < 1)) {
            throw new IllegalArgumentException("dropRate must be in [0, 1), got " + dropRate);
        }
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }

    /** This configuration with another context length (the tutorial uses 256, and 4 for the batch demo). */
    public GPTConfig withContextLength(int contextLength) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }

    /** This configuration with another embedding width (the tutorial uses 256). */
    public GPTConfig withEmbeddingDim(int embeddingDim) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }

    /** This configuration with another vocabulary size. */
    public GPTConfig withVocabSize(int vocabSize) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }
}
