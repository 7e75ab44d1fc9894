package org.llmfromscratch.data;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic English-like text for benchmarks and large-input demonstrations: sentences of common
 * words with some accented words, curly quotes, dashes, ellipses, numbers and the odd emoji, in lines
 * and paragraphs. Not a corpus to train on; the project ships no real corpus.
 */
public final class SyntheticText {
    private static final String[] WORDS = ("the of and to in a is that it was for on with as his he at by be this had"
                    + " not are but from or have an they which one you were her all she there would their we him been has"
                    + " when who will more no if out so said what up its about into than them can only other new some could"
                    + " time these two may then do first any my now such like our over man me even most made after also did"
                    + " many before must through back years where much your way well down should because each just those"
                    + " people how too little state good very make world still own see men work long get here between both"
                    + " life being under never day same another know while last might us great old year off come since"
                    + " against go came right used take three painter Gisburn Stroud sketch canvas portrait studio villa"
                    + " Riviera")
            .split(" ");
    private static final String[] FOREIGN = {
        "café",
        "naïve",
        "résumé",
        "Zürich",
        "São Paulo",
        "façade",
        "jalapeño",
        "Ærøskøbing",
        "smörgåsbord",
        "coöperate",
        "Straße",
        "Ελλάδα",
        "Москва",
        "東京",
        "€12.50",
        "±3°C",
        "🙂",
        "🎨"
    };
    private static final String[] PUNCT = {".", ".", ".", ",", ",", ";", "!", "?", " —", "…", ":"};

    private SyntheticText() {}

    /** About {@code chars} characters of text from {@code seed}. */
    public static String generate(int chars, long seed) {
        StringBuilder sb = new StringBuilder(chars + 200);
        SplittableRandom rng = new SplittableRandom(seed);
        while (sb.length() < chars) {
            paragraph(sb, rng);
        }
        return sb.toString();
    }

    /** Writes at least {@code bytes} bytes of UTF-8 text from {@code seed}, a paragraph at a time. */
    public static long write(Writer out, long bytes, long seed) throws IOException {
        return write(out, bytes, seed, ProgressListener.NONE);
    }

    /** {@link #write(Writer, long, long)}, reporting the bytes written so far of {@code bytes} to {@code progress}. */
    public static long write(Writer out, long bytes, long seed, ProgressListener progress) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(1 << 16);
        long written = 0;
        while (written < bytes) {
            sb.setLength(0);
            while (sb.length() < 1 << 15) {
                paragraph(sb, rng);
            }
            out.write(sb.toString());
            written += sb.toString().getBytes(StandardCharsets.UTF_8).length;
            progress.progress(Math.min(written, bytes), bytes);
        }
        return written;
    }

    private static void paragraph(StringBuilder sb, SplittableRandom rng) {
        int sentences = 2 + rng.nextInt(6);
        for (int s = 0; s < sentences; s++) {
            boolean quoted = rng.nextInt(6) == 0;
            if (quoted) {
                sb.append('“');
            }
            int words = 4 + rng.nextInt(14);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sb.append(rng.nextInt(12) == 0 ? PUNCT[rng.nextInt(PUNCT.length)] + " " : " ");
                }
                int k = rng.nextInt(100);
                String word = k < 4
                        ? FOREIGN[rng.nextInt(FOREIGN.length)]
                        : k < 6 ? Integer.toString(rng.nextInt(2030)) : WORDS[rng.nextInt(WORDS.length)];
                if (w == 0 && Character.isLowerCase(word.charAt(0))) {
                    word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                }
                if (k >= 6 && rng.nextInt(25) == 0) {
                    word = word + "’s";
                }
                sb.append(word);
            }
            sb.append(PUNCT[rng.nextInt(3)]);
            if (quoted) {
                sb.append('”');
            }
            sb.append(rng.nextInt(4) == 0 ? "\n" : " ");
        }
        sb.append("\n\n");
    }
}
