package org.llmfromscratch.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.llmfromscratch.api.Generator;
import org.llmfromscratch.api.NoGrad;
import org.llmfromscratch.api.Tensor;
import org.llmfromscratch.api.TensorScope;
import org.llmfromscratch.models.attention.KeyValueCache;
import org.llmfromscratch.models.gpt.GPTModel;

/**
 * The book's {@code generate(model, idx, max_new_tokens, context_size, temperature, top_k, eos_id)} for one
 * sequence, in evaluation mode and without gradients. With the key-value cache each new token costs one
 * position; once the sequence is longer than the context, the last {@code context_length} tokens are
 * recomputed for every new token, as the book crops its input, so the tokens are the same with and
 * without the cache.
 */
public final class TextGenerator {
    private final GPTModel model;

    /** A generator of text from {@code model} (switched to evaluation mode while generating). */
    public TextGenerator(GPTModel model) {
        this.model = model;
    }

    /**
     * The prompt followed by up to {@code cfg.maxNewTokens()} new token ids; each new id is also handed to
     * {@code onToken} as soon as it is chosen (null: no callback). Sampling draws from {@code generator}.
     *
     * @throws IllegalArgumentException for an empty prompt, an id outside the vocabulary, or a prompt longer
     *     than the context length (crop it first, e.g. with {@link #lastTokens})
     */
    public int[] generate(int[] prompt, GenerationConfig cfg, Generator generator, IntConsumer onToken) {
        int vocab = model.config().vocabSize();
        int context = model.config().contextLength();
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty: generation needs at least one token");
        }
        for (int i = 0; i < prompt.length; i++) {
            if (prompt[i] < 0 || prompt[i] >= vocab) {
                throw new IllegalArgumentException("token id " + prompt[i] + " at position " + i
                        + " is outside the vocabulary" + " of " + vocab + " tokens: valid ids are 0.." + (vocab - 1));
            }
        }
        if (prompt.length > context) {
            throw new IllegalArgumentException(
                    "the prompt has " + prompt.length + " tokens, more than the context length " + context
                            + "; crop it to the last " + context + " tokens (lastTokens) or shorten it");
        }
        if (cfg.topK() > vocab) {
            throw new IllegalArgumentException("topK must be in 1.." + vocab + ", got " + cfg.topK());
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        List<KeyValueCache> caches = new ArrayList<>();
        for (int i = 0; i < model.blocks().size(); i++) {
            caches.add(new KeyValueCache());
        }
        int[] ids = Arrays.copyOf(prompt, prompt.length + cfg.maxNewTokens());
        int length = prompt.length;
        try (NoGrad off = NoGrad.enter()) {
            int fed = 0; // tokens of ids[] already in the caches
            for (int step = 0; step < cfg.maxNewTokens(); step++) {
                float[] logits;
                try (TensorScope scope = TensorScope.open()) {
                    Tensor out;
                    if (!cfg.useCache()) {
                        out = model.forward(window(ids, Math.max(0, length - context), length));
                    } else if (length > context) {
                        caches.forEach(KeyValueCache::reset); // the window slid: positions changed
                        out = model.forward(window(ids, length - context, length));
                    } else {
                        out = model.forward(window(ids, fed, length), caches);
                        fed = length;
                    }
                    logits = out.select(0, 0).select(0, out.size(1) - 1).toFloatArray();
                }
                int next = choose(logits, cfg, generator);
                if (next == cfg.eosId()) {
                    break;
                }
                ids[length++] = next;
                if (onToken != null) {
                    onToken.accept(next);
                }
            }
        } finally {
            caches.forEach(KeyValueCache::close);
            model.train(wasTraining);
        }
        return Arrays.copyOf(ids, length);
    }

    /** The last {@code n} ids (all if there are fewer): the book's {@code idx[:, -context_size:]}. */
    public static int[] lastTokens(int[] ids, int n) {
        return Arrays.copyOfRange(ids, Math.max(0, ids.length - n), ids.length);
    }

    private Tensor window(int[] ids, int from, int to) {
        return model.tokenEmbedding().weight().value().backend().tensor(new int[][] {Arrays.copyOfRange(ids, from, to)
        });
    }

    private static int choose(float[] logits, GenerationConfig cfg, Generator generator) {
        float[] l = logits;
        if (cfg.topK() > 0) {
            l = Sampling.topK(l, cfg.topK());
        }
        if (cfg.temperature() == 0) {
            return Sampling.argmax(l);
        }
        float[] scaled = new float[l.length];
        float t = (float) cfg.temperature();
        for (int i = 0; i < l.length; i++) {
            scaled[i] = l[i] / t;
        }
        if (cfg.topP() < 1) {
            scaled = Sampling.topP(scaled, cfg.topP());
        }
        return Sampling.multinomial(Sampling.softmax(scaled), generator);
    }
}
