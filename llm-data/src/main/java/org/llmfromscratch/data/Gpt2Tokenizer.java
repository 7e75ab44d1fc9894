package org.llmfromscratch.data;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.GptBytePairEncodingParams;
import com.knuddels.jtokkit.api.IntArrayList;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-pair encoding ({@code tiktoken.get_encoding("gpt2")}, which is {@code r50k_base}) on
 * jtokkit: the same ids as tiktoken for any text, 50257 ids, {@code <|endoftext|>} = 50256.
 *
 * <p>jtokkit's {@code encode} refuses every special token and its {@code encodeOrdinary} treats them as
 * text, so allowed special tokens are handled here: the text is cut at each allowed occurrence, the
 * pieces are encoded ordinarily, and the special ids go between them, exactly what tiktoken does.
 * Instances are immutable and safe to share between threads; {@link #instance()} returns a shared one
 * (loading the 50k-entry vocabulary takes a few hundred milliseconds).
 *
 * <p><b>The same ids on every JDK.</b> jtokkit's pre-tokenizer regex uses the JVM's Unicode tables, and
 * JDK 17's (Unicode 13) lack the letters and digits of Unicode 14 to 16, which changes the ids of e.g.
 * {@code "ࡰ's"}. A quick scan ({@link PreTokenizer}) finds texts with such characters; those are cut
 * into pieces with ICU4J's Unicode 16 classes and each piece is byte-pair encoded on its own, exactly what
 * tiktoken does. Other texts go to jtokkit whole (the fast path).
 *
 * <p><b>Limit.</b> A piece (one match of the pre-tokenizer: a run of letters, of digits, of punctuation or
 * of whitespace) may have at most {@link #MAX_PIECE_CHARS} characters. Byte-pair encoding takes a piece
 * whole and needs a few hundred bytes per character of it (30 MB of {@code a} would need over 6 GB), so a
 * longer piece is refused up front with a {@link PieceTooLongException} naming its offset and length.
 */
public final class Gpt2Tokenizer implements Tokenizer {
    /** The GPT-2 end-of-text token. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** Its id. */
    public static final int END_OF_TEXT_ID = 50256;

    /** The longest piece encoded, in characters; a longer one is a {@link PieceTooLongException}. */
    public static final int MAX_PIECE_CHARS = 100_000;

    private static final Map<String, Integer> SPECIALS = Map.of(END_OF_TEXT, END_OF_TEXT_ID);
    private static final int VOCAB_SIZE = 50257;

    private static final class Holder {
        static final Gpt2Tokenizer INSTANCE = new Gpt2Tokenizer();
    }

    private final Encoding encoding;
    private volatile Encoding pieceEncoding;

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
                throw new IllegalArgumentException(
                        "allowedSpecial contains '" + s + "', which is not a special token of " + name()
                                + "; its special tokens are " + SPECIALS.keySet());
            }
        }
        int at = text.indexOf(END_OF_TEXT);
        if (at < 0) {
            return encodeOrdinary(text);
        }
        if (!allowedSpecial.contains(END_OF_TEXT)) {
            throw new DisallowedSpecialTokenException(
                    "the text contains the special token '" + END_OF_TEXT
                            + "' at character " + at
                            + ", which encode() refuses by default as tiktoken does; to encode it as id "
                            + END_OF_TEXT_ID + " call encode(text, Set.of(\"" + END_OF_TEXT
                            + "\")), to encode it as plain text"
                            + " call encodeOrdinary(text)",
                    END_OF_TEXT,
                    at);
        }
        IntArrayList out = new IntArrayList(text.length() / 3 + 16);
        int from = 0;
        while (at >= 0) {
            appendOrdinary(text, from, at, out);
            out.add(END_OF_TEXT_ID);
            from = at + END_OF_TEXT.length();
            at = text.indexOf(END_OF_TEXT, from);
        }
        appendOrdinary(text, from, text.length(), out);
        return out.toArray();
    }

    @Override
    public int[] encodeOrdinary(String text) {
        if (jtokkitAgrees(text, 0, text.length())) {
            return encoding.encodeOrdinary(text).toArray();
        }
        IntArrayList out = new IntArrayList(text.length() / 3 + 16);
        appendPieces(text, 0, text.length(), out);
        return out.toArray();
    }

    /**
     * Whether jtokkit may encode {@code text[from, to)} whole: the JVM classifies all its characters as
     * ICU does, and no run is long enough to make a piece over the limit (a piece is at most its class
     * run plus one leading space).
     */
    private static boolean jtokkitAgrees(String text, int from, int to) {
        PreTokenizer.Scan scan = PreTokenizer.scan(text, from, to);
        return !scan.jvmDiffers() && scan.longestRun() + 1 <= MAX_PIECE_CHARS;
    }

    /** The ordinary ids of {@code text[from, to)}, appended to {@code out}. */
    private void appendOrdinary(String text, int from, int to, IntArrayList out) {
        if (from == to) {
            return;
        }
        if (!jtokkitAgrees(text, from, to)) {
            appendPieces(text, from, to, out);
            return;
        }
        addAll(encoding.encodeOrdinary(from == 0 && to == text.length() ? text : text.substring(from, to)), out);
    }

    /** Cuts {@code text[from, to)} into pieces with ICU's classes and encodes each whole, as tiktoken does. */
    private void appendPieces(String text, int from, int to, IntArrayList out) {
        Encoding bpe = pieceEncoding();
        String part = text.substring(from, to);
        int n = part.length();
        for (int i = 0; i < n; ) {
            int end = PreTokenizer.nextPiece(part, i, n);
            if (end - i > MAX_PIECE_CHARS) {
                throw new PieceTooLongException("the text", from + i, end - i);
            }
            addAll(bpe.encodeOrdinary(part.substring(i, end)), out);
            i = end;
        }
    }

    private static void addAll(IntArrayList ids, IntArrayList out) {
        for (int i = 0, n = ids.size(); i < n; i++) {
            out.add(ids.get(i));
        }
    }

    /** r50k_base with a pattern that takes its input whole: the byte-pair encoding of one piece. */
    private Encoding pieceEncoding() {
        Encoding e = pieceEncoding;
        if (e == null) {
            synchronized (this) {
                e = pieceEncoding;
                if (e == null) {
                    GptBytePairEncodingParams params = new GptBytePairEncodingParams(
                            "r50k_base-piece", Pattern.compile("(?s).+"), loadRanks(), Map.of());
                    e = Encodings.newLazyEncodingRegistry()
                            .registerGptBytePairEncoding(params)
                            .getEncoding("r50k_base-piece")
                            .orElseThrow();
                    pieceEncoding = e;
                }
            }
        }
        return e;
    }

    /** jtokkit's own r50k_base vocabulary file: lines of base64 token bytes and rank. */
    private static Map<byte[], Integer> loadRanks() {
        String resource = "/com/knuddels/jtokkit/r50k_base.tiktoken";
        Map<byte[], Integer> ranks = new HashMap<>(70_000);
        try (InputStream in = Encodings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("jtokkit's " + resource + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    ranks.put(
                            Base64.getDecoder().decode(line.substring(0, space)),
                            Integer.parseInt(line.substring(space + 1).trim()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jtokkit's " + resource + ": " + e, e);
        }
        return ranks;
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
