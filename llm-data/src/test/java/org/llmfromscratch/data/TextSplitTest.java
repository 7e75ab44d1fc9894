package org.llmfromscratch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextSplitTest {
    @Test
    void splitsAtIntOfRatioTimesLengthLikePython() {
        TextSplit s = TextSplit.of("abcdefghij", 0.75); // int(0.75 * 10) = 7
        assertEquals("abcdefg", s.train());
        assertEquals("hij", s.validation());
    }

    @Test
    void countsCodePointsAsPythonsLenDoes() {
        TextSplit s = TextSplit.of("🙂🙂🙂🙂", 0.5); // len() == 4 in Python: split after 2 emoji, never inside one
        assertEquals("🙂🙂", s.train());
        assertEquals("🙂🙂", s.validation());
    }

    @Test
    void aRatioOutsideZeroToOneIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TextSplit.of("x", 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextSplit.of("x", Double.NaN));
    }
}
