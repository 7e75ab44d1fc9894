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
public record GPTConfig(
        int vocabSize,
        int contextLength,
        int embeddingDim,
        int numHeads,
        int numLayers,
        double dropRate,
        boolean qkvBias) {

    /** GPT-2 small: vocab 50257, context 1024, dim 768, 12 heads, 12 layers, dropout 0.1, no qkv bias. */
    public static final GPTConfig GPT2_124M = new GPTConfig(50257, 1024, 768, 12, 12, 0.1, false);
    /** GPT-2 medium: dim 1024, 24 layers, 16 heads (the book's {@code gpt2-medium (355M)}). */
    public static final GPTConfig GPT2_355M = new GPTConfig(50257, 1024, 1024, 16, 24, 0.1, false);
    /** GPT-2 large: dim 1280, 36 layers, 20 heads (the book's {@code gpt2-large (774M)}). */
    public static final GPTConfig GPT2_774M = new GPTConfig(50257, 1024, 1280, 20, 36, 0.1, false);
    /** GPT-2 XL: dim 1600, 48 layers, 25 heads (the book's {@code gpt2-xl (1558M)}). */
    public static final GPTConfig GPT2_1558M = new GPTConfig(50257, 1024, 1600, 25, 48, 0.1, false);

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

    /** This configuration with another number of heads. */
    public GPTConfig withNumHeads(int numHeads) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }

    /** This configuration with another number of transformer blocks. */
    public GPTConfig withNumLayers(int numLayers) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }

    /** This configuration with another dropout probability. */
    public GPTConfig withDropRate(double dropRate) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }

    /** This configuration with or without a bias in the query, key and value projections. */
    public GPTConfig withQkvBias(boolean qkvBias) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }

    /** This configuration with another vocabulary size. */
    public GPTConfig withVocabSize(int vocabSize) {
        return new GPTConfig(vocabSize, contextLength, embeddingDim, numHeads, numLayers, dropRate, qkvBias);
    }
}
