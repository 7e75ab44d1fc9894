package org.llmfromscratch.data;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.util.Map;
import java.util.Set;

/**
 * GPT-2's byte-pair encoding ({@code tiktoken.get_encoding("gpt2")}, which is {@code r50k_base}) on
 * jtokkit: the same ids as tiktoken for any text, 50257 ids, {@code <|endoftext|>} = 50256.
 *
 * <p>jtokkit's {@code encode} refuses every special token and its {@code encodeOrdinary} treats them as
 * text, so allowed special tokens are handled here: the text is cut at each allowed occurrence, the
 * pieces are encoded ordinarily, and the special ids go between them, exactly what tiktoken does.
 * Instances are immutable and safe to share between threads; {@link #instance()} returns a shared one
 * (loading the 50k-entry vocabulary takes a few hundred milliseconds).
 */
public final class Gpt2Tokenizer implements Tokenizer {
    /** The GPT-2 end-of-text token. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** Its id. */
    public static final int END_OF_TEXT_ID = 50256;

    private static final Map<String, Integer> SPECIALS = Map.of(END_OF_TEXT, END_OF_TEXT_ID);
    private static final int VOCAB_SIZE = 50257;

    private static final class Holder {
        static final Gpt2Tokenizer INSTANCE = new Gpt2Tokenizer();
    }

    private final Encoding encoding;

    private Gpt2Tokenizer() {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    }

    /** The shared instance. */
    public static Gpt2Tokenizer instance() {
        return Holder.INSTANCE;
    }

    /** jtokkit's encoding, for comparisons and benchmarks. */
    public Encoding jtokkit() {
        return encoding;
    }

    @Override
    public String name() {
        return "r50k_base";
    }

    @Override
    public int[] encode(String text, Set<String> allowedSpecial) {
        for (String s : allowedSpecial) {
            if (!SPECIALS.containsKey(s)) {
                throw new IllegalArgumentException("allowedSpecial contains '" + s + "', which is not a special token of "
                        + name() + "; its special tokens are " + SPECIALS.keySet());
            }
        }
        int at = text.indexOf(END_OF_TEXT);
        if (at < 0) {
            return encodeOrdinary(text);
        }
        if (!allowedSpecial.contains(END_OF_TEXT)) {
            throw new IllegalArgumentException("the text contains the special token '" + END_OF_TEXT + "' at character "
                    + at + ", which encode() refuses by default as tiktoken does; to encode it as id " + END_OF_TEXT_ID
                    + " call encode(text, Set.of(\"" + END_OF_TEXT + "\")), to encode it as plain text call"
                    + " encodeOrdinary(text)");
        }
        IntArrayList out = new IntArrayList(text.length() / 3 + 16);
        int from = 0;
        while (at >= 0) {
            appendOrdinary(text.substring(from, at), out);
            out.add(END_OF_TEXT_ID);
            from = at + END_OF_TEXT.length();
            at = text.indexOf(END_OF_TEXT, from);
        }
        appendOrdinary(text.substring(from), out);
        return out.toArray();
    }

    private void appendOrdinary(String piece, IntArrayList out) {
        if (piece.isEmpty()) {
            return;
        }
        IntArrayList ids = encoding.encodeOrdinary(piece);
        for (int i = 0, n = ids.size(); i < n; i++) {
            out.add(ids.get(i));
        }
    }

    @Override
    public int[] encodeOrdinary(String text) {
        return encoding.encodeOrdinary(text).toArray();
    }

    @Override
    public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= VOCAB_SIZE) {
                throw new IllegalArgumentException("token id " + ids[i] + " at position " + i + " is outside the "
                        + name() + " vocabulary: valid ids are 0.." + (VOCAB_SIZE - 1));
            }
            list.add(ids[i]);
        }
        return encoding.decode(list);
    }

    @Override
    public int vocabSize() {
        return VOCAB_SIZE;
    }

    @Override
    public Map<String, Integer> specialTokens() {
        return SPECIALS;
    }

    @Override
    public String toString() {
        return "Gpt2Tokenizer[" + name() + ", " + VOCAB_SIZE + " ids]";
    }
}
