package org.llmfromscratch.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaletteAndTicksTest {

    @Test
    void zeroIsWhiteAndTheEndsAreDeepRedAndDeepBlue() {
        assertEquals(0xffffff, DivergingColorMap.rgb(0, 2));
        int red = DivergingColorMap.rgb(2, 2);
        int blue = DivergingColorMap.rgb(-2, 2);
        assertTrue(Pixels.red(red) > 150 && Pixels.blue(red) < 60);
        assertTrue(Pixels.blue(blue) > 150 && Pixels.red(blue) < 60);
        assertEquals(red, DivergingColorMap.rgb(50, 2), "values beyond the limit are clamped");
    }

    @Test
    void colourFadesMonotonicallyTowardsWhiteAsValuesApproachZero() {
        int previousGreen = -1;
        for (int i = -10; i <= 0; i++) {
            int green = Pixels.green(DivergingColorMap.rgb(i / 10.0, 1));
            assertTrue(green >= previousGreen, "green rises towards zero at " + i);
            previousGreen = green;
        }
    }

    @Test
    void indexTicksAreRoundAndEndOnTheLastIndex() {
        assertEquals(List.of(0, 50, 100, 150, 200, 255), NiceTicks.indices(256, 12));
        assertEquals(List.of(0, 1, 2, 3), NiceTicks.indices(4, 3));
        assertEquals(List.of(0), NiceTicks.indices(1, 5));
        assertEquals(List.of(0, 10, 20, 31), NiceTicks.indices(32, 6));
    }

    @Test
    void valueTicksAreMultiplesOfARoundStep() {
        assertEquals(2.0, NiceTicks.step(13, 8));
        assertEquals(0.5, NiceTicks.step(3.2, 8));
        assertEquals(List.of(-4.0, -2.0, 0.0, 2.0, 4.0), NiceTicks.values(-5, 5, 2));
        assertEquals("-0.5", NiceTicks.format(-0.5, 0.5));
        assertEquals("0", NiceTicks.format(-1e-17, 2));
    }

    @Test
    void dataValuesKeepThreeSignificantDigits() {
        assertEquals("2.85", NiceTicks.format(2.8512));
        assertEquals("-0.0123", NiceTicks.format(-0.012345));
        assertEquals("123", NiceTicks.format(123.4));
        assertEquals("1.23e+05", NiceTicks.format(123456));
        assertEquals("0", NiceTicks.format(0));
    }

    @Test
    void controlCharactersInLabelsBecomeVisibleEscapes() {
        assertEquals("\\n", Canvas.printable("\n"));
        assertEquals(" the\\t", Canvas.printable(" the\t"));
        assertEquals("\\u0000", Canvas.printable("\0"));
    }
}
