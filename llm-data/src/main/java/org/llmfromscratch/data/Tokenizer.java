package org.llmfromscratch.data;

import java.util.Map;
import java.util.Set;

/**
 * Text to token ids and back, the role tiktoken's {@code Encoding} plays in the tutorial.
 *
 * <p>Special tokens follow tiktoken: {@link #encode(String)} refuses text that contains one (tiktoken's
 * {@code disallowed_special="all"}), because a document that merely quotes {@code <|endoftext|>} must not
 * silently gain a document boundary; {@link #encode(String, Set)} encodes the listed ones as their ids
 * ({@code allowed_special}) and still refuses the others.
 */
public interface Tokenizer {
    /** The encoding's name, e.g. {@code r50k_base} for GPT-2. */
    String name();

    /**
     * {@code tokenizer.encode(text)}: the ids of {@code text}.
     *
     * @throws IllegalArgumentException if the text contains a special token, naming the token, where it
     *     is, and how to allow it
     */
    default int[] encode(String text) {
        return encode(text, Set.of());
    }

    /**
     * {@code tokenizer.encode(text, allowed_special=allowedSpecial)}: listed special tokens become their
     * ids, any other special token in the text is an error.
     *
     * @throws IllegalArgumentException for a special token outside {@code allowedSpecial}, or an entry of
     *     {@code allowedSpecial} that is not a special token of this encoding
     */
    int[] encode(String text, Set<String> allowedSpecial);

    /**
     * {@code tokenizer.encode_ordinary(text)}: every special token in the text is encoded as plain text
     * (for GPT-2, {@code <|endoftext|>} becomes the 6 ids of {@code <, |, endoftext, |, >}).
     */
    int[] encodeOrdinary(String text);

    /** {@code tokenizer.decode(ids)}: the text of {@code ids}; an unknown id is an error naming it. */
    String decode(int[] ids);

    /** Number of ids, specials included: 50257 for GPT-2 (ids 0..50256). */
    int vocabSize();

    /** The special tokens and their ids, e.g. {@code <|endoftext|>} = 50256 for GPT-2. */
    Map<String, Integer> specialTokens();
}
