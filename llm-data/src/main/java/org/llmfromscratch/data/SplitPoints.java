package org.llmfromscratch.data;

/**
 * Where a text may be cut so that encoding the pieces separately gives exactly the ids of encoding the
 * whole text: the property that lets {@link CorpusEncoder} use every core.
 *
 * <p><b>Why the cuts are safe.</b> GPT-2 first splits text with the regex
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+} (scanned left to
 * right, each match starting where the previous ended) and then byte-pair encodes each match on its
 * own, so two cuttings give the same ids iff they give the same matches. Facts about that regex:
 * (a) every character starts some alternative, so the matches tile the text; (b) it has no lookbehind
 * and no anchors, so the matches from a match boundary on depend only on the text from there on;
 * (c) a match never mixes whitespace with other characters except one leading space {@code ' '}
 * before letters, digits or punctuation; (d) an attempt starting at {@code s} reads only the run of
 * one class it consumes plus one character after it (greedy end or the {@code (?!\S)} lookahead, the
 * contractions read at most 2 past an apostrophe and stop at whitespace). Write W for surely-whitespace
 * ({@code ' ', \t, \n, \r}, whitespace for every definition of {@code \s}) and N for surely-not-whitespace
 * (not whitespace for any definition and not an edge character of a special token).
 *
 * <p><b>Rule 1: cut at b when t[b-1], t[b] are W and t[b+1] is N.</b> Let the whitespace run around
 * b be [q, b+1), q &lt;= b-1. In the whole text, the match containing t[q-1] (non-whitespace) ends at q
 * by (c); at q, {@code \s+(?!\S)} grabs [q, b+1), its lookahead fails on t[b+1], it backs off one
 * character and succeeds: the match is [q, b), so b is a boundary, and by (b) the matches after b are
 * those of the suffix alone. In the prefix t[0, b), the run [q, b) ends the input and
 * {@code \s+(?!\S)} matches it whole: the same [q, b). Attempts before q read at most t[q] by (d),
 * which the prefix holds; so all matches of the prefix are the same too.
 *
 * <p><b>Rule 2: cut at b when t[b-2] is N, t[b-1] is {@code \n} and t[b] is N.</b> The newline is a
 * one-character whitespace run. In the whole text {@code \s+(?!\S)} fails on it (t[b] is not space)
 * and {@code \s+} matches [b-1, b); in the prefix {@code \s+(?!\S)} matches [b-1, b) at the end of
 * input. The leading-space alternatives need a {@code ' '}, not a newline, so no match crosses b.
 * Attempts before b-1 stop at the newline by (c), (d): the prefix reads the same characters.
 *
 * <p>Special tokens contain no whitespace, so a cut next to whitespace never falls inside one; the N
 * characters exclude the first and last characters of special tokens so that an allowed special token
 * right beside a cut cannot turn t[b+1] or t[b-2] into the end of an ordinary segment. CorpusEncoderTest
 * checks the rules against whole-text encoding on random texts built from the tricky characters.
 */
final class SplitPoints {
    private final String specialEdges;

    /** @param specialEdges the first and last characters of every special token */
    SplitPoints(String specialEdges) {
        this.specialEdges = specialEdges;
    }

    static SplitPoints forTokenizer(Tokenizer tokenizer) {
        StringBuilder edges = new StringBuilder();
        for (String s : tokenizer.specialTokens().keySet()) {
            edges.append(s.charAt(0)).append(s.charAt(s.length() - 1));
        }
        return new SplitPoints(edges.toString());
    }

    /**
     * The largest cut b with {@code floor <= b < length} whose rule reads only {@code t[0, length)}, or
     * -1 if there is none.
     */
    int lastCut(char[] t, int floor, int length) {
        for (int b = length - 1; b >= Math.max(floor, 2); b--) {
            if (isCut(t, b, length)) {
                return b;
            }
        }
        return -1;
    }

    /** Whether {@code b} is a cut by rule 1 or rule 2, reading only {@code t[0, length)}. */
    boolean isCut(char[] t, int b, int length) {
        if (b < 2 || b >= length) {
            return false;
        }
        char c = t[b];
        char before = t[b - 1];
        return b + 1 < length && isW(before) && isW(c) && isN(t[b + 1]) || before == '\n' && isN(c) && isN(t[b - 2]);
    }

    /** Every cut of {@code text}, ascending: for tests. */
    java.util.List<Integer> allCuts(String text) {
        char[] t = text.toCharArray();
        java.util.List<Integer> cuts = new java.util.ArrayList<>();
        for (int b = 2; b < t.length; b++) {
            if (isCut(t, b, t.length)) {
                cuts.add(b);
            }
        }
        return cuts;
    }

    private static boolean isW(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private boolean isN(char c) {
        // Not whitespace under Java's ASCII \s, Unicode White_Space (UNICODE_CHARACTER_CLASS) or Rust's \s.
        return c > ' '
                && (c < 0x7F || c > 0xA0)
                && !Character.isWhitespace(c)
                && !Character.isSpaceChar(c)
                && specialEdges.indexOf(c) < 0;
    }
}
