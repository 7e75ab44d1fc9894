package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The cut rules of {@link SplitPoints}, checked against encoding the whole text. */
class SplitPointsTest {
    private static final Tokenizer TOK = Gpt2Tokenizer.instance();
    private static final SplitPoints SPLITS = SplitPoints.forTokenizer(TOK);
    /** Fragments that stress GPT-2's pre-tokenizer: whitespace runs, contractions, digits, Unicode spaces. */
    private static final String[] FRAGMENTS = {
        " ",
        "  ",
        "   ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        " \n",
        "\n ",
        "a",
        "Hello",
        "world",
        "'s",
        "'ll",
        "'re",
        "'",
        "’s",
        "123",
        "4",
        "2026",
        ".",
        "!!",
        ",",
        "—",
        "…",
        "é",
        "naïve",
        "Ünïcödé",
        "東京",
        "🙂",
        "👩‍👩‍👧",
        "\u00A0",
        "\u2003",
        "\u3000",
        "\u0085",
        "\u000B",
        "\f",
        "“",
        "”",
        "x'",
        "$",
        "<",
        ">",
        "|",
        "-"
    };

    @Test
    void everyCutOfRandomTrickyTextsKeepsTheIdsOfTheWholeText() {
        Random rng = new Random(42);
        int cutsSeen = 0;
        for (int round = 0; round < 400; round++) {
            String text = randomText(rng, 10 + rng.nextInt(120), false);
            List<Integer> cuts = SPLITS.allCuts(text);
            cutsSeen += cuts.size();
            assertArrayEquals(
                    TOK.encode(text),
                    encodePieces(text, cuts, Set.of()),
                    () -> "text " + escape(text) + " cut at " + cuts);
        }
        assertTrue(cutsSeen > 2000, "the random texts must offer many cuts, saw " + cutsSeen);
    }

    @Test
    void cutsBesideAllowedSpecialTokensKeepTheIds() {
        Random rng = new Random(7);
        Set<String> allowed = Set.of(Gpt2Tokenizer.END_OF_TEXT);
        int cutsSeen = 0;
        for (int round = 0; round < 300; round++) {
            String text = randomText(rng, 10 + rng.nextInt(80), true);
            List<Integer> cuts = SPLITS.allCuts(text);
            cutsSeen += cuts.size();
            assertArrayEquals(
                    TOK.encode(text, allowed),
                    encodePieces(text, cuts, allowed),
                    () -> "text " + escape(text) + " cut at " + cuts);
        }
        assertTrue(cutsSeen > 1000, "saw " + cutsSeen + " cuts");
    }

    @Test
    void cutsWhereTheRulesSayAndNowhereElse() {
        // rule 1: inside a run of 2+ whitespace, before its last character; rule 2: after a lone \n
        assertEquals(List.of(2, 5, 9), SPLITS.allCuts("a  b\nc d\ne"));
        // a lone space joins the next word (" b"): never a cut; "\r\n" is a run of 2: cut between them
        assertEquals(List.of(2), SPLITS.allCuts("a\r\nb c"));
        // whitespace before a special token's edge character is not a cut
        assertEquals(List.of(), SPLITS.allCuts("a\n\n<|endoftext|>"));
        // no cut next to a no-break space, which only some definitions of \s call whitespace
        assertEquals(List.of(), SPLITS.allCuts("a\n\u00A0b"));
    }

    @Test
    void aNaiveCutAfterANewlineWouldChangeTheIds() {
        // Why the rules are needed: before a word the whole text makes "\n" + "\n" (198, 198), the prefix
        // "word\n\n" alone ends in "\n\n" (628).
        String text = "word\n\nnext";
        int[] whole = TOK.encode(text);
        int[] naive = IntStream.concat(IntStream.of(TOK.encode("word\n\n")), IntStream.of(TOK.encode("next")))
                .toArray();
        assertTrue(!java.util.Arrays.equals(whole, naive), "the naive cut should differ");
        assertArrayEquals(whole, encodePieces(text, SPLITS.allCuts(text), Set.of()));
    }

    static String randomText(Random rng, int fragments, boolean specials) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fragments; i++) {
            if (specials && rng.nextInt(12) == 0) {
                sb.append(Gpt2Tokenizer.END_OF_TEXT);
            } else {
                sb.append(FRAGMENTS[rng.nextInt(FRAGMENTS.length)]);
            }
        }
        return sb.toString();
    }

    private static int[] encodePieces(String text, List<Integer> cuts, Set<String> allowed) {
        List<Integer> bounds = new ArrayList<>(cuts);
        bounds.add(0, 0);
        bounds.add(text.length());
        IntStream all = IntStream.empty();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            all = IntStream.concat(
                    all, IntStream.of(TOK.encode(text.substring(bounds.get(i), bounds.get(i + 1)), allowed)));
        }
        return all.toArray();
    }

    private static String escape(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
