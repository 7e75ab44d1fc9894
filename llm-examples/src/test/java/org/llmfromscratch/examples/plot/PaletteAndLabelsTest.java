package org.llmfromscratch.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PaletteAndLabelsTest {

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
    void controlCharactersInLabelsBecomeVisibleEscapes() {
        assertEquals("\\n", DistinctPoints.printable("\n"));
        assertEquals(" the\\t", DistinctPoints.printable(" the\t"));
        assertEquals("\\u0000", DistinctPoints.printable("\0"));
    }
}
