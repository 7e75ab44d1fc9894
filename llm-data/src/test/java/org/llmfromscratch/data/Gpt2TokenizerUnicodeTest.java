package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.util.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * tiktoken's ids on every JDK, JDK 17 included, for letters and digits newer than the JVM's Unicode tables.
 * The expected ids were computed with jtokkit's regex on Temurin 25 (Unicode 16), which agrees with tiktoken.
 */
class Gpt2TokenizerUnicodeTest {
    private final Tokenizer tok = Gpt2Tokenizer.instance();

    @Test
    void lettersAndDigitsOfUnicode14To16BeforeContractions() {
        assertArrayEquals(new int[] {156, 94, 108, 338}, tok.encodeOrdinary("\u0870's")); // JDK 17: 6, 82
        assertArrayEquals(new int[] {172, 239, 120, 226, 1183}, tok.encodeOrdinary("\uD807\uDF04'll"));
        assertArrayEquals(
                new int[] {172, 252, 241, 108, 172, 252, 241, 109, 338, 1105},
                tok.encodeOrdinary("\uD839\uDCF0\uD839\uDCF1's 12"));
        assertArrayEquals(
                new int[] {
                    220, 156, 94, 108, 1053, 220, 156, 94, 108, 1101, 220, 156, 94, 108, 1549, 220, 156, 94, 108, 821
                },
                tok.encodeOrdinary(" \u0870've \u0870'm \u0870'd \u0870're"));
        assertArrayEquals(new int[] {156, 94, 108, 338}, tok.encode("\u0870's"));
        assertArrayEquals(
                new int[] {156, 94, 108, 338, 50256, 156, 94, 108, 338},
                tok.encode("\u0870's<|endoftext|>\u0870's", java.util.Set.of("<|endoftext|>")));
    }

    /** All 9,917 letters and digits of Unicode 14 to 16, each as {@code X's X'll XX}: 207,237 ids on JDK 25. */
    @Test
    void everyNewLetterAndDigitGivesTiktokensIds() {
        StringBuilder text = new StringBuilder();
        int count = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int cls = PreTokenizer.classOf(cp);
            if ((cls == PreTokenizer.LETTER || cls == PreTokenizer.NUMBER)
                    && UCharacter.getAge(cp).compareTo(VersionInfo.getInstance(14)) >= 0) {
                String x = new String(Character.toChars(cp));
                text.append(x)
                        .append("'s ")
                        .append(x)
                        .append("'ll ")
                        .append(x)
                        .append(x)
                        .append('\n');
                count++;
            }
        }
        assertEquals(9_917, count);
        int[] ids = tok.encodeOrdinary(text.toString());
        assertEquals(207_237, ids.length);
        assertEquals("e59edabb", Long.toHexString(crc(ids)));
        assertArrayEquals(
                ids,
                CorpusEncoder.builder()
                        .progress(null)
                        .threads(2)
                        .pieceChars(1000)
                        .cacheDirectory(null)
                        .build()
                        .encode(text),
                "the parallel corpus encoder gives the same ids");
    }

    /** Where the JVM's classes agree with ICU's, the hand-written pre-tokenizer cuts exactly where the regex does. */
    @Test
    void thePreTokenizerMatchesTheRegexOnTrickyText() {
        Pattern regex = Pattern.compile(
                "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
                Pattern.UNICODE_CHARACTER_CLASS);
        String[] parts = {
            "a",
            "b",
            "Z",
            "é",
            "1",
            "٣",
            "'",
            "s",
            "t",
            "ll",
            "re",
            "ve",
            "m",
            "d",
            " ",
            "  ",
            "\n",
            "\t",
            "\r\n",
            "\u00A0",
            "\u3000",
            ".",
            "!?",
            "-",
            "😀",
            "\uD835\uDC00",
            "<|",
            "|>",
            "x'S"
        };
        Random rnd = new Random(42);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0, n = rnd.nextInt(30); i < n; i++) {
                sb.append(parts[rnd.nextInt(parts.length)]);
            }
            String t = sb.toString();
            List<String> expected = new ArrayList<>();
            Matcher m = regex.matcher(t);
            while (m.find()) {
                expected.add(m.group());
            }
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < t.length(); ) {
                int end = PreTokenizer.nextPiece(t, i, t.length());
                pieces.add(t.substring(i, end));
                i = end;
            }
            assertEquals(expected, pieces, "text '" + t + "'");
        }
    }

    private static long crc(int[] ids) {
        CRC32 crc = new CRC32();
        for (int id : ids) {
            crc.update(id >>> 24);
            crc.update(id >>> 16);
            crc.update(id >>> 8);
            crc.update(id);
        }
        return crc.getValue();
    }
}
