package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class Gpt2TokenizerTest {
    private final Tokenizer tok = Gpt2Tokenizer.instance();
    private static final String HELLO =
            "Hello, do you like tea? <|endoftext|> In the sunlit terraces of someunknownPlace.";

    @Test
    void encodesTheTutorialsSentenceWithEndOfTextAllowed() {
        assertArrayEquals(
                new int[] {
                    15496, 11, 466, 345, 588, 8887, 30, 220, 50256, 554, 262, 4252, 18250, 8812, 2114, 286, 617, 34680,
                    27271, 13
                },
                tok.encode(HELLO, Set.of("<|endoftext|>")));
    }

    @Test
    void refusesASpecialTokenByDefaultNamingItAndHowToAllowIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tok.encode(HELLO));
        assertTrue(e.getMessage().contains("'<|endoftext|>'"), e.getMessage());
        assertTrue(e.getMessage().contains("at character 24"), e.getMessage());
        assertTrue(e.getMessage().contains("encode(text, Set.of(\"<|endoftext|>\"))"), e.getMessage());
    }

    @Test
    void encodeOrdinaryTreatsSpecialTokensAsText() {
        int[] ids = tok.encodeOrdinary("<|endoftext|>");
        assertTrue(ids.length > 1);
        assertEquals("<|endoftext|>", tok.decode(ids));
    }

    @Test
    void specialTokensAtTheEdgesAndRepeated() {
        assertArrayEquals(
                new int[] {50256, 15496, 50256, 50256},
                tok.encode("<|endoftext|>Hello<|endoftext|><|endoftext|>", Set.of("<|endoftext|>")));
    }

    @Test
    void rejectsAnAllowedSpecialTokenTheEncodingDoesNotHave() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tok.encode("x", Set.of("<|fim|>")));
        assertTrue(e.getMessage().contains("<|fim|>") && e.getMessage().contains("<|endoftext|>"), e.getMessage());
    }

    @Test
    void decodesSpecialTokens() {
        assertEquals(HELLO, tok.decode(tok.encode(HELLO, Set.of("<|endoftext|>"))));
    }

    @Test
    void roundTripsNonAsciiText() {
        String text =
                "Café naïve résumé — “curly quotes” and ‘single’ ones… 東京 Ελλάδα Москва 🙂🎨👩‍👩‍👧 ±3°C\r\n\tend";
        int[] ids = tok.encode(text);
        assertEquals(text, tok.decode(ids));
        assertTrue(ids.length > 30);
    }

    @Test
    void knowsTheGpt2Vocabulary() {
        assertEquals(50257, tok.vocabSize());
        assertEquals(50256, tok.specialTokens().get("<|endoftext|>"));
        assertEquals("r50k_base", tok.name());
    }

    @Test
    void decodeRejectsAnIdOutsideTheVocabulary() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {1, 50257}));
        assertTrue(e.getMessage().contains("50257") && e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void theVerdictHas5145Tokens() {
        assertEquals(5145, tok.encode(SharedData.verdictText()).length);
    }

    @Test
    void theVerdictRoundTrips() {
        String text = SharedData.verdictText();
        assertEquals(text, tok.decode(tok.encode(text)));
    }
}
