package org.llmfromscratch.data;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * GPT-2's pre-tokenizer, {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+},
 * written out by hand over character classes from ICU4J (Unicode 16, the tables of JDK 25 and of
 * tiktoken's regex engine).
 *
 * <p>Why: jtokkit runs that regex with {@code java.util.regex}, whose {@code \p{L}} and {@code \p{N}} are
 * the running JVM's Unicode tables. JDK 17 knows Unicode 13, so the 9,917 letters and digits added in
 * Unicode 14 to 16 are "other" there, and {@code "\u0870's"} splits as {@code "\u0870'" + "s"} instead
 * of tiktoken's {@code "\u0870" + "'s"}: other ids. {@link #scan} finds, cheaply, whether a text holds
 * any character the JVM classifies differently from ICU (then {@link #nextPiece} gives the pieces) and
 * its longest run of one class (which bounds its longest piece).
 */
final class PreTokenizer {
    static final byte WHITESPACE = 0;
    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte OTHER = 3;
    /** Set beside the class when the running JVM's regex classes put the code point elsewhere. */
    private static final byte JVM_DIFFERS = 4;

    private static final byte[] CLASSES = buildTable();

    private PreTokenizer() {}

    /** What {@link #scan} found: whether the JVM's regex would split differently, and the longest class run. */
    record Scan(boolean jvmDiffers, int longestRun, int longestRunStart) {}

    /** The pre-tokenizer class of a code point: {@link #WHITESPACE}, {@link #LETTER}, {@link #NUMBER} or {@link #OTHER}. */
    static int classOf(int cp) {
        return CLASSES[cp] & 3;
    }

    /** One pass over {@code t[from, to)}: no allocation, a table lookup per character. */
    static Scan scan(String t, int from, int to) {
        boolean differs = false;
        int runClass = -1;
        int runStart = from;
        int longest = 0;
        int longestStart = from;
        int i = from;
        while (i < to) {
            int cp = t.codePointAt(i);
            byte c = CLASSES[cp];
            differs |= (c & JVM_DIFFERS) != 0;
            int cls = c & 3;
            if (cls != runClass) {
                runClass = cls;
                runStart = i;
            }
            i += Character.charCount(cp);
            if (i - runStart > longest) {
                longest = i - runStart;
                longestStart = runStart;
            }
        }
        return new Scan(differs, longest, longestStart);
    }

    /** The end of the piece of {@code t[0, n)} that starts at {@code i}: the regex's next match, exactly. */
    static int nextPiece(String t, int i, int n) {
        char c = t.charAt(i);
        if (c == '\'' && i + 1 < n) { // 's|'t|'re|'ve|'m|'ll|'d
            char d = t.charAt(i + 1);
            if (d == 's' || d == 't' || d == 'm' || d == 'd') {
                return i + 2;
            }
            if (i + 2 < n) {
                char e = t.charAt(i + 2);
                if (d == 'r' && e == 'e' || d == 'v' && e == 'e' || d == 'l' && e == 'l') {
                    return i + 3;
                }
            }
        }
        int j = c == ' ' && i + 1 < n ? i + 1 : i; // the optional leading space
        int cls = classOf(t.codePointAt(j));
        if (cls != WHITESPACE) { // ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+
            return runEnd(t, j, n, cls);
        }
        int end = runEnd(t, i, n, WHITESPACE);
        if (end == n || end - i == 1) { // \s+(?!\S) at the end, else \s+ of one
            return end;
        }
        return end - 1; // \s+(?!\S) backs off one before a non-space
    }

    private static int runEnd(String t, int i, int n, int cls) {
        while (i < n) {
            int cp = t.codePointAt(i);
            if (classOf(cp) != cls) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static byte[] buildTable() {
        byte[] table = new byte[Character.MAX_CODE_POINT + 1];
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int icu = icuClass(cp);
            table[cp] = (byte) (icu | (icu != jvmClass(cp) ? JVM_DIFFERS : 0));
        }
        return table;
    }

    private static int icuClass(int cp) {
        if (UCharacter.hasBinaryProperty(cp, UProperty.WHITE_SPACE)) {
            return WHITESPACE;
        }
        return switch (UCharacter.getType(cp)) {
            case UCharacter.UPPERCASE_LETTER,
                    UCharacter.LOWERCASE_LETTER,
                    UCharacter.TITLECASE_LETTER,
                    UCharacter.MODIFIER_LETTER,
                    UCharacter.OTHER_LETTER -> LETTER;
            case UCharacter.DECIMAL_DIGIT_NUMBER, UCharacter.LETTER_NUMBER, UCharacter.OTHER_NUMBER -> NUMBER;
            default -> OTHER;
        };
    }

    /** The class java.util.regex gives with UNICODE_CHARACTER_CLASS, as jtokkit compiles the pattern. */
    private static int jvmClass(int cp) {
        int type = Character.getType(cp);
        if (type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || cp >= 0x9 && cp <= 0xD
                || cp == 0x85) {
            return WHITESPACE;
        }
        return switch (type) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            default -> OTHER;
        };
    }
}
