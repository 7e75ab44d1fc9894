package org.llmfromscratch.models.generate;

/**
 * How {@link TextGenerator} chooses tokens, the arguments of the book's {@code generate}.
 *
 * @param maxNewTokens how many tokens to add at most
 * @param temperature 0 for greedy (arg-max), else the logits are divided by it before sampling; never negative
 * @param topK keep only the k most likely tokens (0: all)
 * @param topP keep the smallest set of most likely tokens reaching this probability (1: all)
 * @param eosId stop when this token is chosen, without adding it (-1: never)
 * @param useCache reuse keys and values of earlier positions (the result is the same; only the speed differs)
 */
public record GenerationConfig(
        int maxNewTokens, double temperature, int topK, double topP, int eosId, boolean useCache) {

    public GenerationConfig {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0 (0 means greedy), got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 1 (or 0 for no top-k filter), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
    }

    /** Greedy decoding of {@code maxNewTokens} tokens with the cache, as {@code generate_text_simple}. */
    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(maxNewTokens, 0, 0, 1, -1, true);
    }

    /** This configuration with a temperature. */
    public GenerationConfig withTemperature(double t) {
        return new GenerationConfig(maxNewTokens, t, topK, topP, eosId, useCache);
    }

    /** This configuration with a top-k filter (0: none). */
    public GenerationConfig withTopK(int k) {
        return new GenerationConfig(maxNewTokens, temperature, k, topP, eosId, useCache);
    }

    /** This configuration with a top-p filter (1: none). */
    public GenerationConfig withTopP(double p) {
        return new GenerationConfig(maxNewTokens, temperature, topK, p, eosId, useCache);
    }

    /** This configuration with an end-of-text id (-1: none). */
    public GenerationConfig withEosId(int id) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, id, useCache);
    }

    /** This configuration with or without the key-value cache. */
    public GenerationConfig withCache(boolean cache) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, eosId, cache);
    }
}
